"""A certificate as a one-page PDF (A4, landscape), in the certificate's own language.

It says what the certificate page says: the course, the language, the date, the name if the
learner gave one, the verification code and a QR code of the verification page's address.
fpdf2 lays it out; with text shaping on, HarfBuzz (uharfbuzz) joins Urdu letters into their
contextual Nastaliq forms, and fpdf2's bidirectional algorithm sets Urdu and Punjabi right to
left, with Latin codes and addresses inside them left to right. Fonts: cms.learning.certificate_fonts.

Setting a page in Nastaliq takes about a second (most of it subsetting the font), so a PDF is
cached by everything printed on it::

    data = certificate_pdf(certificate, "https://example.org/ur/learn/verify/CDFG-HJKM-NPQR/")
"""

import hashlib
from dataclasses import astuple, dataclass

import segno
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from fpdf import FPDF

from cms.learning.certificate_fonts import FAMILIES, LATIN, LATIN_EXTENDED, URDU
from cms.learning.certificates import display_code, language_name
from cms.learning.models import Certificate

# Bump when the layout changes, so that cached PDFs are made again.
LAYOUT_VERSION = 1
CACHE_SECONDS = 24 * 60 * 60
ACCENT = (11, 110, 79)  # the site's --accent
INK = (27, 31, 35)
MUTED = (74, 85, 96)
PAGE_MARGIN = 20  # mm
QR_SIZE = 38  # mm, quiet zone included
POINT = 0.3528  # mm
# Line height per font size: Nastaliq climbs and descends far more than Latin script.
NASTALIQ_LINE_HEIGHT = 2.3
LATIN_LINE_HEIGHT = 1.45


@dataclass(frozen=True)
class PrintedText:
    """Everything printed on a certificate's PDF, already in its language."""

    language: str
    rtl: bool
    brand: str
    heading: str
    name: str
    before_name: str
    after_name: str
    course_title: str
    facts: str
    code_label: str
    code: str
    check_hint: str
    verification_url: str


def printed_text(certificate: Certificate, verification_url: str) -> PrintedText:
    with translation.override(certificate.language):
        completed_on = date_format(timezone.localtime(certificate.completed_at).date(), "j F Y")
        language = _("Language")
        completed = _("Completed on")
        return PrintedText(
            language=certificate.language,
            rtl=get_language_bidi(),
            brand=_("Rahnuma"),
            heading=_("Certificate of completion"),
            name=certificate.name,
            before_name=_("This certifies that") if certificate.name else "",
            after_name=(
                _("has completed the course") if certificate.name else _("This certifies the completion of the course")
            ),
            course_title=certificate.course_title,
            facts=f"{language}: {language_name(certificate.language)}   ·   {completed}: {completed_on}",
            code_label=_("Verification code"),
            code=display_code(certificate),
            check_hint=_("To check this certificate, scan the QR code or open:"),
            verification_url=verification_url,
        )


def certificate_pdf(certificate: Certificate, verification_url: str) -> bytes:
    """The certificate's PDF, made now or taken from the cache."""
    text = printed_text(certificate, verification_url)
    digest = hashlib.sha256(repr((LAYOUT_VERSION, astuple(text))).encode()).hexdigest()
    key = f"rahnuma.learning.certificate-pdf:{digest}"
    data = cache.get(key)
    if data is None:
        data = render_pdf(text)
        cache.set(key, data, CACHE_SECONDS)
    return data


def render_pdf(text: PrintedText) -> bytes:
    pdf = FPDF(orientation="landscape", format="A4", unit="mm")
    pdf.set_margins(PAGE_MARGIN, PAGE_MARGIN)
    pdf.set_auto_page_break(False)
    pdf.set_lang(text.language)
    pdf.set_title(f"{text.heading}: {text.course_title}")
    pdf.set_creator(text.brand)
    for family in FAMILIES:
        for style, path in family.files().items():
            pdf.add_font(family.name, style, path)
    main, *fallbacks = (URDU, LATIN, LATIN_EXTENDED) if text.rtl else (LATIN, LATIN_EXTENDED, URDU)
    pdf.set_fallback_fonts([family.name for family in fallbacks])
    pdf.add_page()
    _frame(pdf)

    writer = _Writer(pdf, main.name, "rtl" if text.rtl else "ltr")
    pdf.set_y(PAGE_MARGIN + 2)
    writer.line(text.brand, 13, colour=ACCENT, bold=True)
    writer.gap(3)  # Nastaliq's tall letters rise above their line
    writer.line(text.heading, 30, bold=True)
    writer.gap(3)
    if text.name:
        writer.line(text.before_name, 14, colour=MUTED)
        writer.line(text.name, 24, bold=True)
    writer.line(text.after_name, 14, colour=MUTED)
    writer.line(text.course_title, 24, colour=ACCENT, bold=True)
    writer.gap(2)
    writer.line(text.facts, 13)

    _verification_block(pdf, writer, text)
    return bytes(pdf.output())


class _Writer:
    """Paragraphs (centred unless told) in one font family and base direction, shaped.

    The base direction orders a paragraph's runs (Urdu right to left); runs in the other script
    keep their own direction inside it. A name in Urdu script on an English certificate is set in
    the fallback Nastaliq font, so line heights follow the text, not the family.
    """

    def __init__(self, pdf: FPDF, family: str, direction: str):
        self.pdf, self.family, self.direction = pdf, family, direction

    def line(self, text: str, size: float, *, colour=INK, bold=False, align="C", width=0, x=None):
        self.pdf.set_text_shaping(True, direction=self.direction)
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.set_text_color(*colour)
        if x is not None:
            self.pdf.set_x(x)
        height = size * POINT * (NASTALIQ_LINE_HEIGHT if _has_arabic_script(text) else LATIN_LINE_HEIGHT)
        self.pdf.multi_cell(width, height, text, align=align, new_x="LEFT", new_y="NEXT")

    def gap(self, millimetres: float):
        self.pdf.set_y(self.pdf.get_y() + millimetres)


def _has_arabic_script(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" or "\ufb50" <= c <= "\ufeff" for c in text)


def _frame(pdf: FPDF):
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.3)
    pdf.rect(13, 13, pdf.w - 26, pdf.h - 26)


def _verification_block(pdf: FPDF, writer: _Writer, text: PrintedText):
    """The QR code at the inline end of the bottom line (right in English, left in Urdu), the code
    and the address beside it, towards the inline start."""
    top = pdf.h - PAGE_MARGIN - QR_SIZE
    qr_x = PAGE_MARGIN if text.rtl else pdf.w - PAGE_MARGIN - QR_SIZE
    _draw_qr(pdf, text.verification_url, qr_x, top, QR_SIZE)
    text_x = PAGE_MARGIN + QR_SIZE + 6 if text.rtl else PAGE_MARGIN
    width = pdf.w - 2 * PAGE_MARGIN - QR_SIZE - 6
    align = "R" if text.rtl else "L"
    pdf.set_y(top)
    writer.line(text.code_label, 11, colour=MUTED, align=align, width=width, x=text_x)
    # The code and the address are Latin, left to right also on an Urdu certificate (an address's
    # closing "/" would otherwise be set at its left end).
    latin = _Writer(pdf, LATIN.name, "ltr")
    latin.line(text.code, 18, bold=True, align=align, width=width, x=text_x)
    writer.line(text.check_hint, 10, colour=MUTED, align=align, width=width, x=text_x)
    latin.line(text.verification_url, 10, colour=ACCENT, align=align, width=width, x=text_x)


def _draw_qr(pdf: FPDF, link: str, x: float, y: float, size: float):
    """The link as a QR code of filled squares (vector, sharp in print), with its quiet zone."""
    qr = segno.make(link, error="m", micro=False)
    border = 4
    modules, _height = qr.symbol_size(scale=1, border=border)
    module = size / modules
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    for row_index, row in enumerate(qr.matrix_iter(scale=1, border=border)):
        column = 0
        while column < modules:
            if not row[column]:
                column += 1
                continue
            start = column
            while column < modules and row[column]:
                column += 1
            # One rectangle per run of dark modules in a row: a smaller page than one per module.
            pdf.rect(x + start * module, y + row_index * module, (column - start) * module, module, style="F")
