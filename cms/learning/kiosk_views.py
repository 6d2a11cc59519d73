"""The "Finish and clear" button, under /<language>/learn/finish/ (cms.learning.urls).

A learner at a shared screen (or the kiosk's idle countdown, cms.learning.kiosk) ends their turn so
that the next person starts afresh; the learner's records stay, to be found again by a resume code
or an account.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale, Site

from cms.learning.learners import forget_learner


@require_POST
def finish(request):
    forget_learner(request)
    # Messages go to a cookie first, so the notice survives the session just emptied.
    messages.info(request, _("Your session has ended. The next person starts afresh."))
    return redirect(_home_url(request))


def _home_url(request) -> str:
    """This site's home page in the current language (or the site's own home when it has no translation)."""
    site = Site.find_for_request(request)
    if site is None:
        return "/"
    home = site.root_page.get_translation_or_none(Locale.get_active()) or site.root_page
    return home.get_url(request) or "/"
