"""xAPI leaving the site: `manage.py export_xapi --since` (JSON lines) and forwarding to a Learning Record
Store through the outbox, with retries that lose nothing."""

import datetime
import io
import json
from http.server import BaseHTTPRequestHandler

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cms.h5p.lrs import forward_outbox
from cms.h5p.models import OutboxEntry, Statement
from cms.learning.models import Learner
from tests.http_stub import serving

pytestmark = pytest.mark.django_db


def _statement(learner, day: int) -> Statement:
    stored = timezone.make_aware(datetime.datetime(2026, 6, day, 12))
    statement = Statement.objects.create(learner=learner, verb="http://adlnet.gov/expapi/verbs/answered", data={})
    statement.data = {"id": str(statement.pk), "version": "1.0.3", "stored": stored.isoformat()}
    statement.stored_at = stored
    statement.save()
    return statement


def test_export_writes_the_statements_stored_since_the_date_as_json_lines():
    learner = Learner.objects.create()
    old, new, newer = (_statement(learner, day) for day in (1, 10, 20))
    out = io.StringIO()
    call_command("export_xapi", "--since", "2026-06-05", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["id"] for line in lines] == [str(new.pk), str(newer.pk)]
    assert all(line["version"] == "1.0.3" for line in lines)
    assert str(old.pk) not in out.getvalue()


def test_export_refuses_a_date_it_cannot_read():
    with pytest.raises(CommandError, match="--since 'last week' is not a date"):
        call_command("export_xapi", "--since", "last week")


class _Store(BaseHTTPRequestHandler):
    """A Learning Record Store that is down for the first request, then accepts."""

    answers = []
    received = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).received.append((self.path, self.headers, body))  # headers: case-insensitive
        self.send_response(type(self).answers.pop(0))
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def store(settings):
    _Store.received = []
    with serving(_Store) as server:
        settings.H5P_LRS_URL = f"http://127.0.0.1:{server.server_port}/xapi/"
        settings.H5P_LRS_USERNAME, settings.H5P_LRS_PASSWORD = "rahnuma", "secret"
        yield _Store


def test_forwarding_retries_a_failed_batch_later_and_loses_nothing(store):
    learner = Learner.objects.create()
    statements = [_statement(learner, day) for day in (1, 2)]
    for statement in statements:
        OutboxEntry.objects.create(statement=statement)
    store.answers = [503, 200]
    now = timezone.now()
    assert forward_outbox(now=now) == (0, 2)
    entry = OutboxEntry.objects.first()
    assert entry.tries == 1 and entry.sent_at is None and entry.next_try_at > now and "503" in entry.last_error
    assert forward_outbox(now=now) == (0, 0)  # not due yet
    assert forward_outbox(now=now + datetime.timedelta(minutes=5)) == (2, 0)
    assert not OutboxEntry.objects.filter(sent_at=None).exists()
    path, headers, body = store.received[-1]
    assert path == "/xapi/statements"
    assert headers["X-Experience-API-Version"] == "1.0.3"
    assert headers["Authorization"] == "Basic cmFobnVtYTpzZWNyZXQ="
    assert [item["id"] for item in body] == [str(statement.pk) for statement in statements]


def test_a_store_that_already_has_the_statements_counts_as_delivered(store):
    OutboxEntry.objects.create(statement=_statement(Learner.objects.create(), 3))
    store.answers = [409]
    assert forward_outbox() == (1, 0)


def test_an_unreachable_store_keeps_the_statements_waiting(settings):
    settings.H5P_LRS_URL = "http://127.0.0.1:9/"  # nothing listens on the discard port
    OutboxEntry.objects.create(statement=_statement(Learner.objects.create(), 4))
    assert forward_outbox() == (0, 1)
    assert OutboxEntry.objects.get().tries == 1
