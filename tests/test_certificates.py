"""Certificates: issued once on completing a course, the learner's own page with a name they may
add, the public verification page (its facts, unknown codes, forgiving typing, the limit on
guessing), the QR code of its address, the PDF, Urdu shaped right to left in it (its first page
is written to test-artefacts/certificate-ur.png), and certificates outliving forgotten learners."""

import re
import zlib
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.utils import timezone, translation
from django.utils.formats import date_format

from cms.learning.accounts import merge_learners
from cms.learning.certificate_views import verification_url
from cms.learning.certificates import clean_name, find_certificate, issue_certificate
from cms.learning.forgetting import forget_idle_learners
from cms.learning.learners import SESSION_KEY
from cms.learning.models import Certificate, CourseCompletion, Learner, LessonPage
from cms.learning.progress import mark_lesson_done
from cms.learning.resume_codes import ALPHABET, CODE_LENGTH
from cms.learning.resume_views import qr_svg
from cms.learning.throttle import SCOPES
from cms.packs.importer import install_pack
from tests.learning_helpers import (
    ARRIVAL_URL,
    CONTRACT_RIGHT,
    CONTRACT_URL,
    COURSE_URL,
    add_arrival_lesson,
    mark_done,
    post_quiz,
)

pytestmark = pytest.mark.django_db

ARTEFACTS = Path(__file__).resolve().parents[1] / "test-artefacts"
VERIFY_URL = "/{language}/learn/verify/"
ARRIVAL_RIGHT = {"keep": ["passport", "contract", "salary-card"], "register": "true"}
CERTIFICATE_LINK = re.compile(r'href="(/(?:en|ur|pnb)/learn/certificates/([A-Z0-9-]+)/)"')
URDU_TITLE = "اٹلانٹس جانے کی تیاری"  # the example pack's Urdu course title


@pytest.fixture
def one_lesson_course(site, pack_copy):
    """The example pack's course: one lesson, whose quiz passed completes the course."""
    install_pack(pack_copy, site)
    return site


@pytest.fixture
def two_lesson_course(site, pack_copy):
    install_pack(add_arrival_lesson(pack_copy), site)
    return site


def complete_course(client, language="en") -> Certificate:
    """Pass the one-lesson course's quiz (which finishes the lesson and the course) in ``language``."""
    assert post_quiz(client, CONTRACT_URL.format(language=language), CONTRACT_RIGHT).status_code == 302
    return Certificate.objects.get(learner__public_id=client.session[SESSION_KEY])


def certificate_link(client, url) -> str | None:
    found = CERTIFICATE_LINK.search(client.get(url).content.decode())
    return found.group(1) if found else None


def verify(client, code, language="en"):
    return client.get(f"{VERIFY_URL.format(language=language)}{code}/")


def test_completing_a_course_issues_one_certificate(client, two_lesson_course):
    mark_done(client, CONTRACT_URL.format(language="en"))
    post_quiz(client, CONTRACT_URL.format(language="en"), CONTRACT_RIGHT)
    assert not Certificate.objects.exists()  # one lesson of two: not complete yet
    assert certificate_link(client, COURSE_URL.format(language="en")) is None

    post_quiz(client, ARRIVAL_URL.format(language="en"), ARRIVAL_RIGHT)
    certificate = Certificate.objects.get()
    completion = CourseCompletion.objects.get()
    assert (certificate.learner, certificate.pack_id, certificate.course_key) == (
        completion.learner,
        "example.atlantis",
        "atlantis-course",
    )
    assert certificate.course_title == "Getting ready for Atlantis" and certificate.language == "en"
    assert certificate.completed_at == completion.completed_at and certificate.site == two_lesson_course
    assert len(certificate.code) == CODE_LENGTH and set(certificate.code) <= set(ALPHABET)
    assert certificate.name == ""

    # Completing again (another pass, the lesson marked again, the completion issued again) changes nothing.
    post_quiz(client, ARRIVAL_URL.format(language="en"), ARRIVAL_RIGHT)
    lesson = LessonPage.objects.get(pack_key="atlantis-arrival", locale__language_code="en")
    mark_lesson_done(completion.learner, lesson)
    assert issue_certificate(completion, "Another title") == certificate
    assert Certificate.objects.get().course_title == "Getting ready for Atlantis"

    # The course page and its lessons link to it.
    link = f"/en/learn/certificates/{certificate.code[:4]}-{certificate.code[4:8]}-{certificate.code[8:]}/"
    assert certificate_link(client, COURSE_URL.format(language="en")) == link
    assert certificate_link(client, ARRIVAL_URL.format(language="en")) == link
    assert certificate_link(client, CONTRACT_URL.format(language="ur")) == link.replace("/en/", "/ur/")


def test_a_completion_older_than_certificates_gets_one_in_its_language(client, one_lesson_course):
    mark_done(client, CONTRACT_URL.format(language="en"))  # a learner for this browser
    learner = Learner.objects.get()
    CourseCompletion.objects.create(
        learner=learner, pack_id="example.atlantis", course_key="atlantis-course", language="ur"
    )
    assert not Certificate.objects.exists()
    assert certificate_link(client, COURSE_URL.format(language="en")) is not None
    certificate = Certificate.objects.get()
    assert (certificate.language, certificate.course_title) == ("ur", URDU_TITLE)


def test_the_certificate_page_is_its_learners_alone(client, one_lesson_course):
    certificate = complete_course(client)
    link = certificate_link(client, COURSE_URL.format(language="en"))
    page = client.get(link)
    html = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "Certificate of completion" in html and "Getting ready for Atlantis" in html
    assert f'<dd dir="ltr" class="certificate-code">{link.split("/")[-2]}</dd>' in html
    assert 'href="/en/learn/certificates/' in html and "/pdf/" in html and "data-print" in html

    stranger = Client()
    mark_done(stranger, CONTRACT_URL.format(language="en"))  # a learner of their own
    assert stranger.get(link).status_code == 404
    assert stranger.get(f"{link}pdf/").status_code == 404
    assert stranger.post(link, {"name": "Someone Else"}).status_code == 404
    assert Client().get(link).status_code == 404  # no learner at all
    certificate.refresh_from_db()
    assert certificate.name == ""


def test_the_page_shows_a_qr_code_of_the_verification_address(client, one_lesson_course, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "centre.example.org"]
    certificate = complete_course(client, language="ur")
    request = RequestFactory().get("/", HTTP_HOST="centre.example.org")
    url = verification_url(request, certificate)
    grouped = f"{certificate.code[:4]}-{certificate.code[4:8]}-{certificate.code[8:]}"
    # In the certificate's language, whatever the page's.
    assert url == f"http://centre.example.org/ur/learn/verify/{grouped}/"

    html = client.get(f"/en/learn/certificates/{grouped}/").content.decode()
    expected = f"http://testserver/ur/learn/verify/{grouped}/"
    assert f'<a href="{expected}" dir="ltr">{expected}</a>' in html
    with translation.override("en"):
        assert str(qr_svg(expected, title="QR code of this certificate's verification page")) in html
    assert "<script" not in html.split("</main>")[0]  # the certificate itself works without scripts


def test_the_learner_may_add_a_name_and_only_then_it_is_shown(client, one_lesson_course):
    certificate = complete_course(client)
    own = f"/en/learn/certificates/{certificate.code}/"  # the ungrouped code works too
    code_page = verify(Client(), certificate.code).content.decode()
    assert "<dt>Name</dt>" not in code_page and "not checked against an identity document" not in code_page

    response = client.post(own, {"name": "  Amina   Bibi "})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.name == "Amina Bibi"
    assert "Saved. The certificate shows your name now." in client.get(response["Location"]).content.decode()
    code_page = verify(Client(), certificate.code).content.decode()
    assert '<dt>Name</dt><dd dir="auto">Amina Bibi</dd>' in code_page
    assert "not checked against an identity document" in code_page

    assert client.post(own, {"name": "   "}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.name == ""
    assert "Amina" not in verify(Client(), certificate.code).content.decode()


REFUSED_NAMES = [
    ("A" * 81, "A name can have at most 80 characters."),
    ("Amina\u202eibiB", "Please use only letters, spaces and ordinary punctuation."),  # a right-to-left override
    ("Amina\x07Bibi", "Please use only letters, spaces and ordinary punctuation."),
    ("Amina\nBibi", "Please use only letters, spaces and ordinary punctuation."),
    ("12345", "A name needs at least one letter."),
    ("अमीना", "These characters cannot be printed on the certificate: अ म ी न ा"),
]


def test_a_name_that_cannot_be_printed_honestly_is_refused(client, one_lesson_course):
    certificate = complete_course(client)
    for typed, message in REFUSED_NAMES:
        response = client.post(f"/en/learn/certificates/{certificate.code}/", {"name": typed})
        assert response.status_code == 400, typed
        assert message in response.content.decode(), typed
        certificate.refresh_from_db()
        assert certificate.name == "", typed


def test_names_in_urdu_and_with_joiners_are_fine():
    assert clean_name("علی  خان") == "علی خان"
    assert clean_name("می\u200cخواهم") == "می\u200cخواهم"  # a zero-width non-joiner shapes the word
    assert clean_name("Zoë O'Neil-Ahmed") == "Zoë O'Neil-Ahmed"
    assert clean_name("A" * 80) == "A" * 80
    with pytest.raises(ValidationError):
        clean_name("A" * 81)


def test_the_name_form_needs_the_csrf_token(one_lesson_course):
    browser = Client(enforce_csrf_checks=True)
    certificate = complete_course(browser)  # the quiz form carries its token, read from the page
    assert browser.post(f"/en/learn/certificates/{certificate.code}/", {"name": "X"}).status_code == 403


def test_the_verification_page_says_what_the_certificate_says(client, one_lesson_course):
    certificate = complete_course(client, language="ur")
    learner = certificate.learner
    visitor = Client()
    response = verify(visitor, f"{certificate.code[:4]}-{certificate.code[4:8]}-{certificate.code[8:]}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "This certificate is real." in html
    assert f'<dd lang="ur" dir="rtl">{URDU_TITLE}</dd>' in html
    assert "<dd>Urdu</dd>" in html
    completed = timezone.localtime(certificate.completed_at)
    assert f'<time datetime="{completed:%Y-%m-%d}">{completed.day} {completed:%B %Y}</time>' in html
    assert str(learner.public_id) not in html and f"learner={learner.pk}" not in html
    assert SESSION_KEY not in visitor.session  # checking a certificate makes nobody a learner

    urdu = verify(visitor, certificate.code, language="ur").content.decode()
    assert 'lang="ur"' in urdu and "یہ سند اصلی ہے۔" in urdu and "<dd>اردو</dd>" in urdu
    punjabi = verify(visitor, certificate.code, language="pnb").content.decode()
    assert 'lang="pnb"' in punjabi and "ایہہ سند اصلی اے۔" in punjabi
    with translation.override("pnb"):
        month = date_format(completed, "F")  # from our catalogue: Django has no Punjabi
    assert month != f"{completed:%B}" and f"{completed.day} {month} {completed.year}" in punjabi


def test_an_unknown_code_is_no_certificate(client, one_lesson_course):
    response = verify(client, "CDFG-HJKM-NPQR")
    assert response.status_code == 404
    assert "There is no certificate with this code." in response.content.decode()
    assert 'value="CDFG-HJKM-NPQR"' in response.content.decode()  # kept in the form, to correct
    response = verify(client, "hello")
    assert response.status_code == 404 and "A certificate code has 12 letters" in response.content.decode()


def test_typed_codes_are_forgiving(client, one_lesson_course):
    certificate = complete_course(client)
    grouped = f"{certificate.code[:4]}-{certificate.code[4:8]}-{certificate.code[8:]}"
    typed = f" {certificate.code[:6].lower()} {certificate.code[6:]}–"
    response = client.get(VERIFY_URL.format(language="en"), {"code": typed})
    assert response.status_code == 302 and response["Location"] == f"/en/learn/verify/{grouped}/"
    assert verify(client, certificate.code.lower()).status_code == 200
    assert find_certificate(typed) == certificate

    response = client.get(VERIFY_URL.format(language="en"), {"code": "CDFG-HJKM"})
    assert response.status_code == 400 and "A certificate code has 12 letters" in response.content.decode()
    assert client.get(VERIFY_URL.format(language="en")).status_code == 200
    assert client.post(VERIFY_URL.format(language="en"), {"code": grouped}).status_code == 405


def test_the_sixth_unknown_code_is_refused_even_if_it_is_right(client, one_lesson_course):
    certificate = complete_course(client)
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    guesser.get("/en/learn/resume/")  # a browser: it has a CSRF cookie, which tells it apart
    wrong = "CDFG-HJKM-NPQR" if certificate.code != "CDFGHJKMNPQR" else "CDFG-HJKM-NPQT"
    for _ in range(5):
        assert verify(guesser, wrong).status_code == 404
    response = verify(guesser, certificate.code)
    assert response.status_code == 429 and "Too many tries" in response.content.decode()

    # Someone elsewhere is not locked out, nor another browser behind the same address (a kiosk room).
    assert verify(Client(REMOTE_ADDR="198.51.100.2"), certificate.code).status_code == 200
    neighbour = Client(REMOTE_ADDR="203.0.113.7")
    neighbour.get("/en/learn/resume/")
    assert verify(neighbour, certificate.code).status_code == 200


def test_guessing_without_cookies_is_limited_by_address(client, one_lesson_course):
    certificate = complete_course(client)
    wrong_codes = (f"CDFGHJKM{ALPHABET[n // 25]}{ALPHABET[n % 25]}QR" for n in range(2 * len(ALPHABET)))
    # Without cookies there is no browser to tell apart: every fresh client from one address counts
    # as the same guesser, with a guesser's limit (cms.learning.throttle).
    for code in [code for code in wrong_codes if code != certificate.code][: SCOPES["verify"].client]:
        assert verify(Client(REMOTE_ADDR="203.0.113.8"), code).status_code == 404
    assert verify(Client(REMOTE_ADDR="203.0.113.8"), certificate.code).status_code == 429
    assert verify(Client(REMOTE_ADDR="203.0.113.9"), certificate.code).status_code == 200
    # Codes that cannot be anyone's are not counted as guesses.
    for _ in range(10):
        assert verify(Client(REMOTE_ADDR="198.51.100.3"), "not-a-code").status_code == 404
    assert verify(Client(REMOTE_ADDR="198.51.100.3"), certificate.code).status_code == 200


def test_the_pdf_says_what_the_certificate_says(client, one_lesson_course):
    certificate = complete_course(client)
    client.post(f"/en/learn/certificates/{certificate.code}/", {"name": "Amina Bibi"})
    grouped = f"{certificate.code[:4]}-{certificate.code[4:8]}-{certificate.code[8:]}"
    response = client.get(f"/en/learn/certificates/{grouped}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="certificate-{grouped}.pdf"'
    assert response.content.startswith(b"%PDF-")
    text = page_text(response.content)
    for fact in ("Certificate of completion", "Amina Bibi", "Getting ready for Atlantis", "Language: English"):
        assert fact in text, fact
    assert grouped in text and f"http://testserver/en/learn/verify/{grouped}/" in text


def test_a_kiosk_offers_no_pdf_to_leave_on_its_disk(client, one_lesson_course):
    at_home = complete_course(client)
    assert "Download PDF" in client.get(f"/en/learn/certificates/{at_home.code}/").content.decode()
    kiosk = Client(HTTP_HOST="kiosk.localhost")
    certificate = complete_course(kiosk)
    page = kiosk.get(f"/en/learn/certificates/{certificate.code}/")
    assert page.status_code == 200 and "Download PDF" not in page.content.decode()
    assert kiosk.get(f"/en/learn/certificates/{certificate.code}/pdf/").status_code == 404


def test_the_urdu_pdf_is_shaped_right_to_left(client, one_lesson_course):
    """The first page is written to test-artefacts/certificate-ur.png, to look at."""
    certificate = complete_course(client, language="ur")
    client.post(f"/ur/learn/certificates/{certificate.code}/", {"name": "علی خان"})
    data = client.get(f"/ur/learn/certificates/{certificate.code}/pdf/").content

    document = pdfium.PdfDocument(data)
    try:
        ARTEFACTS.mkdir(exist_ok=True)
        document[0].render(scale=2).to_pil().save(ARTEFACTS / "certificate-ur.png")
        title = characters_at_size(document[0], size=24)
    finally:
        document.close()

    # Shaped: a letter joined to its neighbours takes another form (initial, medial, final), drawn
    # by another glyph, so one Urdu font draws the same letter with several glyphs. Unshaped text
    # draws each letter with its one nominal glyph (which in Nastaliq is not even visible).
    fonts = glyphs_per_character(data)
    assert any(len(font["ی"]) >= 2 and len(font["ا"]) >= 2 for font in fonts), fonts
    # Right to left: the title's first word (اٹلانٹس, the only one with س) is right of the second
    # (جانے: ج) and that of the third (کی: ک).
    assert max(title["س"]) > max(title["ج"]) > max(title["ک"])


def test_a_certificate_outlives_its_forgotten_learner(client, one_lesson_course):
    certificate = complete_course(client)
    client.post(f"/en/learn/certificates/{certificate.code}/", {"name": "Amina Bibi"})
    Learner.objects.update(last_seen_at=timezone.now() - timedelta(days=200))

    forgotten = forget_idle_learners(days=180)

    assert forgotten.learners == 1 and not Learner.objects.exists() and not CourseCompletion.objects.exists()
    certificate.refresh_from_db()
    assert certificate.learner is None and certificate.name == "Amina Bibi"
    page = verify(Client(), certificate.code)
    assert page.status_code == 200 and "Getting ready for Atlantis" in page.content.decode()
    assert client.get(f"/en/learn/certificates/{certificate.code}/").status_code == 404  # nobody owns it now


def test_merging_learners_moves_their_certificates(db):
    source, target = Learner.objects.create(), Learner.objects.create()

    def certificate(learner, course_key, code):
        return Certificate.objects.create(
            learner=learner,
            code=code,
            pack_id="example.atlantis",
            course_key=course_key,
            course_title=course_key,
            language="en",
            completed_at=timezone.now(),
        )

    only_source = certificate(source, "course-a", "AAAAAAAAAAAA")
    both_source = certificate(source, "course-b", "CCCCCCCCCCCC")
    both_target = certificate(target, "course-b", "DDDDDDDDDDDD")

    merge_learners(source, target)

    for item in (only_source, both_source, both_target):
        item.refresh_from_db()
    assert only_source.learner == target and both_target.learner == target
    assert both_source.learner is None  # kept, so that its code still verifies


def page_text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        return document[0].get_textpage().get_text_bounded()
    finally:
        document.close()


def glyphs_per_character(data: bytes) -> list[dict[str, set[str]]]:
    """For each font in the PDF, each character its glyphs stand for, with those glyphs' codes
    (read from the fonts' ToUnicode maps, which map glyphs back to text)."""
    fonts = []
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            body = zlib.decompress(stream.group(1))
        except zlib.error:  # not compressed (fpdf2 writes its ToUnicode maps as they are)
            body = stream.group(1)
        if b"begincmap" not in body or b"/Ordering (UCS)" not in body:
            continue
        glyphs = defaultdict(set)
        for code, unicode in re.findall(rb"<([0-9A-F]{4})> <([0-9A-F]+)>", body):
            text = bytes.fromhex(unicode.decode()).decode("utf-16-be")
            if len(text) == 1:
                glyphs[text].add(code.decode())
        fonts.append(glyphs)
    return fonts


def characters_at_size(page, size: float) -> dict[str, list[float]]:
    """Each character set at ``size`` points on the page, with the left edges of its glyphs."""
    textpage = page.get_textpage()
    found = defaultdict(list)
    for index in range(textpage.count_chars()):
        if round(pdfium_c.FPDFText_GetFontSize(textpage.raw, index)) != size:
            continue
        left, _bottom, _right, _top = textpage.get_charbox(index)
        found[chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index))].append(left)
    textpage.close()
    return found
