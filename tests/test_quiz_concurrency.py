"""No lost and no double-counted answers when posts arrive at the same moment: real POSTs through
django.test.Client from many threads, against a database that commits for real (transactional_db).

Each check is a plain function taking the lesson URL, so the same check runs on the default database
(SQLite, with the WAL, IMMEDIATE and busy-timeout settings of cms.settings.base) and on PostgreSQL.
"""

import sqlite3
import tempfile
import threading
from collections import Counter
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from django.db import connection, connections
from django.test import Client

from cms.learning.models import Learner, QuizAttempt
from cms.packs.importer import install_pack
from tests.learning_helpers import CONTRACT_HALF, CONTRACT_RIGHT, CONTRACT_URL, fresh_form, post_quiz

THREADS = 20
DISTINCT_FORMS = 5  # 20 posts: 5 forms (tabs), each posted 4 times (taps)


def post_all_at_once(cookies, url, forms) -> list:
    """POST every form in ``forms`` from its own thread and Client (sharing the browser's ``cookies``),
    released together by a barrier; returns the responses in order."""
    responses = [None] * len(forms)
    errors = []
    start = threading.Barrier(len(forms))

    def post(index):
        client = Client()
        client.cookies.update(cookies)
        try:
            start.wait()
            responses[index] = post_quiz(client, url, CONTRACT_RIGHT, forms[index])
        except Exception as error:  # an error in the view, e.g. a lock not waited for
            errors.append(error)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=post, args=(index,)) for index in range(len(forms))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, f"{len(errors)} of {len(forms)} posts failed, the first with {errors[0]!r}"
    return responses


def check_duplicate_and_distinct_posts(url):
    """A learner's 5 open forms, each posted 4 times at once, record exactly 5 attempts, one per form."""
    browser = Client()
    post_quiz(browser, url, CONTRACT_HALF)  # the first answer makes the learner
    learner = Learner.objects.get()
    forms = [fresh_form(browser, url) for _ in range(DISTINCT_FORMS)]
    posted = [forms[index % DISTINCT_FORMS] for index in range(THREADS)]

    with database_threads_can_share():
        responses = post_all_at_once(browser.cookies, url, posted)

    assert [response.status_code for response in responses] == [302] * THREADS
    # Every post of the same form was sent to the one attempt that form recorded.
    review_of_form = {}
    for form, response in zip(posted, responses, strict=True):
        assert review_of_form.setdefault(form["token"], response["Location"]) == response["Location"]
    assert len(set(review_of_form.values())) == DISTINCT_FORMS
    assert QuizAttempt.objects.filter(learner=learner).count() == 1 + DISTINCT_FORMS
    assert Learner.objects.count() == 1


def check_double_tapped_first_answer(url):
    """A browser without a learner posts its first form from 20 threads at once: one learner, one attempt."""
    browser = Client()
    form = fresh_form(browser, url)

    with database_threads_can_share():
        responses = post_all_at_once(browser.cookies, url, [form] * THREADS)

    assert Counter(response.status_code for response in responses) == {302: THREADS}
    assert len({response["Location"] for response in responses}) == 1
    assert Learner.objects.count() == 1 and QuizAttempt.objects.count() == 1


@contextmanager
def database_threads_can_share():
    """Let other threads write to the test database while this block runs.

    Django's SQLite test database lives in memory, where connections share one cache: a second
    writer fails at once with "database table is locked" instead of waiting, which is nothing like
    the file database the site runs on. So for SQLite the block runs on a file copy, with the site's
    own connection settings (WAL, BEGIN IMMEDIATE, busy timeout), and the result is copied back for
    the checks. Other databases need nothing.
    """
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    settings = connections.settings[connection.alias]
    memory_name = settings["NAME"]
    connection.ensure_connection()
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "threads.sqlite3")
        with closing(sqlite3.connect(path)) as file_database:
            connection.connection.backup(file_database)
            # In WAL already, as the site's database is after its first connection: otherwise the threads'
            # first connections all switch it at once, and SQLite refuses every one ("database is locked").
            file_database.execute("PRAGMA journal_mode=WAL")
        settings["NAME"] = path  # the threads' new connections open the file
        try:
            yield
        finally:
            settings["NAME"] = memory_name
        with closing(sqlite3.connect(path)) as file_database:
            file_database.backup(connection.connection)


@pytest.fixture
def lesson_url(site, pack_copy):
    install_pack(pack_copy, site)
    return CONTRACT_URL.format(language="en")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_duplicate_and_distinct_posts_at_once(lesson_url):
    check_duplicate_and_distinct_posts(lesson_url)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_double_tapped_first_answer(lesson_url):
    check_double_tapped_first_answer(lesson_url)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_duplicate_and_distinct_posts_at_once_on_postgres(lesson_url):
    check_duplicate_and_distinct_posts(lesson_url)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_double_tapped_first_answer_on_postgres(lesson_url):
    check_double_tapped_first_answer(lesson_url)
