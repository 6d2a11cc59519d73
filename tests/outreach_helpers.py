"""Helpers for the outreach tests (cms.outreach): centre staff, and a session form posted as a phone sends it."""

import uuid

from django.contrib.auth.models import User
from wagtail.models import Site

from cms.centres.models import CentreStaff, District
from cms.learning.models import LessonPage
from cms.outreach.models import OutreachSession

NEW_SESSION_URL = "/en/field/sessions/new/"


def staff(username, centre, role, mentor=None) -> User:
    user = User.objects.filter(username=username).first() or User.objects.create_user(username, password="pw")
    CentreStaff.objects.create(user=user, centre=centre, role=role, mentor=mentor)
    return user


def second_centre(site) -> Site:
    return Site.objects.create(hostname="mirpur.localhost", port=80, root_page=site.root_page, site_name="Mirpur")


def contract_lesson() -> LessonPage:
    """The example pack's lesson in English, whose quiz (q1, q2) serves as the check."""
    return LessonPage.objects.get(locale__language_code="en", pack_key="atlantis-contract")


def session_form(centre, public_id=None, **overrides) -> dict:
    """A valid session form: 12 women aged 18-24 and 8 men aged 25-34 in Lahore."""
    data = {
        "public_id": str(public_id or uuid.uuid4()),
        "centre": str(centre.pk),
        "held_on": "2026-11-20",
        "district": str(District.objects.get(name="Lahore").pk),
        "tehsil": "Raiwind",
        "venue_type": "village",
        "partner_institution": "Government Girls High School",
        "materials": "20 leaflets",
        "follow_up": "Two people asked about Qatar visas.",
        "attendance-female-18-24": "12",
        "attendance-male-25-34": "8",
    }
    data.update(overrides)
    return data


def log_in(client, user):
    client.force_login(user)
    return client


def make_session(changemaker, centre, held_on="2026-11-20", check_lesson=None, **fields) -> OutreachSession:
    """A session stored directly, as the field kit would store it."""
    return OutreachSession.objects.create(
        public_id=uuid.uuid4(),
        centre=centre,
        changemaker=changemaker,
        held_on=held_on,
        district=District.objects.get(name="Lahore"),
        tehsil=fields.pop("tehsil", "Raiwind"),
        venue_type="village",
        check_lesson=check_lesson,
        **fields,
    )
