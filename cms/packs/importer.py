"""Installing a validated pack into a Wagtail site, all or nothing.

The source-language pages and snippets are created first; every other language is then made
through wagtail-localize (TranslationSource -> Translation -> import_po -> save_target), so editors
keep translating in wagtail-localize afterwards. Everything happens in one transaction. Translated
pages are saved unpublished and published top-down with freshly loaded pages, because
wagtail-localize's deferred publishing inside a surrounding transaction saves stale pages and
corrupts the tree (see the localize notes).
"""

import hashlib
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.contacts.models import Contact
from cms.core.site_structure import SiteNotSetUp, SiteStructure
from cms.core.translation import publish_latest_revisions, translate_instance
from cms.guides.models import CountryGuidePage, GuideSectionPage
from cms.learning.models import CoursePage, LessonPage
from cms.packs.content import body_blocks, quiz_block, source_blocks
from cms.packs.models import InstalledPack
from cms.packs.translation_map import segment_translations
from course_packs import read_pack

TRANSLATION_KEY_NAMESPACE = uuid.UUID("0f8e7a52-3d1c-4b59-8f0e-2b7f6a9d4c31")


class PackInstallError(Exception):
    """The pack is valid but cannot be installed here (nothing was written)."""


@dataclass
class InstallResult:
    pack_id: str
    version: str
    created: bool
    pages: int = 0
    contacts: int = 0
    translations: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if not self.created:
            return f"{self.pack_id} {self.version} is already installed; nothing changed."
        languages = ", ".join(f"{code}: {count}" for code, count in sorted(self.translations.items()))
        return f"Installed {self.pack_id} {self.version}: {self.pages} pages and {self.contacts} contacts" + (
            f"; translations {languages}" if languages else ""
        )


def pack_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def translation_key(site: Site, pack_id: str, item_key: str) -> uuid.UUID:
    """Stable per site, pack and item; shared by every language's copy of the item."""
    return uuid.uuid5(TRANSLATION_KEY_NAMESPACE, f"{site.pk}:{pack_id}:{item_key}")


def install_pack(path, site: Site, *, user=None, plugin_label: str = "") -> InstallResult:
    """Validate the pack at ``path`` and install it into ``site``; raise PackInvalid/PackInstallError."""
    pack = read_pack(path)
    manifest = pack.manifest
    digest = pack_digest(pack.root)
    existing = InstalledPack.objects.filter(site=site, pack_id=manifest.id).first()
    if existing:
        if existing.version == manifest.version and existing.digest == digest:
            return InstallResult(manifest.id, manifest.version, created=False)
        if existing.version == manifest.version:
            raise PackInstallError(
                f"{manifest.id} {manifest.version} is installed with different content; "
                "give the changed pack a new version"
            )
        raise PackInstallError(
            f"{manifest.id} {existing.version} is installed; upgrading to {manifest.version} is not supported yet"
        )
    locales = _locales(manifest.languages)
    with transaction.atomic():
        result = _Installation(pack, site, locales).run()
        InstalledPack.objects.create(
            site=site,
            pack_id=manifest.id,
            version=manifest.version,
            title=manifest.title,
            publisher=manifest.publisher,
            languages=list(manifest.languages),
            plugin_label=plugin_label,
            digest=digest,
            source=str(Path(path).resolve()),
            installed_by=user,
            report="\n".join(str(warning) for warning in pack.warnings),
        )
    result.warnings = [str(warning) for warning in pack.warnings]
    return result


def _locales(codes) -> dict[str, Locale]:
    locales = {locale.language_code: locale for locale in Locale.objects.filter(language_code__in=codes)}
    missing = sorted(set(codes) - set(locales))
    if missing:
        raise PackInstallError(f"the site has no locale for {', '.join(missing)}; run manage.py setup_site")
    return locales


class _Installation:
    def __init__(self, pack, site, locales):
        self.pack = pack
        self.site = site
        self.manifest = pack.manifest
        self.source_locale = locales[self.manifest.source_language]
        self.target_locales = [locales[code] for code in pack.translation_languages]
        try:
            self.structure = SiteStructure(site)
        except SiteNotSetUp as error:
            raise PackInstallError(str(error)) from None
        self.result = InstallResult(self.manifest.id, self.manifest.version, created=True)
        self.made = []  # (documents, object) in creation order: parents before children

    def run(self) -> InstallResult:
        self.check_keys_are_free()
        self.create_guide()
        self.create_courses()
        self.create_contacts()
        for locale in self.target_locales:
            self.translate_into(locale)
        return self.result

    def check_keys_are_free(self):
        """Top-level items become pages named by their key: refuse keys another pack already holds here."""
        wanted = [
            (self.structure.course_index(self.source_locale), course.key) for course in self.pack.courses.values()
        ]
        if self.pack.guide:
            wanted.append((self.structure.country_index(self.source_locale), self.pack.guide.key))
        taken = sorted(key for parent, key in wanted if parent.get_children().filter(slug=key).exists())
        if taken:
            raise PackInstallError(
                f"this site already has pages with the keys {', '.join(taken)}; rename them in the pack"
            )

    def common(self, document):
        return {
            "pack_id": self.manifest.id,
            "pack_key": document.key,
            "translation_key": translation_key(self.site, self.manifest.id, document.key),
            "locale": self.source_locale,
        }

    def add_page(self, parent, document, page, *, also=()):
        """Create and publish ``page``; ``also`` are further documents whose text it carries (a quiz)."""
        page.title = document.meta.title
        page.slug = document.key
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.made.append(((document, *also), page))
        self.result.pages += 1
        return page

    def create_guide(self):
        guide = self.pack.guide
        if guide is None:
            return
        parent = self.structure.country_index(self.source_locale)
        guide_page = self.add_page(
            parent,
            guide,
            CountryGuidePage(country=self.manifest.country, summary=guide.meta.summary, **self.common(guide)),
        )
        for key in guide.meta.sections:
            section = self.pack.sections[key]
            meta = section.meta
            self.add_page(
                guide_page,
                section,
                GuideSectionPage(
                    topic=meta.topic,
                    summary=meta.summary,
                    body=body_blocks(section),
                    sources=source_blocks(meta.sources),
                    last_verified=meta.last_verified,
                    content_owner=meta.owner,
                    **self.common(section),
                ),
            )

    def create_courses(self):
        parent = self.structure.course_index(self.source_locale)
        for course in self.pack.courses.values():
            course_page = self.add_page(
                parent,
                course,
                CoursePage(summary=course.meta.summary, country=self.manifest.country or "", **self.common(course)),
            )
            for key in course.meta.lessons:
                lesson = self.pack.lessons[key]
                meta = lesson.meta
                body = body_blocks(lesson)
                quiz = self.pack.quizzes[meta.quiz] if meta.quiz else None
                if quiz:
                    body.append(quiz_block(lesson.key, quiz.meta))
                self.add_page(
                    course_page,
                    lesson,
                    LessonPage(
                        summary=meta.summary,
                        minutes=meta.minutes,
                        body=body,
                        sources=source_blocks(meta.sources),
                        last_verified=meta.last_verified,
                        **self.common(lesson),
                    ),
                    also=(quiz,) if quiz else (),
                )

    def create_contacts(self):
        for document in self.pack.contacts.values():
            meta = document.meta
            contact = Contact.objects.create(
                site=self.site,
                organisation=meta.organisation,
                kind=meta.kind,
                country=meta.country,
                city=meta.city or "",
                description=meta.description or "",
                phones="\n".join(meta.phones),
                whatsapp=meta.whatsapp or "",
                email=meta.email or "",
                website=str(meta.website or ""),
                address=meta.address or "",
                hours=meta.hours or "",
                languages_spoken=", ".join(meta.languages_spoken),
                source_title=meta.source.title,
                source_url=str(meta.source.url),
                last_verified=meta.last_verified,
                **self.common(document),
            )
            self.made.append(((document,), contact))
            self.result.contacts += 1

    def translate_into(self, locale):
        catalogue = self.pack.catalogues.get(locale.language_code)
        translated_pages = []
        strings = 0
        for documents, instance in self.made:
            mapping = {}
            for document in documents if catalogue else ():
                mapping.update(segment_translations(document, catalogue))
            strings += translate_instance(instance, locale, mapping)
            if isinstance(instance, Page):
                translated_pages.append(instance.get_translation(locale).pk)
        # Parents were made before children, so this publishes top-down.
        publish_latest_revisions(translated_pages)
        self.result.translations[locale.language_code] = strings
