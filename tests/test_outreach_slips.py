"""Referral slips (cms.outreach.slips): the printed sheet, and counting the people who open a slip."""

import pytest
from django.test import Client

from cms.centres.models import Role
from cms.learning.learners import SESSION_KEY as LEARNER_KEY
from cms.outreach.models import SlipScan
from cms.outreach.slips import SESSION_KEY, SLIPS_PER_SHEET
from tests.outreach_helpers import log_in, make_session, staff


@pytest.fixture
def outreach(site):
    return make_session(staff("amna", site, Role.CHANGEMAKER), site)


def slip_url(session):
    return f"/r/{session.slip_code}/"


def test_opening_a_slip_counts_the_learner_and_goes_home_in_their_language(client, outreach):
    response = client.get(slip_url(outreach), HTTP_ACCEPT_LANGUAGE="ur")

    assert response.status_code == 302 and response["Location"] == "/ur/"
    scan = SlipScan.objects.get()
    assert scan.session == outreach and scan.site is not None
    assert str(scan.learner.public_id) == client.session[LEARNER_KEY]
    assert client.session[SESSION_KEY] == str(outreach.public_id)


def test_the_same_learner_scanning_twice_counts_once(client, outreach):
    client.get(slip_url(outreach))
    client.get(slip_url(outreach).upper())  # typed from the paper in capitals: the same code
    assert SlipScan.objects.filter(session=outreach).count() == 1


def test_two_learners_count_twice(outreach):
    Client().get(slip_url(outreach))
    Client().get(slip_url(outreach))
    assert SlipScan.objects.filter(session=outreach).count() == 2
    assert SlipScan.objects.values("learner").distinct().count() == 2


def test_a_bad_code_is_a_404_and_counts_as_a_guess(client, outreach):
    for _ in range(5):
        # Django's LocaleMiddleware tries the path under /en/ first, where it is just as unknown.
        assert client.get("/r/notacode23/", follow=True).status_code == 404
    # The sixth guess is refused before it is checked, even with the right code.
    assert client.get(slip_url(outreach)).status_code == 429
    assert not SlipScan.objects.exists()


def test_slip_codes_are_unguessable_and_unique(site):
    amna = staff("amna", site, Role.CHANGEMAKER)
    codes = {make_session(amna, site).slip_code for _ in range(20)}
    assert len(codes) == 20 and all(len(code) == 10 for code in codes)


def test_the_slip_sheet_has_a_qr_code_of_the_link_on_every_slip(client, outreach):
    log_in(client, outreach.changemaker)
    response = client.get(f"/en/field/sessions/{outreach.public_id}/slips/?sheets=2")
    html = response.content.decode()
    link = f"http://testserver/r/{outreach.slip_code}/"
    assert response.status_code == 200
    assert html.count('class="slip"') == 2 * SLIPS_PER_SHEET
    assert html.count("<svg") == 2 * SLIPS_PER_SHEET and link in html
    assert "@page" not in html  # print rules live in the stylesheet, which the CSP allows
    assert "outreach/css/field-kit.css" in html


def test_the_slip_sheet_is_only_for_staff_who_see_the_session(client, outreach, site):
    log_in(client, staff("bilal", site, Role.CHANGEMAKER))
    assert client.get(f"/en/field/sessions/{outreach.public_id}/slips/").status_code == 404
