"""Translations made or updated directly (cms.core.translated_pages) are the pages wagtail-localize makes.

Both ways run from the same database state, rolled back in between: wagtail-localize's
(save_target, then publishing with a freshly loaded page) and ours. A first translation is made
for a course and then its lesson (StreamField body, quiz) into Punjabi, which the example pack
does not carry; an update is the Urdu lesson after its English source changed. Besides the page,
the comparison covers its revisions, its log entries with their data, and the publishing signals.
"""

from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Comment, Locale, Page, PageLogEntry
from wagtail.signals import page_published, published
from wagtail_localize.models import StringTranslation, Translation, TranslationLog

from cms.core.translation import publish_latest_revisions, translate_source
from cms.core.translation_sources import update_or_create_source
from cms.learning.models import CoursePage, LessonPage
from cms.packs.importer import install_pack

pytestmark = pytest.mark.django_db
User = get_user_model()

# Differ between any two pages or runs, or are set from the clock.
VARYING = {"id", "page_ptr", "path", "url_path", "latest_revision", "live_revision", "first_published_at",
           "last_published_at", "latest_revision_created_at", "pk"}  # fmt: skip
# Page-wide state a revision also records, which Wagtail ignores when it restores one (with_content_json).
PAGE_STATE = {"live", "has_unpublished_changes", "draft_title", "locked", "locked_at", "locked_by", "owner"}


class Rollback(Exception):
    pass


def punjabi():
    return Locale.objects.get(language_code="pnb")


def english(model, key):
    return model.objects.get(pack_key=key, locale__language_code="en")


def strings_for(page):
    """Translations for some of the page's strings, so the result mixes translated and source text."""
    return {page.title: f"پنجابی {page.title}", page.summary: "پنجابی خلاصہ"}


def wagtail_localize_way(source, locale, strings):
    result = translate_source(source, locale, strings)
    assert result.draft
    publish_latest_revisions([Page.objects.get(translation_key=source.object_id, locale=locale).pk])


def direct_way(source, locale, strings):
    assert not translate_source(source, locale, strings, publish_pages=True).draft


def outcome(translate, locale_code="pnb", pages=((CoursePage, "atlantis-course"), (LessonPage, "atlantis-contract"))):
    """Translate the pages (by model and key) in turn; what that leaves, then undone."""
    locale = Locale.objects.get(language_code=locale_code)
    try:
        with transaction.atomic():
            states = []
            for model, key in pages:
                page = english(model, key)
                source, _ = update_or_create_source(page)
                with publishing_signals() as signals:
                    translate(source, locale, strings_for(page))
                translated = model.objects.get(pack_key=key, locale=locale, alias_of=None)
                states.append(translated_state(translated, source, signals))
            raise Rollback
    except Rollback:
        return states


@contextmanager
def publishing_signals():
    """The page_published and published signals sent in the block: (signal, sender, instance type, pk, revision)."""
    sent = []

    def receiver(name):
        return lambda sender, instance, revision, **kwargs: sent.append(
            (name, sender, type(instance), instance.pk, revision.pk)
        )

    receivers = {page_published: receiver("page_published"), published: receiver("published")}
    for signal, received in receivers.items():
        signal.connect(received)
    try:
        yield sent
    finally:
        for signal, received in receivers.items():
            signal.disconnect(received)


def translated_state(page, source, signals):
    revision = page.live_revision
    assert page.live and revision and revision == page.latest_revision and not page.has_unpublished_changes
    return {
        "row": {
            field.name: field.value_from_object(page)
            for field in page._meta.concrete_fields
            if field.name not in VARYING
        },
        "parent": (page.get_parent().translation_key, page.get_parent().locale_id),  # pks differ on PostgreSQL
        "live revision": revision_content(revision),
        "live revision state": {name: revision.content[name] for name in sorted(PAGE_STATE)},
        "revision record": (revision.user_id, revision.object_str, revision.approved_go_live_at),
        "translation log": list(
            TranslationLog.objects.filter(source=source, locale=page.locale).values_list("revision")
        ),
        "translations": list(Translation.objects.filter(source=source).values_list("target_locale", "enabled")),
        "strings": sorted(
            StringTranslation.objects.filter(locale=page.locale, context__object_id=page.translation_key).values_list(
                "context__path", "data", "tool_name"
            )
        ),
        "log": [
            (
                entry.action,
                entry.label,
                entry.data,
                entry.content_changed,
                entry.user_id,
                entry.revision_id == revision.pk,
            )
            for entry in PageLogEntry.objects.filter(page=page).order_by("id")
        ],
        "signals": [
            (name, sender, kind, pk == page.pk, revision_pk == revision.pk)
            for name, sender, kind, pk, revision_pk in signals
        ],
        "aliases": list(page.aliases.values_list("title", "live")),
        "revision": revision.pk,
    }


def revision_content(revision):
    """The content a revision records, without what varies; a comment is saved again with the page (updated_at)."""
    content = {name: value for name, value in revision.content.items() if name not in VARYING | PAGE_STATE}
    content["wagtail_admin_comments"] = [
        {name: value for name, value in comment.items() if name != "updated_at"}
        for comment in content["wagtail_admin_comments"]
    ]
    return content


def actions(log):
    return [action for action, *_ in log]


@pytest.fixture
def installed(site, pack_copy):
    install_pack(pack_copy, site)


def test_a_direct_first_translation_is_the_page_wagtail_localize_makes(installed):
    ours, theirs = outcome(direct_way), outcome(wagtail_localize_way)
    assert len(ours) == 2
    for our_page, their_page in zip(ours, theirs, strict=True):
        # Ours has one revision, the translated one, and records it in the TranslationLog like theirs.
        assert our_page.pop("translation log") == [(our_page.pop("revision"),)]
        assert their_page.pop("translation log") == [(their_page.pop("revision"),)]
        # Wagtail-localize's page also went through an untranslated copy, logged as such; both publications are alike.
        their_log, our_log = their_page.pop("log"), our_page.pop("log")
        assert actions(their_log) == ["wagtail.create", "wagtail.copy_for_translation", "wagtail.publish"]
        assert actions(our_log) == ["wagtail.create", "wagtail.publish"]
        assert our_log[-1] == their_log[-1]
        # Ours was saved live from the start, theirs as a draft first: the page state their revisions record differs.
        our_page.pop("live revision state"), their_page.pop("live revision state")
        assert our_page == their_page
    course, lesson = ours
    assert course["row"]["title"].startswith("پنجابی") and lesson["row"]["summary"] == "پنجابی خلاصہ"


def test_an_updated_translation_is_the_page_wagtail_localize_makes(installed):
    ours = updated_alike()
    assert ours["row"]["title"] == "پنجابی Your contract, revised"  # the strings given, over the pack's
    assert actions(ours["log"])[-1] == "wagtail.publish"
    assert [name for name, *_ in ours["signals"]] == ["page_published", "published"]


def add_comment(page):
    Comment.objects.create(page=page, user=User.objects.create_user("reviewer"), text="?", contentpath="title")


def add_alias(page):
    page.create_alias(update_slug=f"{page.slug}-copy")


@pytest.mark.parametrize("addition", [add_comment, add_alias])
def test_an_updated_translation_with_comments_or_aliases_is_published_as_wagtail_publishes_it(installed, addition):
    """Wagtail's publish action looks after them: the page's comments are saved again, its aliases follow it."""
    addition(english(LessonPage, "atlantis-contract").get_translation(Locale.objects.get(language_code="ur")))
    ours = updated_alike()
    if addition is add_alias:
        assert ours["aliases"] == [("پنجابی Your contract, revised", True)]


def updated_alike():
    """After the English lesson changed, the Urdu lesson updated our way and wagtail-localize's; ours, once compared."""
    lesson = english(LessonPage, "atlantis-contract")
    body = lesson.body.raw_data
    body[0]["value"] = body[0]["value"].replace("your hours and your rest day", "your hours and your leave")
    lesson.body, lesson.title = body, "Your contract, revised"
    lesson.save_revision().publish()
    ours, theirs = (
        outcome(way, "ur", [(LessonPage, "atlantis-contract")]) for way in (direct_way, wagtail_localize_way)
    )
    [ours], [theirs] = ours, theirs
    # A new revision each, published and logged as the page's latest translation.
    for state in (ours, theirs):
        assert state["translation log"][-1] == (state.pop("revision"),)
        state["translation log"] = len(state["translation log"])
    assert ours == theirs
    return ours


def test_editors_keep_translating_a_direct_translation(installed, client):
    lesson = english(LessonPage, "atlantis-contract")
    for page in (english(CoursePage, "atlantis-course"), lesson):
        source, _ = update_or_create_source(page)
        direct_way(source, punjabi(), strings_for(page))
    # An editor's translation, synchronised the way the admin does it, reaches the published page.
    translation = Translation.objects.get(source__object_id=lesson.translation_key, target_locale=punjabi())
    edited = StringTranslation.objects.get(
        locale=punjabi(), context__object_id=lesson.translation_key, context__path="summary"
    )
    edited.data, edited.tool_name = "ایڈیٹر دا خلاصہ", ""
    edited.save()
    translation.save_target(publish=False)
    publish_latest_revisions([lesson.get_translation(punjabi()).pk])
    translated = LessonPage.objects.get(pk=lesson.get_translation(punjabi()).pk)
    assert translated.summary == "ایڈیٹر دا خلاصہ" and translated.live
    assert client.get(translated.url).status_code == 200


def test_a_page_without_a_translated_parent_goes_the_wagtail_localize_way(installed):
    lesson = english(LessonPage, "atlantis-contract")  # its course is not translated into Punjabi
    source, _ = update_or_create_source(lesson)
    assert translate_source(source, punjabi(), strings_for(lesson), publish_pages=True).draft
    assert lesson.get_translation(punjabi()).get_parent().specific.pack_key == "atlantis-course"
