"""One-time tokens carried by the lesson page's forms (its quiz, and "I have finished this lesson").

A token is signed with the site's secret key, so it cannot be forged or edited. It names the form
it was made for (pack, lesson, quiz) and whose it is:

- made for a learner: only a session tied to that learner may post it;
- made before this browser had a learner: only this browser may post it, recognised by a hash of
  its CSRF secret. Its first post makes the learner, with an id derived from the token, so that
  a double-tapped first answer makes one learner (cms.learning.learners.first_form_learner).
  ``forget_learner`` rotates the CSRF secret, so such forms die with the learner's session.

Its random ``nonce`` becomes the recorded QuizAttempt's unique ``token``: posting the same form
twice (a double tap, a resent POST) can record one attempt only, while two tabs hold two tokens
and record two attempts. A token for a browser with no learner is made per visitor even on a page
from the shared page cache (cms.core.page_cache.per_visitor)::

    value = make_token(request, pack_id, lesson_key, quiz_key, learner=learner)
    token = read_token(request, request.POST["token"], pack_id, lesson_key, quiz_key, learner=learner)
"""

import secrets
import uuid
from dataclasses import dataclass

from django.core import signing
from django.middleware.csrf import get_token
from django.utils.crypto import salted_hmac

from cms.core.page_cache import per_visitor

SALT = "rahnuma.learning.form-token"


class FormRefused(Exception):
    """A lesson form that is forged, out of date, or not this learner's. Nothing is recorded."""


@dataclass(frozen=True)
class FormToken:
    nonce: str
    pack_id: str
    lesson_key: str
    quiz_key: str  # "" on the "I have finished this lesson" form
    learner: str  # fingerprint of the learner it was made for, "" if the browser had none
    browser: str  # the browser's fingerprint when made for no learner, else ""

    @property
    def new_learner_id(self) -> uuid.UUID:
        """The id of the learner this token's first post makes: secret to anyone without the site's key."""
        digest = salted_hmac(f"{SALT}.learner", self.nonce).digest()
        return uuid.UUID(bytes=digest[:16], version=4)


def make_token(request, pack_id: str, lesson_key: str, quiz_key: str = "", *, learner=None) -> str:
    """A fresh signed token for a form on the lesson ``lesson_key``, owned by ``learner`` or this browser."""
    if learner is None:
        return _browser_token(request, pack_id, lesson_key, quiz_key)
    return _signed_token(request, pack_id, lesson_key, quiz_key, learner)


@per_visitor
def _browser_token(request, pack_id: str, lesson_key: str, quiz_key: str) -> str:
    return _signed_token(request, pack_id, lesson_key, quiz_key, None)


def _signed_token(request, pack_id: str, lesson_key: str, quiz_key: str, learner) -> str:
    payload = {
        "n": secrets.token_urlsafe(18),
        "p": pack_id,
        "l": lesson_key,
        "q": quiz_key,
        "u": _learner(learner) if learner else "",
        # get_token makes sure the browser has a CSRF secret (sent with the page) to recognise it by.
        "b": "" if learner else _browser(request, ensure=True),
    }
    return signing.dumps(payload, salt=SALT, compress=False)


def read_token(request, value: str, pack_id: str, lesson_key: str, quiz_key: str = "", *, learner=None) -> FormToken:
    """The token ``value`` posted with a form, checked to belong to that form and to this learner or browser.

    Raises FormRefused otherwise.
    """
    try:
        payload = signing.loads(value, salt=SALT)
        token = FormToken(
            payload["n"], payload["p"], payload["l"], payload["q"], learner=payload["u"], browser=payload["b"]
        )
    except (signing.BadSignature, KeyError, TypeError):
        raise FormRefused("the form's token is missing or was changed") from None
    if (token.pack_id, token.lesson_key, token.quiz_key) != (pack_id, lesson_key, quiz_key):
        raise FormRefused("the token belongs to another form")
    if token.learner:
        if learner is None or _learner(learner) != token.learner:
            raise FormRefused("the form was made for another learner")
    elif not token.browser or token.browser != _browser(request):
        raise FormRefused("the form was made in another browser, or before its learner session ended")
    return token


def _learner(learner) -> str:
    """A fingerprint of the learner's public id: tokens are signed, not encrypted, and pages need not show the id."""
    return salted_hmac(f"{SALT}.owner", str(learner.public_id)).hexdigest()[:32]


def _browser(request, ensure=False) -> str:
    """A fingerprint of the browser's CSRF secret ("" without one); the secret itself never leaves the server."""
    if ensure and not request.META.get("CSRF_COOKIE"):
        get_token(request)  # makes the secret; the masked token it returns is not needed (and costs)
    secret = request.META.get("CSRF_COOKIE", "")
    return salted_hmac(f"{SALT}.browser", secret).hexdigest()[:32] if secret else ""
