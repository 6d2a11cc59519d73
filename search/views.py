"""The public search: a page that works without JavaScript, its JSON twin, and title suggestions.

Under every language prefix (cms.urls): /<lang>/search/, /<lang>/search/json/ and
/<lang>/search/suggest/. The interface language is the learner's language: results in it are
boosted, results in other languages still shown.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET
from wagtail.models import Site

from cms.locales import LANGUAGES
from search import api, querylog
from search.models import ContentType
from search.query import SearchInputError, SearchRequest

MAX_SUGGEST_LENGTH = 100
LANGUAGE_NAMES = {language.code: language.native_name for language in LANGUAGES}
RTL_LANGUAGES = {language.code for language in LANGUAGES if language.bidi}


def _search_request(request) -> SearchRequest:
    site = Site.find_for_request(request)
    return SearchRequest.from_params(
        request.GET,
        language=translation.get_language(),
        site_id=site.pk if site else None,
        languages=[code for code, _name in settings.LANGUAGES],
    )


def _search(request):
    """The response, or the input error; counts the query (first page only) in the anonymous log."""
    search_request = _search_request(request)
    response = api.search(search_request, http_request=request)
    if search_request.page == 1 and not response.plan.is_empty:
        querylog.record(response.plan.text, search_request.language, found=response.total)
    return response


@require_GET
def search_page(request):
    try:
        response = _search(request)
    except SearchInputError as error:
        return render(request, "rahnuma_search/search_page.html", {"error": str(error), "query": ""}, status=400)
    return render(
        request,
        "rahnuma_search/search_page.html",
        {
            "query": response.request.text,
            "response": response,
            "facets": _facet_choices(response),
            "previous_url": _page_url(request, response.request.page - 1) if response.request.page > 1 else "",
            "next_url": _page_url(request, response.request.page + 1) if response.request.page < response.pages else "",
            "suggestion_url": _suggestion_url(request, response.suggestion),
            "rtl_languages": RTL_LANGUAGES,
        },
    )


@require_GET
def search_json(request):
    try:
        response = _search(request)
    except SearchInputError as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse(response.as_json(), json_dumps_params={"ensure_ascii": False})


@require_GET
def suggest_json(request):
    prefix = request.GET.get("q", "")
    if len(prefix) > MAX_SUGGEST_LENGTH:
        return JsonResponse({"error": f"q is too long (at most {MAX_SUGGEST_LENGTH} characters)"}, status=400)
    site = Site.find_for_request(request)
    search_request = SearchRequest(text="", language=translation.get_language(), site_id=site.pk if site else None)
    suggestions = api.suggest(prefix, search_request) if prefix.strip() else []
    return JsonResponse({"query": prefix, "suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})


FACET_TITLES = {
    "content_type": translation.gettext_lazy("Type"),
    "language": translation.gettext_lazy("Language"),
    "country": translation.gettext_lazy("Country"),
    "publisher": translation.gettext_lazy("Publisher"),
}


def _facet_label(facet: str, value: str) -> str:
    if facet == "content_type":
        return str(ContentType(value).label)
    if facet == "language":
        return LANGUAGE_NAMES.get(value, value)
    return value


def _facet_choices(response):
    """Facets with at least one value, as (name, title, [(value, label, count, selected)])."""
    return [
        (
            facet,
            FACET_TITLES[facet],
            [(value.value, _facet_label(facet, value.value), value.count, value.selected) for value in values],
        )
        for facet, values in response.facets.items()
        if values
    ]


def _page_url(request, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return f"?{params.urlencode()}"


def _suggestion_url(request, suggestion: str) -> str:
    if not suggestion:
        return ""
    params = request.GET.copy()
    params["q"] = suggestion
    params.pop("page", None)
    return f"?{params.urlencode()}"
