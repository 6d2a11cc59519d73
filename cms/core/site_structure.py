"""The fixed top of every site's page tree: home, country index, course index, contact directory.

Each exists in every engine language, so pack pages always have a translated parent.
"""

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from cms.contacts.models import ContactDirectoryPage
from cms.core.models import HomePage
from cms.core.translation import publish_latest_revisions, translate_instance
from cms.guides.models import CountryIndexPage
from cms.learning.models import CourseIndexPage
from cms.locales import LANGUAGE_CODES

# The top pages' texts in every language; written for the engine, not machine-translated.
TOP_PAGES = {
    HomePage: {
        "slug": "home",
        "title": {"en": "Rahnuma", "ur": "رہنما", "pnb": "رہنما"},
        "intro": {
            "en": "Safe and legal work abroad: country guides, courses and help.",
            "ur": "بیرونِ ملک محفوظ اور قانونی روزگار: ملکوں کی رہنمائی، کورس اور مدد۔",
            "pnb": "باہر دے ملکاں وچ محفوظ تے قانونی کم: ملکاں بارے رہنمائی، کورس تے مدد۔",
        },
    },
    CountryIndexPage: {
        "slug": "countries",
        "title": {"en": "Country guides", "ur": "ملکوں کی رہنمائی", "pnb": "ملکاں بارے رہنمائی"},
        "intro": {
            "en": "Read about the country where you want to work: the legal route, the costs, "
            "your rights and where to get help.",
            "ur": "جس ملک میں آپ کام کرنا چاہتے ہیں اس کے بارے میں پڑھیں: قانونی راستہ، اخراجات، "
            "آپ کے حقوق اور مدد کہاں سے ملے گی۔",
            "pnb": "جس ملک وچ تسیں کم کرنا چاہندے او، اوہدے بارے پڑھو: قانونی راہ، خرچے، تہاڈے حق تے مدد کتھوں ملے گی۔",
        },
    },
    CourseIndexPage: {
        "slug": "courses",
        "title": {"en": "Courses", "ur": "تربیتی کورس", "pnb": "سکھلائی دے کورس"},
        "intro": {
            "en": "Short lessons to prepare before you go. Each lesson ends with a few questions.",
            "ur": "جانے سے پہلے تیاری کے لیے مختصر اسباق۔ ہر سبق کے آخر میں چند سوال ہیں۔",
            "pnb": "جان توں پہلاں تیاری لئی نِکے سبق۔ ہر سبق دے اخیر وچ کجھ سوال نیں۔",
        },
    },
    ContactDirectoryPage: {
        "slug": "contacts",
        "title": {"en": "Help contacts", "ur": "مدد کے لیے رابطے", "pnb": "مدد لئی رابطے"},
        "intro": {
            "en": "Who to contact for help, in Pakistan and abroad. Each contact shows the date it was last checked.",
            "ur": "مدد کے لیے کس سے رابطہ کریں، پاکستان میں اور بیرونِ ملک۔ ہر رابطے کے ساتھ وہ تاریخ لکھی ہے "
            "جب اسے آخری بار جانچا گیا۔",
            "pnb": "مدد لئی کس نال رابطہ کرو، پاکستان وچ تے باہر۔ ہر رابطے نال اوہ تاریخ لکھی اے "
            "جدوں ایہنوں آخری وار پرکھیا گیا سی۔",
        },
    },
}


class SiteNotSetUp(LookupError):
    pass


class SiteStructure:
    """Finds a site's top pages, in any locale."""

    def __init__(self, site: Site):
        self.site = site
        self.home = site.root_page.specific
        if not isinstance(self.home, HomePage):
            raise SiteNotSetUp(f"site {site.hostname} has no Rahnuma home page; run manage.py setup_site")

    def top_page(self, model, locale: Locale):
        page = model.objects.child_of(self.home).first()
        if page is None:
            raise SiteNotSetUp(f"site {self.site.hostname} has no {model._meta.verbose_name}; run manage.py setup_site")
        return page.get_translation(locale) if page.locale_id != locale.pk else page

    def country_index(self, locale):
        return self.top_page(CountryIndexPage, locale)

    def course_index(self, locale):
        return self.top_page(CourseIndexPage, locale)

    def contact_directory(self, locale):
        return self.top_page(ContactDirectoryPage, locale)


def ensure_locales() -> dict[str, Locale]:
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGE_CODES}


@transaction.atomic
def set_up_site(hostname: str, port: int = 80, *, default: bool = False, name: str = "Rahnuma") -> Site:
    """Create (or complete) a site with its top pages in every language. Safe to run again."""
    locales = ensure_locales()
    source_locale = locales["en"]
    site = Site.objects.filter(hostname=hostname, port=port).first()
    home = site.root_page.specific if site else None
    if not isinstance(home, HomePage):
        home = _create_page(Page.get_first_root_node(), HomePage, source_locale, slugify(f"home-{hostname}"))
        replaced = site.root_page if site else None
        site = site or Site(hostname=hostname, port=port)
        site.root_page = home
        site.site_name = name
        site.is_default_site = default
        site.save()
        _remove_wagtail_welcome_page(replaced)
    pages = [home]
    for model in list(TOP_PAGES)[1:]:
        page = model.objects.child_of(home).first() or _create_page(home, model, source_locale)
        pages.append(page)
    for code, locale in locales.items():
        if code == source_locale.language_code:
            continue
        translated = []
        for page in pages:
            if not page.has_translation(locale):
                translate_instance(page, locale, _strings(type(page), code))
                translated.append(page.get_translation(locale).pk)
        publish_latest_revisions(translated)
    return site


def _create_page(parent, model, locale, slug=None):
    texts = TOP_PAGES[model]
    page = model(
        title=texts["title"]["en"],
        slug=slug or texts["slug"],
        locale=locale,
        intro=_intro(model, "en"),
        show_in_menus=model is not HomePage,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _intro(model, code):
    text = TOP_PAGES[model]["intro"][code]
    return f"<p>{text}</p>" if model is HomePage else text


def _strings(model, code) -> dict[str, str]:
    from wagtail_localize.strings import StringValue

    texts = TOP_PAGES[model]
    return {
        StringValue.from_plaintext(texts[field]["en"]).data: StringValue.from_plaintext(texts[field][code]).data
        for field in ("title", "intro")
    }


def _remove_wagtail_welcome_page(page):
    """Wagtail's first migration makes a placeholder "Welcome" page; a Rahnuma site replaces it."""
    if page is not None and type(page.specific) is Page and not Site.objects.filter(root_page=page).exists():
        page.delete()
