"""Certificates: issued when a learner completes a course, checked by anyone who has the code.

A certificate is issued once per learner and course, in the same transaction that records the
completion (cms.learning.progress). Its verification code is made like a resume code (12 symbols
without look-alikes, "CDFG-HJKM-NPQR", about 55 bits: cms.learning.resume_codes) and typed as
forgivingly, but it is stored as it is: it is printed on the certificate to be shown, and finding
a certificate by it reveals only what the certificate says. Guessing is limited by
cms.learning.throttle in the verification view::

    certificate = issue_certificate(completion, course_title="Getting ready for Atlantis")
    certificate = find_certificate(" cdfg hjkm-npqr ")   # or None
    certificate.name = clean_name(typed)                # or raises ValidationError

The name is the learner's choice, never required, and shown to anyone with the code.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.learning.certificate_fonts import unprintable
from cms.learning.models import Certificate, CourseCompletion, Learner
from cms.learning.resume_codes import format_code, normalise, random_symbols

# A fresh code colliding with an existing one is a 1 in 2**55 event per certificate: try again a few times.
CODE_ATTEMPTS = 5
NAME_MAX_LENGTH = Certificate._meta.get_field("name").max_length
# Zero-width (non-)joiners shape Urdu and Persian words; every other invisible format character is
# refused, bidirectional overrides above all, which could make a printed name read as another.
_JOINERS = {"\u200c", "\u200d"}
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}

LANGUAGE_NAMES = {"en": _("English"), "ur": _("Urdu"), "pnb": _("Punjabi (Shahmukhi)")}


def issue_certificate(completion: CourseCompletion, course_title: str) -> Certificate:
    """The certificate for ``completion``: issued now, or the one already issued to that learner for that course.

    Safe to call twice, also at once from two requests (the unique constraint decides).
    """
    for _attempt in range(CODE_ATTEMPTS):
        try:
            certificate, _created = Certificate.objects.get_or_create(
                learner=completion.learner,
                pack_id=completion.pack_id,
                course_key=completion.course_key,
                defaults={
                    "code": random_symbols(),
                    "course_title": course_title,
                    "language": completion.language,
                    "completed_at": completion.completed_at,
                    "site": completion.site,
                },
            )
            return certificate
        except IntegrityError:
            # get_or_create found no certificate of this learner's after the insert failed: the code was taken.
            continue
    raise IntegrityError(f"no free certificate code after {CODE_ATTEMPTS} attempts")


def find_certificate(typed: str) -> Certificate | None:
    """The certificate whose code ``typed`` is (any case, spaces or dashes, Urdu digits), or None."""
    code = normalise(typed)
    if code is None:
        return None
    return Certificate.objects.filter(code=code).first()


def display_code(certificate: Certificate) -> str:
    """The code grouped for reading: "CDFG-HJKM-NPQR"."""
    return format_code(certificate.code)


def verification_path(certificate: Certificate) -> str:
    """The public page that confirms the certificate, in its own language: /ur/learn/verify/CDFG-HJKM-NPQR/."""
    with translation.override(certificate.language):
        return reverse("learning:verify-code", args=[display_code(certificate)])


def language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


def clean_name(typed: str) -> str:
    """The name as it will be printed: trimmed, runs of spaces made one; "" for no name.

    Raises ValidationError for a name that is too long, holds control or invisible formatting
    characters, has no letter, or uses characters the certificate's fonts cannot print.
    """
    name = " ".join(part for part in typed.split(" ") if part).strip()
    if not name:
        return ""
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            _("A name can have at most %(limit)d characters."), code="too_long", params={"limit": NAME_MAX_LENGTH}
        )
    if any(unicodedata.category(c) in _REFUSED_CATEGORIES and c not in _JOINERS for c in name):
        raise ValidationError(_("Please use only letters, spaces and ordinary punctuation."), code="control")
    if not any(unicodedata.category(c).startswith("L") for c in name):
        raise ValidationError(_("A name needs at least one letter."), code="no_letter")
    missing = unprintable(name)
    if missing:
        raise ValidationError(
            _("These characters cannot be printed on the certificate: %(characters)s"),
            code="unprintable",
            params={"characters": " ".join(missing)},
        )
    return name


def move_certificates(source: Learner, target: Learner):
    """Give ``source``'s certificates to ``target`` (merging two learners, cms.learning.accounts).

    Where both have one for the same course, ``target`` keeps its own and ``source``'s is kept
    unowned: it may already be printed, so its code must go on verifying.
    """
    with transaction.atomic():
        held = set(Certificate.objects.filter(learner=target).values_list("pack_id", "course_key"))
        for certificate in Certificate.objects.filter(learner=source):
            certificate.learner = None if (certificate.pack_id, certificate.course_key) in held else target
            certificate.save(update_fields=["learner"])
