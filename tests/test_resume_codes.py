"""Resume codes: their format, carrying progress to a second device, the QR code of the link, expiry,
forgiving typing, and the limit on wrong guesses."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from cms.learning.learners import SESSION_KEY
from cms.learning.models import Learner, LessonProgress, ResumeCode
from cms.learning.resume_codes import ALPHABET, CODE_LENGTH, ENTROPY_BITS, issue_code, new_code, normalise
from cms.learning.resume_views import qr_svg
from cms.packs.importer import install_pack
from tests.learning_helpers import CONTRACT_URL, COURSE_URL, add_arrival_lesson, mark_done

pytestmark = pytest.mark.django_db

RESUME_URL = "/{language}/learn/resume/"
NEW_CODE_URL = "/{language}/learn/resume/new/"
CODE_IN_PAGE = re.compile(r'<p class="resume-code" dir="ltr"><strong>([A-Z0-9-]+)</strong></p>')
AMBIGUOUS = "0O1IL5S2Z8B"


@pytest.fixture
def course(site, pack_copy):
    install_pack(add_arrival_lesson(pack_copy), site)
    return site


def learner_with_progress(client) -> Learner:
    mark_done(client, CONTRACT_URL.format(language="en"))
    return Learner.objects.get(public_id=client.session[SESSION_KEY])


def get_code(client, language="en"):
    """Press "Get a code" and read the code off the page."""
    response = client.post(NEW_CODE_URL.format(language=language))
    assert response.status_code == 200
    html = response.content.decode()
    return CODE_IN_PAGE.search(html).group(1), html


def enter_code(client, code, language="en"):
    return client.post(RESUME_URL.format(language=language), {"code": code})


def test_codes_are_grouped_from_an_alphabet_without_look_alikes():
    assert not set(AMBIGUOUS) & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) and ENTROPY_BITS >= 40
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(rf"[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}", code), code
        assert len(normalise(code)) == CODE_LENGTH


def test_typing_is_forgiving_but_not_anything_goes():
    assert normalise(" cdfg hjkm-npqr ") == "CDFGHJKMNPQR"
    assert normalise("CDFG–HJKM–NP\tQR") == "CDFGHJKMNPQR"  # en dashes, a tab
    assert normalise("cdfg-hjkm-np۳۴") == "CDFGHJKMNP34"  # Urdu digits
    assert normalise("CDFG-HJKM-NPQ") is None  # too short
    assert normalise("CDFG-HJKM-NPQRT") is None  # too long
    assert normalise("CDFG-HJKM-NPQO") is None  # O is not in the alphabet


def test_a_code_carries_progress_to_a_second_device(client, course):
    learner = learner_with_progress(client)
    code, _ = get_code(client)
    stored = ResumeCode.objects.get()
    assert stored.learner == learner and normalise(code) not in stored.code_hash and stored.times_used == 0

    phone = Client()
    assert "1 of 2 lessons done" not in phone.get(COURSE_URL.format(language="en")).content.decode()
    typed = f"  {code.lower().replace('-', ' ')} "
    response = enter_code(phone, typed)
    assert response.status_code == 302 and response["Location"] == RESUME_URL.format(language="en")
    assert phone.session[SESSION_KEY] == str(learner.public_id)
    page = phone.get(RESUME_URL.format(language="en")).content.decode()
    assert "Welcome back. Your progress is on this device now." in page
    assert "Getting ready for Atlantis" in page and "1 of 2 lessons done" in page
    assert "1 of 2 lessons done" in phone.get(COURSE_URL.format(language="en")).content.decode()
    stored.refresh_from_db()
    assert stored.times_used == 1 and stored.last_used_at is not None

    # The phone continues as the same learner: what it records shows on the kiosk too.
    mark_done(phone, "/en/courses/atlantis-course/atlantis-arrival/")
    assert LessonProgress.objects.filter(learner=learner).count() == 2
    assert Learner.objects.count() == 1


def test_the_page_shows_a_qr_code_of_the_resume_link(client, course):
    learner_with_progress(client)
    code, html = get_code(client, language="ur")
    link = f"http://testserver/ur/learn/resume/{code}/"
    assert f'<a href="{link}" dir="ltr">{link}</a>' in html
    assert str(qr_svg(link)) in html  # the SVG drawn for exactly this link, inline
    assert '<svg width="' in html and 'class="qr-code"' in html and "<script" not in str(qr_svg(link))
    assert "no-store" in client.post(NEW_CODE_URL.format(language="ur"))["Cache-Control"]

    # Opening the link fills the form in and changes nothing until "Continue" is pressed.
    phone = Client()
    page = phone.get(link.removeprefix("http://testserver")).content.decode()
    assert f'value="{code}"' in page
    assert SESSION_KEY not in phone.session


def test_a_code_expires(client, course, settings):
    settings.RAHNUMA_RESUME_CODE_DAYS = 2
    learner = learner_with_progress(client)
    code = issue_code(learner)
    stored = ResumeCode.objects.get()
    assert stored.expires_at - stored.created_at == timedelta(days=2)
    ResumeCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    phone = Client()
    response = enter_code(phone, code)
    assert response.status_code == 400
    assert "This code has expired." in response.content.decode()
    assert SESSION_KEY not in phone.session


def test_unknown_and_malformed_codes_say_what_is_wrong(client, course):
    response = enter_code(client, "CDFG-HJKM-NPQR")
    assert response.status_code == 400 and "We do not know this code." in response.content.decode()
    response = enter_code(client, "hello")
    assert response.status_code == 400 and "A code has 12 letters and numbers" in response.content.decode()
    assert 'value="hello"' in response.content.decode()  # kept in the form, to correct


def test_no_code_without_a_learner_and_only_by_post(client, course):
    response = client.post(NEW_CODE_URL.format(language="en"))
    assert response.status_code == 302 and not ResumeCode.objects.exists()
    assert client.get(NEW_CODE_URL.format(language="en")).status_code == 405
    assert "Get a code" not in client.get(RESUME_URL.format(language="en")).content.decode()


def test_forms_need_the_csrf_token(course):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(RESUME_URL.format(language="en"), {"code": "CDFG-HJKM-NPQR"}).status_code == 403
    assert browser.post(NEW_CODE_URL.format(language="en")).status_code == 403


def test_the_course_page_offers_a_code_once_there_is_progress(client, course):
    url = COURSE_URL.format(language="en")
    assert 'action="/en/learn/resume/new/"' not in client.get(url).content.decode()
    learner_with_progress(client)
    assert 'action="/en/learn/resume/new/"' in client.get(url).content.decode()


def test_the_pages_speak_urdu(client, course):
    learner_with_progress(client)
    page = client.get(RESUME_URL.format(language="ur")).content.decode()
    assert 'lang="ur"' in page and "دوسرے آلے پر جاری رکھیں" in page


def test_the_sixth_wrong_guess_is_refused_even_with_the_right_code(client, course):
    code = issue_code(learner_with_progress(Client()))
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    guesser.get(RESUME_URL.format(language="en"))  # a browser has its CSRF cookie before it posts
    wrong = "CDFG-HJKM-NPQR" if normalise(code) != "CDFGHJKMNPQR" else "CDFG-HJKM-NPQT"
    for _ in range(5):
        assert enter_code(guesser, wrong).status_code == 400
    response = enter_code(guesser, code)
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()
    assert "sessionid" not in guesser.cookies  # no learner was tied (reading client.session would make a session)

    # Someone else, elsewhere, uses the code: that resets nothing, and they are not locked out.
    owner = Client(REMOTE_ADDR="198.51.100.2")
    assert enter_code(owner, code).status_code == 302
    assert enter_code(guesser, code).status_code == 429
    # Another browser behind the guesser's address (a kiosk room shares one) is not locked out either.
    neighbour = Client(REMOTE_ADDR="203.0.113.7")
    neighbour.get(RESUME_URL.format(language="en"))
    assert enter_code(neighbour, code).status_code == 302


def test_the_address_is_kept_only_hashed(client, course):
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    enter_code(guesser, "CDFG-HJKM-NPQR")
    keys = list(cache._cache)  # LocMemCache's store: the keys the counters were written under
    assert keys and not any("203.0.113.7" in key for key in keys)


def test_a_code_made_at_a_kiosk_links_to_the_public_site(course):
    """A phone at home opens the web site, not the centre's kiosk host (cms.learning.kiosk.address_for_phones)."""
    kiosk = Client(HTTP_HOST="kiosk.localhost")
    mark_done(kiosk, CONTRACT_URL.format(language="en"))
    code, html = get_code(kiosk)
    link = f"http://localhost/en/learn/resume/{code}/"
    assert f'<a href="{link}" dir="ltr">{link}</a>' in html and "kiosk.localhost" not in html
