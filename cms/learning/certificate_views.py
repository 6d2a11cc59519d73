"""Certificate pages, under /<language>/learn/ (cms.learning.urls).

The learner's own, for the learner the certificate was issued to (anyone else gets a 404, as
for a code that does not exist):

GET  certificates/<code>/      the certificate (printable: the theme's print CSS lays it out on
                               one A4 page), its QR code, "Print", "Download PDF", the name form
POST certificates/<code>/      save the name to print on it (empty: no name)
GET  certificates/<code>/pdf/  the PDF (cms.learning.certificate_pdf)

Public, for anyone checking a certificate (an employer, an embassy):

GET  verify/                   the form to type a code (?code=... goes on to the page below)
GET  verify/<code>/            what the certificate says, or "no such certificate" (404); unknown
                               codes count as failed guesses for cms.learning.throttle (429 once a
                               bucket is full). Nothing about the learner is shown but the name
                               they chose to print.
"""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cms.learning.certificates import (
    NAME_MAX_LENGTH,
    clean_name,
    display_code,
    find_certificate,
    language_name,
    verification_path,
)
from cms.learning.kiosk import address_for_phones, kiosk_timings
from cms.learning.learners import current_learner
from cms.learning.models import Certificate
from cms.learning.resume_codes import format_code, normalise
from cms.learning.resume_views import qr_svg
from cms.learning.throttle import is_locked, note_failure, too_many_requests
from cms.locales import BIDI_LANGUAGE_CODES

THROTTLE_SCOPE = "verify"
TYPED_CODE_ECHO_LIMIT = 40  # characters of a wrong code shown back in the form


class NameForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Your name on the certificate (optional)"),
        required=False,
        # The limit is clean_name's, counted after extra spaces are taken out; the attribute only helps typing.
        widget=forms.TextInput(attrs={"maxlength": NAME_MAX_LENGTH, "autocomplete": "name", "dir": "auto"}),
    )

    def clean_name(self):
        return clean_name(self.cleaned_data["name"])


@require_http_methods(["GET", "POST"])
@never_cache  # it may show the learner's name: no cache or back button on a shared screen should keep it
def certificate_page(request, code):
    certificate = _own_certificate(request, code)
    form = NameForm(request.POST if request.method == "POST" else None, initial={"name": certificate.name})
    if form.is_valid():
        certificate.name = form.cleaned_data["name"]
        certificate.save(update_fields=["name"])
        saved = (
            _("Saved. The certificate shows your name now.")
            if certificate.name
            else _("Saved. The certificate shows no name.")
        )
        messages.success(request, saved)
        return redirect("learning:certificate", display_code(certificate))
    link = verification_url(request, certificate)
    context = {
        **_certificate_context(certificate),
        "form": form,
        "verification_url": link,
        "qr_svg": qr_svg(link, title=_("QR code of this certificate's verification page")),
        "downloadable": _downloadable(request),
    }
    status = 400 if form.is_bound else 200  # a valid post has been redirected
    return TemplateResponse(request, "rahnuma_learning/certificate.html", context, status=status)


@require_GET
@never_cache
def certificate_pdf_download(request, code):
    if not _downloadable(request):
        raise Http404("no downloads on a shared screen")
    certificate = _own_certificate(request, code)
    # Imported here, not at the top: fpdf2 and HarfBuzz are large and only PDF downloads need them.
    from cms.learning.certificate_pdf import certificate_pdf

    data = certificate_pdf(certificate, verification_url(request, certificate))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{display_code(certificate)}.pdf"'
    return response


def _downloadable(request) -> bool:
    """A kiosk keeps nothing of its learners: a PDF (perhaps with a name) saved on its disk would stay
    there. At a kiosk the learner prints the page, or takes the course home with a resume code."""
    return kiosk_timings(request) is None


@require_GET
def verify(request):
    typed = request.GET.get("code", "")
    if not typed.strip():
        return _verify_page(request)
    code = normalise(typed)
    if code is None:  # not a guess worth counting: it could not be anyone's code
        return _verify_page(request, typed=typed, error=_malformed_message(), status=400)
    return redirect("learning:verify-code", format_code(code))


@require_GET
def verify_code(request, code):
    if is_locked(request, THROTTLE_SCOPE):
        return too_many_requests(request)
    certificate = find_certificate(code)
    if certificate is not None:
        return _verify_page(request, certificate=certificate)
    if normalise(code) is None:
        return _verify_page(request, typed=code, error=_malformed_message(), status=404)
    note_failure(request, THROTTLE_SCOPE)
    error = _("There is no certificate with this code. Please check the code and try again.")
    return _verify_page(request, typed=code, error=error, status=404)


def verification_url(request, certificate: Certificate) -> str:
    """The absolute address of the certificate's public page: what its QR code holds."""
    return address_for_phones(request, verification_path(certificate))


def _own_certificate(request, code) -> Certificate:
    certificate = find_certificate(code)
    learner = current_learner(request)
    if certificate is None or learner is None or certificate.learner_id != learner.pk:
        raise Http404("no such certificate of yours")
    return certificate


def _certificate_context(certificate):
    return {
        "certificate": certificate,
        "code": display_code(certificate),
        "language_name": language_name(certificate.language),
        "certificate_rtl": certificate.language in BIDI_LANGUAGE_CODES,
    }


def _verify_page(request, *, certificate=None, typed="", error="", status=200):
    context = {"typed": typed[:TYPED_CODE_ECHO_LIMIT], "error": error}
    if certificate is not None:
        context.update(_certificate_context(certificate))
    return TemplateResponse(request, "rahnuma_learning/verify.html", context, status=status)


def _malformed_message():
    return _("A certificate code has 12 letters and numbers, like CDFG-HJKM-NPQR. Please check it and try again.")
