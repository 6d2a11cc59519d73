"""A known set of records for the indicator tests, January to March 2027, with its totals worked out
by hand in the tests (tests/test_indicators_figures.py, tests/test_indicators_dashboard.py).

Centres Lahore (the ``site``) and Mirpur; all times at noon in Karachi.
- Sessions: S1 Lahore centre, Lahore district, 10 Jan: 12 women 18-24, 8 men 25-34.
  S2 Lahore centre, Kasur, 15 Feb: 5 women 25-34, 3 girls under 18. S3 Mirpur centre, Jhelum,
  1 Mar: 10 men 35-44. S4 Lahore centre, Lahore, 20 Dec 2026 (before the period): 50 women 18-24.
- Slip scans: learner A: S1 on 12 Jan and S2 on 20 Feb; learner B: S3 on 5 Mar and S1 on 10 Mar;
  someone unknown (no learner): S2 on 16 Feb; learner C: S4 on 22 Dec 2026.
- Completions: Lahore kiosk 20 Jan, Lahore home 1 Feb, Lahore changemaker 31 Mar, Mirpur home
  2 Feb, Lahore home 1 Apr (after); tallies: Lahore kiosk 2 in the week of 4 Jan, Lahore home 5
  in the week of 28 Dec 2026 (its week starts before the period).
- Clients: X (Lahore centre, woman 25-34, Lahore district, to SA, preparing): contacts walk-in 5 Jan,
  WhatsApp 10 Feb, phone 1 Dec 2026; a referral completed 20 Feb and one accepted; a complaint
  resolved 15 Mar, 200,000 claimed, 150,000 recovered.
  Y (Lahore centre, man 35-44, Kasur, to QA, abroad): contact at an outreach session 2 Mar; a complaint in
  progress; a complaint resolved 2 Apr (after), 50,000 recovered.
  Z (Mirpur centre, man 18-24, no district or destination recorded, returned): contact by phone 15 Jan; a
  referral completed 30 Mar; a complaint resolved 31 Jan, 20,000 claimed and recovered.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import User
from django.utils import timezone
from wagtail.models import Site

from cms.counselling.models import Client, Complaint, CounsellingContact, Referral
from cms.learning.models import CourseCompletion, Learner, LearningTally
from cms.outreach.models import OutreachSession, SessionAttendance, SlipScan
from tests.counselling_helpers import district, new_client, second_centre

START, END = date(2027, 1, 1), date(2027, 3, 31)


@dataclass
class Known:
    lahore: Site
    mirpur: Site
    x: Client
    y: Client
    z: Client


def noon(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 12))


def session(centre, district_name, held_on, *counts, changemaker):
    held = OutreachSession.objects.create(
        public_id=uuid.uuid4(),
        centre=centre,
        changemaker=changemaker,
        held_on=held_on,
        district=district(district_name),
        tehsil="—",
        venue_type="village",
    )
    for sex, age_band, count in counts:
        SessionAttendance.objects.create(session=held, sex=sex, age_band=age_band, count=count)
    return held


def scan(held, learner, day):
    SlipScan.objects.create(session=held, learner=learner, scanned_at=noon(day))


def completion(site, channel, day):
    CourseCompletion.objects.create(
        learner=Learner.objects.create(),
        pack_id="example.atlantis",
        course_key="atlantis-course",
        language="en",
        site=site,
        channel=channel,
        completed_at=noon(day),
    )


def complaint(client, status, recovered, resolved_on=None, claimed=None):
    made = Complaint.objects.create(
        client=client,
        against="agent",
        issue_type="fees",
        forum="protector",
        status=status,
        amount_claimed_pkr=claimed if claimed is not None else recovered,
        amount_recovered_pkr=recovered,
    )
    Complaint.objects.filter(pk=made.pk).update(resolved_on=resolved_on)


def build(site) -> Known:
    lahore, mirpur = site, second_centre(site)
    maker = User.objects.create_user("maker")
    s1 = session(lahore, "Lahore", date(2027, 1, 10), ("female", "18-24", 12), ("male", "25-34", 8), changemaker=maker)
    s2 = session(
        lahore, "Kasur", date(2027, 2, 15), ("female", "25-34", 5), ("female", "under-18", 3), changemaker=maker
    )
    s3 = session(mirpur, "Jhelum", date(2027, 3, 1), ("male", "35-44", 10), changemaker=maker)
    s4 = session(lahore, "Lahore", date(2026, 12, 20), ("female", "18-24", 50), changemaker=maker)
    a, b, c = (Learner.objects.create() for _ in range(3))
    scan(s1, a, date(2027, 1, 12))
    scan(s2, a, date(2027, 2, 20))
    scan(s3, b, date(2027, 3, 5))
    scan(s1, b, date(2027, 3, 10))
    scan(s2, None, date(2027, 2, 16))
    scan(s4, c, date(2026, 12, 22))

    completion(lahore, "kiosk", date(2027, 1, 20))
    completion(lahore, "home", date(2027, 2, 1))
    completion(lahore, "changemaker", date(2027, 3, 31))
    completion(mirpur, "home", date(2027, 2, 2))
    completion(lahore, "home", date(2027, 4, 1))
    tally = {"pack_id": "example.atlantis", "course_key": "atlantis-course", "language": "en"}
    LearningTally.objects.create(site=lahore, week=date(2027, 1, 4), channel="kiosk", completions=2, **tally)
    LearningTally.objects.create(site=lahore, week=date(2026, 12, 28), channel="home", completions=5, **tally)

    x = new_client(lahore, sex="female", age_band="25-34", district=district("Lahore"), destination="SA")
    y = new_client(
        lahore, sex="male", age_band="35-44", district=district("Kasur"), destination="QA", migration_stage="abroad"
    )
    z = new_client(mirpur, sex="male", age_band="18-24", district=None, destination="", migration_stage="returned")
    for client, channel, day in [
        (x, "walk-in", date(2027, 1, 5)),
        (x, "whatsapp", date(2027, 2, 10)),
        (x, "phone", date(2026, 12, 1)),
        (y, "outreach", date(2027, 3, 2)),
        (z, "phone", date(2027, 1, 15)),
    ]:
        CounsellingContact.objects.create(client=client, channel=channel, date=day, topics=["costs"], minutes=20)
    Referral.objects.create(
        client=x, reason="Legal aid", status="completed", made_on=date(2027, 2, 1), closed_on=date(2027, 2, 20)
    )
    Referral.objects.create(client=x, reason="Skills training", status="accepted", made_on=date(2027, 2, 1))
    Referral.objects.create(
        client=z, reason="OPF", status="completed", made_on=date(2027, 3, 1), closed_on=date(2027, 3, 30)
    )
    complaint(x, "resolved", 150000, date(2027, 3, 15), claimed=200000)
    complaint(y, "in-progress", 0)
    complaint(y, "resolved", 50000, date(2027, 4, 2))
    complaint(z, "resolved", 20000, date(2027, 1, 31))
    return Known(lahore, mirpur, x, y, z)
