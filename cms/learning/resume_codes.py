"""Resume codes: how a learner carries their progress from a centre's kiosk to their own phone.

A code is 12 characters in three groups of four ("CDFG-HJKM-NPQR"), drawn from an alphabet with
no look-alikes or sound-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B), so it can be read aloud or copied
from a screen: 25 symbols, about 55 bits. Only a keyed hash of it is stored (ResumeCode), so
neither the database nor its backups hold a working code. Typing is forgiving: any case, spaces
or hyphens anywhere, and Urdu (Eastern Arabic) digits::

    code = issue_code(learner)      # "CDFG-HJKM-NPQR", shown once
    learner = redeem_code(" cdfg hjkm-npqr ")  # or raises CodeRefused

Guessing is limited by cms.learning.throttle, in the views that call ``redeem_code``.
"""

import math
import secrets
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from cms.learning.models import Learner, ResumeCode

ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
GROUP_LENGTH = 4
GROUPS = 3
CODE_LENGTH = GROUP_LENGTH * GROUPS
ENTROPY_BITS = CODE_LENGTH * math.log2(len(ALPHABET))
SEPARATOR = "-"
_IGNORED = {"-", "_", ".", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014"}  # hyphens and dashes people type
_SALT = "rahnuma.learning.resume-code"


class CodeRefused(Exception):
    """A resume code that does not work; ``reason`` is "malformed", "unknown" or "expired"."""

    def __init__(self, reason: str):
        super().__init__(f"resume code refused: {reason}")
        self.reason = reason


def new_code() -> str:
    """A fresh random code, grouped for reading ("CDFG-HJKM-NPQR")."""
    return format_code(random_symbols())


def random_symbols() -> str:
    """CODE_LENGTH random symbols from ALPHABET, ungrouped: a code as ``normalise`` returns it.
    Certificates' verification codes (cms.learning.certificates) are made the same way."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def format_code(normalised: str) -> str:
    groups = (normalised[start : start + GROUP_LENGTH] for start in range(0, len(normalised), GROUP_LENGTH))
    return SEPARATOR.join(groups)


def normalise(typed: str) -> str | None:
    """The code as stored (12 upper-case symbols, no separators), or None if ``typed`` cannot be a code."""
    symbols = []
    for character in typed:
        if character.isspace() or character in _IGNORED:
            continue
        if character.isdecimal():  # "۳" (Urdu three) is 3
            character = str(unicodedata.decimal(character))
        symbols.append(character.upper())
    code = "".join(symbols)
    if len(code) != CODE_LENGTH or any(symbol not in ALPHABET for symbol in code):
        return None
    return code


def code_hash(normalised: str) -> str:
    """The stored form: keyed with the site's secret, so a copy of the database cannot be searched offline."""
    return salted_hmac(_SALT, normalised, algorithm="sha256").hexdigest()


def issue_code(learner: Learner) -> str:
    """Make a code for ``learner``, valid for settings.RAHNUMA_RESUME_CODE_DAYS days; returns it grouped."""
    code = new_code()
    now = timezone.now()
    ResumeCode.objects.create(
        learner=learner,
        code_hash=code_hash(normalise(code)),
        created_at=now,
        expires_at=now + timedelta(days=settings.RAHNUMA_RESUME_CODE_DAYS),
    )
    return code


def redeem_code(typed: str) -> Learner:
    """The learner whose code ``typed`` is, noting the use. Raises CodeRefused."""
    normalised = normalise(typed)
    if normalised is None:
        raise CodeRefused("malformed")
    resume_code = ResumeCode.objects.select_related("learner").filter(code_hash=code_hash(normalised)).first()
    if resume_code is None:
        raise CodeRefused("unknown")
    now = timezone.now()
    if resume_code.expires_at <= now:
        raise CodeRefused("expired")
    ResumeCode.objects.filter(pk=resume_code.pk).update(last_used_at=now, times_used=F("times_used") + 1)
    return resume_code.learner
