"""Referral slips: the printed sheet of QR codes for a session, and what opening one does.

Each slip carries the link /r/<slip code>/ (no language prefix: it is printed once for everyone).
Opening it, at home or at a kiosk, makes or finds this browser's anonymous learner
(cms.learning.learners), counts one SlipScan per session and learner (so scanning twice counts
once), marks the browser's session as reached through this outreach session (SESSION_KEY, which
cms.learning.channels reads) and goes on to the site's home page in the visitor's language.
Nothing about the person is asked or kept. Wrong codes count as guesses (cms.learning.throttle) and
end in a 404 (by way of /<language>/r/..., where Django's LocaleMiddleware looks first).
"""

from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Site

from cms.learning.learners import current_learner
from cms.learning.resume_views import qr_svg
from cms.learning.throttle import is_locked, note_failure, too_many_requests
from cms.outreach.models import OutreachSession, SlipScan

SESSION_KEY = "rahnuma_outreach_session"
THROTTLE_SCOPE = "slip"  # registered in cms.learning.throttle.SCOPES by cms.outreach.apps
SLIPS_PER_SHEET = 12  # 3 x 4 on A4
MAX_SHEETS = 10


def slip_link(request, session) -> str:
    return request.build_absolute_uri(reverse("outreach-slip", args=[session.slip_code]))


def slip_sheet_context(request, session, sheets: int) -> dict:
    link = slip_link(request, session)
    # One SVG, repeated: every slip of a session carries the same link.
    return {"session": session, "link": link, "qr": qr_svg(link, title=link), "slips": range(SLIPS_PER_SHEET * sheets)}


def count_scan(request, session) -> SlipScan:
    """This browser's scan of ``session``'s slip: made once per learner, found again after."""
    learner = current_learner(request, create=True)
    try:
        with transaction.atomic():
            scan, _ = SlipScan.objects.get_or_create(
                session=session, learner=learner, defaults={"site": Site.find_for_request(request)}
            )
    except IntegrityError:  # the same browser's two requests raced; the other one counted it
        scan = SlipScan.objects.get(session=session, learner=learner)
    return scan


@require_GET
@never_cache
def open_slip(request, code: str):
    if is_locked(request, THROTTLE_SCOPE):
        return too_many_requests(request)
    session = OutreachSession.objects.filter(slip_code=code.lower()[:16]).first()
    if session is None:
        note_failure(request, THROTTLE_SCOPE)
        raise Http404("no such referral slip")
    count_scan(request, session)
    request.session[SESSION_KEY] = str(session.public_id)
    return redirect(home_url(request))


def home_url(request) -> str:
    """The home page of this request's site in the visitor's language (browser or cookie), else the default."""
    language = translation.get_language_from_request(request)
    site = Site.find_for_request(request)
    if site is not None:
        locale = Locale.objects.filter(language_code=language).first()
        home = site.root_page.get_translation_or_none(locale) if locale else None
        with translation.override(language):
            url = (home or site.root_page).specific.get_url(request)
        if url:
            return url
    return f"/{language}/"
