"""Sign up, log in and log out for learners, under /<language>/learn/account/ (cms.learning.urls).

These are the web theme's pages, not the Wagtail admin's login. Signing up asks for a username
and a password only: no e-mail, no phone. Signing up or in claims the browser's learner
(cms.learning.accounts.settle_learner); failed logins are limited like resume codes, and sign-ups
per browser and address (cms.learning.throttle); logging out is a POST and forgets the browser's learner.
"""

from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from cms.learning.accounts import settle_learner
from cms.learning.learners import current_learner, forget_learner
from cms.learning.resume_views import too_many_attempts
from cms.learning.throttle import is_locked, note_failure, rate_limited

THROTTLE_SCOPE = "login"
NEXT_PARAMETER = "next"
# The other account page, offered under each form: (URL name, link text).
LOG_IN_INSTEAD = ("learning:login", _("I already have an account: log in"))
SIGN_UP_INSTEAD = ("learning:signup", _("I have no account yet: create one"))


@require_http_methods(["GET", "POST"])
@rate_limited("signup")  # one browser or address making account after account
def sign_up(request):
    form = UserCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _signed_in(request, form.save())
    return _account_page(request, form, _("Create an account"), _("Create account"), alternative=LOG_IN_INSTEAD)


@require_http_methods(["GET", "POST"])
def log_in(request):
    if request.method == "POST" and is_locked(request, THROTTLE_SCOPE):
        return too_many_attempts(request)
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            return _signed_in(request, form.get_user())
        note_failure(request, THROTTLE_SCOPE)
    return _account_page(request, form, _("Log in"), _("Log in"), alternative=SIGN_UP_INSTEAD)


@require_POST
def log_out(request):
    logout(request)
    # The learner must leave with the user: on a shared device the next person would otherwise
    # carry on as them, and forms left open in the browser are retired (see cms.learning.learners).
    forget_learner(request)
    return redirect("learning:resume")


def _signed_in(request, user):
    before = current_learner(request)  # login() empties the session when another user was signed in
    login(request, user)
    settle_learner(request, user, before)
    target = request.POST.get(NEXT_PARAMETER, "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("learning:resume")


def _account_page(request, form, title, submit_label, alternative):
    context = {
        "form": form,
        "title": title,
        "submit_label": submit_label,
        "alternative_url": alternative[0],
        "alternative_label": alternative[1],
        "next": request.GET.get(NEXT_PARAMETER) or request.POST.get(NEXT_PARAMETER, ""),
    }
    return TemplateResponse(request, "rahnuma_learning/account_form.html", context, status=400 if form.errors else 200)
