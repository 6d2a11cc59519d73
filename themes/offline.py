"""Reading offline on a phone: a service worker keeps the pages a learner has opened, and an offline page.

GET /sw.js               the service worker (at the site's root, so that it may look after every page); it is
                         sent with no-cache, so a phone picks up a new version at its next visit
GET /<lang>/offline/     "You are offline", shown in place of a page the phone has not kept

Only guide, course, lesson and contact pages (and the home pages) are kept, never a learner's own pages
(resume codes, certificates, accounts) or the admin. Read-aloud audio a learner has played is kept too, so
that a page kept for reading can still be listened to (when media is on this site's host: the worker does
not touch other origins, such as an object storage's). Kiosks do not register the worker: a shared
screen must keep nothing of its learners.
"""

import json

from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from cms.locales import LANGUAGE_CODES
from cms.readaloud.models import READ_ALOUD_FOLDER

# Bump when the worker's caching changes in a way old caches must not survive.
CACHE_VERSION = "1"


@require_GET
def service_worker(request):
    offline_pages = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            offline_pages[code] = reverse("offline")
    context = {
        "cache_version": CACHE_VERSION,
        "offline_pages": json.dumps(offline_pages),
        # The prefix itself: a static() lookup of "" fails with the production manifest storage.
        "static_prefix": settings.STATIC_URL,
        "read_aloud_prefix": f"{settings.MEDIA_URL}{READ_ALOUD_FOLDER}",
        "languages": "|".join(LANGUAGE_CODES),
    }
    response = TemplateResponse(request, "themes/service_worker.js", context, content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def offline_page(request):
    return TemplateResponse(request, "themes/offline.html", {})
