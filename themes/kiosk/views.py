"""The kiosk's own screens, under /<language>/kiosk/ (themes.kiosk.urls); only on sites with a shared-screen theme.

The start screen (the language) is the home page in the kiosk theme; these follow it:

GET  (empty)                          back to the start screen (the home page) in the current language
GET  destination/                    where do you want to work: a button per country guide, with its flag
GET  countries/<CC>/                 the country's guide, the courses, its help contacts, print, take home
GET  countries/<CC>/handout/         the country's help contacts on one printable page
GET  search/                         topic buttons and an on-screen keyboard, no typing needed
GET  take-home/                      a resume code and its QR code for the learner's own phone
"""

from functools import wraps

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Site

from cms.core.site_structure import SiteNotSetUp, SiteStructure
from cms.guides.models import CountryGuidePage
from cms.learning.learners import current_learner
from themes.current import current_theme
from themes.kiosk.destinations import country_name

# Search topics: each button searches for its own (translated) word; the variant lexicon finds the other spellings.
SEARCH_TOPICS = (
    pgettext_lazy("search topic", "visa"),
    pgettext_lazy("search topic", "contract"),
    pgettext_lazy("search topic", "passport"),
    pgettext_lazy("search topic", "salary"),
    pgettext_lazy("search topic", "recruitment agent"),
    pgettext_lazy("search topic", "protector"),
    pgettext_lazy("search topic", "insurance"),
    pgettext_lazy("search topic", "complaint"),
    pgettext_lazy("search topic", "embassy"),
    pgettext_lazy("search topic", "heat"),
)
# The chosen country, remembered for the take-home screen until "Finish and clear" empties the session.
CHOSEN_COUNTRY = "rahnuma_kiosk_country"


def kiosk_screen(view):
    """Only sites whose theme is a shared screen have these pages; elsewhere they do not exist."""

    @require_GET
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not current_theme().shared_screen:
            raise Http404("not a kiosk")
        site = Site.find_for_request(request)
        try:
            structure = SiteStructure(site) if site is not None else None
        except SiteNotSetUp:
            structure = None
        if structure is None:
            raise Http404("no site set up here")
        return view(request, structure, Locale.get_active(), *args, **kwargs)

    return wrapper


@kiosk_screen
def start(request, structure, locale):
    home = structure.home.get_translation_or_none(locale) or structure.home
    return redirect(home.get_url(request))


@kiosk_screen
def destination(request, structure, locale):
    destinations = [
        {"code": guide.country, "name": country_name(guide.country, guide.title)}
        for guide in _guides(structure, locale).order_by("title")
    ]
    return TemplateResponse(request, "themes/kiosk/destination.html", {"destinations": destinations})


@kiosk_screen
def country(request, structure, locale, code):
    guide = _guide(structure, locale, code)
    request.session[CHOSEN_COUNTRY] = guide.country
    context = {
        "guide": guide,
        "country_name": country_name(guide.country, guide.title),
        "courses": structure.course_index(locale),
        "contacts": structure.contact_directory(locale),
    }
    return TemplateResponse(request, "themes/kiosk/country.html", context)


@kiosk_screen
def handout(request, structure, locale, code):
    guide = _guide(structure, locale, code)
    directory = structure.contact_directory(locale)
    context = {
        "guide": guide,
        "country_name": country_name(guide.country, guide.title),
        "contacts": directory.listed_contacts(request).filter(country=guide.country),
    }
    return TemplateResponse(request, "themes/kiosk/handout.html", context)


@kiosk_screen
def search(request, structure, locale):
    return TemplateResponse(request, "themes/kiosk/search.html", {"topics": [str(topic) for topic in SEARCH_TOPICS]})


@kiosk_screen
def take_home(request, structure, locale):
    code = request.session.get(CHOSEN_COUNTRY, "")
    guide = _guides(structure, locale).filter(country=code).first() if code else None
    context = {"learner": current_learner(request), "guide": guide}
    return TemplateResponse(request, "themes/kiosk/take_home.html", context)


def _guides(structure, locale):
    """The live country guides in this language."""
    return CountryGuidePage.objects.child_of(structure.country_index(locale)).live()


def _guide(structure, locale, code) -> CountryGuidePage:
    guide = _guides(structure, locale).filter(country=code).first()
    if guide is None:
        raise Http404("no guide for this country")
    return guide
