"""create_published_page leaves what adding a page and publishing its first revision with Wagtail leaves."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone
from wagtail.log_actions import LogContext
from wagtail.models import Page, PageLogEntry

from cms.core.page_publishing import create_published_page
from cms.learning.models import CoursePage, LessonPage
from cms.packs.importer import install_pack
from tests.test_translated_pages import publishing_signals

pytestmark = pytest.mark.django_db

# Differ between any two pages, or are set from the clock.
UNIQUE_FIELDS = {"id", "page_ptr", "path", "url_path", "slug", "translation_key", "pack_key", "latest_revision",
                 "live_revision", "first_published_at", "last_published_at", "latest_revision_created_at"}  # fmt: skip


@pytest.fixture
def course(site, pack_copy):
    install_pack(pack_copy, site)
    return CoursePage.objects.get(pack_key="atlantis-course", locale__language_code="en")


def new_lesson(key):
    """A new lesson with the content of the installed one."""
    model = LessonPage.objects.get(pack_key="atlantis-contract", locale__language_code="en")
    fields = {name: getattr(model, name) for name in ("title", "pack_id", "summary", "minutes", "last_verified")}
    return LessonPage(
        **fields,
        slug=key,
        pack_key=key,
        locale=model.locale,
        translation_key=uuid.uuid4(),
        body=model.body.raw_data,
        sources=model.sources.raw_data,
    )


def published_the_wagtail_way(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()


def outcome(publish, parent, key, *, editor=None):
    """What publishing a new lesson with ``publish`` leaves: its row, revisions, log and signals.

    With an ``editor``, the lesson is published as part of the editor's action (as an admin view
    does), which gives the log entries their user and groups them by the action's id.
    """
    parent = Page.objects.get(pk=parent.pk).specific
    children = parent.numchild
    with publishing_signals() as signals, LogContext(user=editor) as action:
        publish(parent, new_lesson(key))
    page = LessonPage.objects.get(pack_key=key)
    revisions = list(page.revisions.order_by("id"))
    row = {field.name: field.value_from_object(page) for field in page._meta.concrete_fields}
    assert page.live_revision_id == page.latest_revision_id == revisions[-1].pk
    assert page.first_published_at == page.last_published_at and page.last_published_at <= timezone.now()
    return {
        "row": {name: value for name, value in row.items() if name not in UNIQUE_FIELDS},
        "parent": (
            page.get_parent().pk,
            Page.objects.get(pk=parent.pk).numchild - children,
            parent.numchild - children,
        ),
        "place": (page.depth, page.path == page.get_parent().get_last_child().path),
        "revisions": [
            (revision.user_id, revision.object_str, revision.approved_go_live_at, content_of(revision))
            for revision in revisions
        ],
        "log": [
            (
                entry.action,
                entry.label,
                entry.content_type_id,
                entry.data,
                entry.content_changed,
                entry.deleted,
                entry.user_id,
                entry.uuid == action.uuid,
                entry.revision_id == page.live_revision_id,
            )
            for entry in PageLogEntry.objects.filter(page=page).order_by("id")
        ],
        "signals": [
            (name, sender, kind, pk == page.pk, revision_pk == page.live_revision_id)
            for name, sender, kind, pk, revision_pk in signals
        ],
    }


def content_of(revision):
    return {name: value for name, value in revision.content.items() if name not in UNIQUE_FIELDS | {"pk"}}


@pytest.mark.parametrize("as_an_editor", [False, True])
def test_a_created_page_is_published_as_wagtail_publishes_it(course, django_user_model, as_an_editor):
    editor = django_user_model.objects.create_user("editor") if as_an_editor else None
    theirs = outcome(published_the_wagtail_way, course, "wagtail-way", editor=editor)
    ours = outcome(lambda parent, page: create_published_page(parent, page), course, "our-way", editor=editor)
    assert ours == theirs
    assert {user for *_, user, _, _ in ours["log"]} == {editor and editor.pk}
    assert [action for action, *_ in ours["log"]] == ["wagtail.create", "wagtail.publish"]
    assert [name for name, *_ in ours["signals"]] == ["page_published", "published"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", "x" * 300), ("slug", "atlantis-contract")],  # too long; a sibling's slug (the database allows it)
)
def test_an_invalid_page_is_refused_and_not_written(course, field, value):
    page = new_lesson("invalid")
    setattr(page, field, value)
    children = course.numchild
    with pytest.raises(ValidationError) as refusal:
        create_published_page(course, page)
    assert field in refusal.value.message_dict
    assert not LessonPage.objects.filter(pack_key="invalid").exists()
    assert Page.objects.get(pk=course.pk).numchild == course.numchild == children


def test_a_second_page_for_the_same_translation_is_refused_by_the_database_and_not_written(course):
    existing = LessonPage.objects.get(pack_key="atlantis-contract", locale__language_code="en")
    page = new_lesson("twin")
    page.translation_key = existing.translation_key
    children = course.numchild
    with pytest.raises(IntegrityError):
        create_published_page(course, page)
    assert not LessonPage.objects.filter(pack_key="twin").exists()
    assert Page.objects.get(pk=course.pk).numchild == course.numchild == children


def test_only_new_unscheduled_pages(course):
    scheduled = new_lesson("later")
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(ValueError):
        create_published_page(course, scheduled)
    with pytest.raises(ValueError):
        create_published_page(course, LessonPage.objects.get(pack_key="atlantis-contract", locale__language_code="en"))
