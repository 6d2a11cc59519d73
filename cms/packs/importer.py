"""Installing or upgrading a validated pack in a Wagtail site, all or nothing.

Every piece of content a pack makes (a unit: guide, section, course, lesson, contact) is found
again by its stable key, so an upgrade updates pages and contacts in place: their database rows,
URLs, learners' progress and editors' translations stay. New units are added; units the new
version no longer has are unpublished, never deleted.

Other languages are wagtail-localize translations (TranslationSource, Translation, the pack's
strings as StringTranslations), so editors keep translating in wagtail-localize; a pack's
translation never replaces an editor's (see cms.core.translation). Everything happens in one
transaction. wagtail-localize's deferred publishing inside a surrounding transaction saves stale
pages and corrupts the tree (see the localize notes), so translated pages are made and published
directly with freshly loaded pages (cms.core.translated_pages), or, where wagtail-localize has to
make them itself, saved unpublished and published top-down afterwards.
"""

import hashlib
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.contacts.models import Contact
from cms.contacts.signals import contacts_updated
from cms.core.page_publishing import create_published_page
from cms.core.site_structure import SiteNotSetUp, SiteStructure
from cms.core.translation import publish_latest_revisions, translate_source
from cms.core.translation_sources import update_or_create_source
from cms.guides.models import CountryGuidePage, GuideSectionPage
from cms.h5p.pack_activities import install_lesson_activities
from cms.learning.models import CoursePage, LessonPage
from cms.packs.content import body_blocks, quiz_block, source_blocks
from cms.packs.images import PackImages
from cms.packs.indexing import deferred_index_updates
from cms.packs.models import InstalledPack, PackInstallation
from cms.packs.translation_map import segment_translations_by_language
from course_packs import read_pack
from course_packs.archive import pack_folder
from course_packs.plan import ADDED, CHANGED, REMOVED, UNCHANGED, Plan, make_plan
from course_packs.units import pack_units

TRANSLATION_KEY_NAMESPACE = uuid.UUID("0f8e7a52-3d1c-4b59-8f0e-2b7f6a9d4c31")
PAGE_MODELS = {"guide": CountryGuidePage, "section": GuideSectionPage, "course": CoursePage, "lesson": LessonPage}


class PackInstallError(Exception):
    """The pack is valid but cannot be installed here (nothing was written)."""


@dataclass
class InstallResult:
    plan: Plan
    publisher: str
    written: bool
    warnings: list[str] = field(default_factory=list)
    translations: dict[str, int] = field(default_factory=dict)  # strings imported per language

    @property
    def pack_id(self) -> str:
        return self.plan.pack_id

    @property
    def version(self) -> str:
        return self.plan.to_version

    def summary(self) -> str:
        if not self.written and self.plan.action == "reinstall":
            return f"{self.pack_id} {self.version} is already installed; nothing changed."
        counts = Plan.count(self.plan.units)
        done = {"install": "Installed", "upgrade": "Upgraded", "downgrade": "Downgraded", "reinstall": "Reinstalled"}
        verb = done[self.plan.action] if self.written else f"Would {self.plan.action}"
        line = f"{verb} {self.pack_id} {self.version}: " + ", ".join(f"{n} {name}" for name, n in counts.items())
        if self.translations:
            line += "; strings translated " + ", ".join(f"{code}: {n}" for code, n in sorted(self.translations.items()))
        return line


def pack_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def translation_key(site: Site, pack_id: str, item_key: str) -> uuid.UUID:
    """Stable per site, pack and item; shared by every language's copy of the item."""
    return uuid.uuid5(TRANSLATION_KEY_NAMESPACE, f"{site.pk}:{pack_id}:{item_key}")


def install_pack(
    path,
    site: Site,
    *,
    user=None,
    plugin_label: str = "",
    publisher: str | None = None,
    source: str = "",
    force=False,
    dry_run=False,
) -> InstallResult:
    """Validate the pack (a folder or a zip) at ``path`` and install or upgrade it in ``site``.

    ``publisher`` restricts the pack to one publisher id (a partner's upload). ``source`` is where
    the pack came from, for the record (the path by default). ``force`` allows a downgrade or a
    changed pack under an installed version number. ``dry_run`` only plans.
    Raises PackInvalid or PackInstallError, in which case nothing was written.
    """
    with pack_folder(path) as root:
        pack = read_pack(root)
        manifest = pack.manifest
        digest = pack_digest(root)
        installed = InstalledPack.objects.filter(site=site, pack_id=manifest.id).first()
        _check_publisher(manifest, publisher)
        plan = make_plan(pack, installed.version if installed else None, installed.contents if installed else None)
        result = InstallResult(
            plan, manifest.publisher, written=False, warnings=[str(warning) for warning in pack.warnings]
        )
        if installed and plan.action == "reinstall" and installed.digest == digest:
            return result
        _check_version(plan, force)
        _check_languages(pack, installed)
        if dry_run:
            return result
        locales = _locales(manifest.languages)
        # Index updates run once per object at the end, still inside the transaction.
        with transaction.atomic(), deferred_index_updates():
            result.translations = _Installation(pack, site, locales, plan).run()
            install_lesson_activities(pack, trusted=publisher is None, user=user)  # partners are not trusted
            record = {
                "version": manifest.version,
                "title": manifest.title,
                "publisher": manifest.publisher,
                "licence": manifest.licence,
                "engine": manifest.engine,
                "languages": list(manifest.languages),
                "plugin_label": plugin_label,
                "digest": digest,
                "source": source or str(Path(path).resolve()),
                "installed_by": user,
                "report": "\n".join(result.warnings),
                "contents": plan.contents,
            }
            InstalledPack.objects.update_or_create(site=site, pack_id=manifest.id, defaults=record)
            PackInstallation.objects.create(
                site=site,
                pack_id=manifest.id,
                action=plan.action,
                from_version=plan.from_version or "",
                version=manifest.version,
                publisher=manifest.publisher,
                digest=digest,
                source=record["source"],
                installed_by=user,
                report=record["report"],
                plan=plan.as_record(),
            )
    result.written = True
    return result


def _check_publisher(manifest, publisher):
    if publisher is not None and manifest.publisher != publisher:
        raise PackInstallError(f"pack.yaml names the publisher {manifest.publisher!r}; you publish as {publisher!r}")
    owner = InstalledPack.objects.filter(pack_id=manifest.id).exclude(publisher=manifest.publisher).first()
    if owner:
        raise PackInstallError(f"the pack id {manifest.id!r} belongs to the publisher {owner.publisher!r}")


def _check_version(plan: Plan, force: bool):
    if force:
        return
    if plan.action == "downgrade":
        raise PackInstallError(
            f"{plan.pack_id} {plan.from_version} is installed; {plan.to_version} is older (use --force to downgrade)"
        )
    if plan.action == "reinstall":
        raise PackInstallError(
            f"{plan.pack_id} {plan.to_version} is installed with different content; give the changed pack a new version"
        )


def _check_languages(pack, installed):
    dropped = sorted(set(installed.languages if installed else ()) - set(pack.manifest.languages))
    if dropped:
        raise PackInstallError(f"this version drops the languages {', '.join(dropped)}, which sites already show")


def _locales(codes) -> dict[str, Locale]:
    locales = {locale.language_code: locale for locale in Locale.objects.filter(language_code__in=codes)}
    missing = sorted(set(codes) - set(locales))
    if missing:
        raise PackInstallError(f"the site has no locale for {', '.join(missing)}; run manage.py setup_site")
    return locales


class _Installation:
    def __init__(self, pack, site, locales, plan: Plan):
        self.pack = pack
        self.site = site
        self.plan = plan
        self.manifest = pack.manifest
        self.units = pack_units(pack)
        self.source_locale = locales[self.manifest.source_language]
        self.target_locales = [locales[code] for code in pack.translation_languages]
        try:
            self.structure = SiteStructure(site)
        except SiteNotSetUp as error:
            raise PackInstallError(str(error)) from None
        self.images = PackImages(pack)
        self.objects = self.existing_objects()  # unit key -> its source-language page or contact
        self.unchanged = plan.keys(UNCHANGED)

    def run(self) -> dict[str, int]:
        self.check_keys_are_free()
        written = [unit for unit in self.units if self.write(unit)]
        self.put_in_order()
        self.retire(self.plan.keys(REMOVED))
        return self.translate({unit.key for unit in written})

    def translation_key(self, key):
        return translation_key(self.site, self.manifest.id, key)

    def existing_objects(self) -> dict:
        """This pack's pages and contacts in the source language, by key, whether live or retired."""
        keys = {self.translation_key(unit.key): unit.key for unit in self.units}
        pages = Page.objects.filter(translation_key__in=keys, locale=self.source_locale).specific()
        contacts = Contact.objects.filter(translation_key__in=keys, locale=self.source_locale)
        return {keys[item.translation_key]: item for item in [*pages, *contacts]}

    def check_keys_are_free(self):
        """Top-level units become pages named by their key: refuse keys another pack already holds here."""
        wanted = []
        for unit in self.units:
            if unit.key in self.objects:
                continue
            if unit.kind == "course":
                wanted.append((self.structure.course_index(self.source_locale), unit.key))
            elif unit.kind == "guide":
                wanted.append((self.structure.country_index(self.source_locale), unit.key))
        taken = sorted(key for parent, key in wanted if parent.get_children().filter(slug=key).exists())
        if taken:
            raise PackInstallError(
                f"this site already has pages with the keys {', '.join(taken)}; rename them in the pack"
            )

    def write(self, unit) -> bool:
        """Create or update the unit's source-language object; False if it was already up to date."""
        existing = self.objects.get(unit.key)
        if existing is not None and unit.key in self.unchanged:
            return False
        if unit.kind == "contact":
            self.objects[unit.key] = self.write_contact(unit, existing)
        else:
            self.objects[unit.key] = self.write_page(unit, existing)
        return True

    def write_page(self, unit, page):
        parent = self.objects[unit.parent] if unit.parent else self.top_parent(unit)
        if page is None:
            page = PAGE_MODELS[unit.kind](
                pack_id=self.manifest.id,
                pack_key=unit.key,
                translation_key=self.translation_key(unit.key),
                locale=self.source_locale,
                slug=unit.key,
                title=unit.document.meta.title,
                **self.page_fields(unit),
            )
            create_published_page(parent, page)
            return page
        if page.get_parent().pk != parent.pk:
            self.move_with_translations(page, parent)
            page = Page.objects.get(pk=page.pk).specific  # the move changed its tree position
        page.title = unit.document.meta.title
        _set_fields(page, self.page_fields(unit))
        page.save_revision().publish()
        return page

    def top_parent(self, unit):
        if unit.kind == "guide":
            return self.structure.country_index(self.source_locale)
        return self.structure.course_index(self.source_locale)

    def page_fields(self, unit) -> dict:
        document = unit.document
        meta = document.meta
        if unit.kind == "guide":
            return {"country": self.manifest.country, "summary": meta.summary}
        if unit.kind == "section":
            return {
                "topic": meta.topic,
                "summary": meta.summary,
                "body": body_blocks(document, self.images),
                "sources": source_blocks(meta.sources),
                "last_verified": meta.last_verified,
                "content_owner": meta.owner,
                "course_keys": meta.courses,
            }
        if unit.kind == "course":
            return {"summary": meta.summary, "country": self.manifest.country or ""}
        body = body_blocks(document, self.images)
        if len(unit.documents) > 1:
            body.append(quiz_block(unit.key, unit.documents[1].meta))
        return {
            "summary": meta.summary,
            "minutes": meta.minutes,
            "body": body,
            "sources": source_blocks(meta.sources),
            "last_verified": meta.last_verified,
        }

    def write_contact(self, unit, contact):
        meta = unit.document.meta
        fields = {
            "site": self.site,
            "organisation": meta.organisation,
            "kind": meta.kind,
            "country": meta.country,
            "city": meta.city or "",
            "description": meta.description or "",
            "phones": "\n".join(meta.phones),
            "whatsapp": meta.whatsapp or "",
            "email": meta.email or "",
            "website": str(meta.website or ""),
            "address": meta.address or "",
            "hours": meta.hours or "",
            "languages_spoken": ", ".join(meta.languages_spoken),
            "source_title": meta.source.title,
            "source_url": str(meta.source.url),
            "last_verified": meta.last_verified,
            "live": True,
        }
        if contact is None:
            contact = Contact(
                pack_id=self.manifest.id,
                pack_key=unit.key,
                translation_key=self.translation_key(unit.key),
                locale=self.source_locale,
            )
        _set_fields(contact, fields)
        contact.save()
        return contact

    def move_with_translations(self, page, parent):
        """Move a page to another parent in the source tree and in every translated tree."""
        for translated in page.get_translations():
            translated_parent = parent.get_translation_or_none(translated.locale)
            if translated_parent is not None:
                translated.move(translated_parent, pos="last-child")
        page.move(parent, pos="last-child")

    def put_in_order(self):
        """Children in the order the pack lists them, in every language's tree."""
        groups = [
            (unit.key, [u.key for u in self.units if u.parent == unit.key])
            for unit in self.units
            if unit.kind in ("guide", "course")
        ]
        for parent_key, child_keys in groups:
            for parent in [self.objects[parent_key], *self.objects[parent_key].get_translations()]:
                children = list(parent.get_children().filter(translation_key__in=self.translation_keys(child_keys)))
                order = {self.translation_key(key): index for index, key in enumerate(child_keys)}
                wanted = sorted(children, key=lambda child: order[child.translation_key])
                if [child.pk for child in children] != [child.pk for child in wanted]:
                    for child in wanted:
                        Page.objects.get(pk=child.pk).move(Page.objects.get(pk=parent.pk), pos="last-child")

    def translation_keys(self, keys):
        return [self.translation_key(key) for key in keys]

    def retire(self, keys):
        """Unpublish what the new version dropped, children first; keep it for progress and history."""
        if not keys:
            return
        retired = self.translation_keys(keys)
        for page in reversed(Page.objects.filter(translation_key__in=retired, live=True).order_by("path").specific()):
            page.unpublish(log_action=True)
        Contact.objects.filter(translation_key__in=retired).update(live=False)
        contacts_updated.send(sender=Contact, contacts=Contact.objects.filter(translation_key__in=retired))

    def translate(self, written: set[str]) -> dict[str, int]:
        """Make the translations that the written units or the pack's changed translations outdated.

        Unit by unit, parents first, so a new translated page finds its parent translated: each
        unit's source is refreshed once for all its languages. Translated pages are published as they
        are made or updated (cms.core.translated_pages); those wagtail-localize has to make itself
        are saved as drafts and published at the end, top-down. Returns the strings translated per language.
        """
        outdated = {
            locale: written | self.plan.translation_keys(locale.language_code, ADDED, CHANGED)
            for locale in self.target_locales
        }
        strings = {locale.language_code: 0 for locale in self.target_locales}
        drafts = []
        for unit in self.units:
            locales = [locale for locale in self.target_locales if unit.key in outdated[locale]]
            if not locales:
                continue
            instance = self.objects[unit.key]
            source, _ = update_or_create_source(instance)
            unit_strings = self.unit_strings(unit, locales)
            for locale in locales:
                code = locale.language_code
                result = translate_source(source, locale, unit_strings[code], publish_pages=True)
                strings[code] += result.strings
                if result.draft:
                    drafts.append(instance.get_translation(locale).pk)
        publish_latest_revisions(drafts)
        return strings

    def unit_strings(self, unit, locales) -> dict[str, dict[str, str]]:
        """The pack's translations of the unit's strings, in wagtail-localize's segment form, by language."""
        codes = [locale.language_code for locale in locales]
        catalogues = [self.pack.catalogues[code] for code in codes if code in self.pack.catalogues]
        strings = {code: {} for code in codes}
        for document in unit.documents if catalogues else ():
            for code, mapping in segment_translations_by_language(document, catalogues).items():
                strings[code].update(mapping)
        return strings


def _set_fields(instance, fields: dict):
    for name, value in fields.items():
        setattr(instance, name, value)
