"""The indicators' numbers: one function computes them for the dashboard, its charts and its exports.

Every source is first read as aggregated **facts**: a count (or an amount) with the categories it
is known by (centre, district, sex, age band, channel, destination), for the period and the
centres asked for. The other filters then keep or drop facts, and totals and breakdowns are sums
of the kept facts, so a breakdown adds up to its total (but for withheld small cells, see below)
and the export equals the screen::

    figures = compute(Filters(centres=(lahore.pk,), start=date(2027, 1, 1), end=date(2027, 3, 31)))
    figures.totals[Indicator.REACHED]
    figures.breakdowns["sex"]    # [(key, {indicator: value}), ...]

The rules the dashboard states:
- A fact counts under a filter only when it is known to match: slip scans record no sex, so
  filtered by sex they are left out; outreach sessions record no sex or age band either (their
  participants do).
- People reached = session participants (head counts, so someone at two sessions counts twice)
  + people who opened a referral slip, each learner once in the period, under their first scan's
  session (a scan with no learner counts once). Figures per centre may add up to more than all
  centres together: a learner who opened slips of two centres counts once together.
- Course completions include the counts kept for learners deleted for privacy (LearningTally),
  counted when the week they were tallied in starts within the period.
- Referrals completed and complaints resolved are counted on the day they were completed or
  resolved; the amount recovered is that of the complaints resolved in the period.
- Counselling records of clients deleted on request leave the figures (nothing is kept of them).
- A counselling figure drawn from fewer than RAHNUMA_INDICATOR_MIN_CLIENTS clients is withheld.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from django.conf import settings
from django.db.models import Count, Q, Sum

from cms.centres.demographics import DESTINATIONS, AgeBand, Channel, Sex
from cms.counselling.models import (
    Complaint,
    ComplaintStatus,
    ContactChannel,
    CounsellingContact,
    MigrationStage,
    Referral,
    ReferralStatus,
)
from cms.indicators.models import Indicator
from cms.learning.models import CourseCompletion, LearningTally
from cms.outreach.models import OutreachSession, SessionAttendance, SlipScan

DIMENSIONS = ("centre", "district", "sex", "age_band", "channel", "destination", "stage")
NOT_RECORDED = None  # the key of facts that do not record a dimension
# Categories are listed in their choices' order (age bands youngest first); centres and districts by id.
CATEGORY_ORDER = {
    "sex": Sex.values,
    "age_band": AgeBand.values,
    "channel": Channel.values,
    "destination": [code for code, _label in DESTINATIONS],
    "stage": MigrationStage.values,
}
# Plain strings, not enum members: facts are grouped by these values, and a str enum member hashes
# by its name, so it would not meet the same value read from the database in one group.
CENTRE, CHANGEMAKER = Channel.CENTRE.value, Channel.CHANGEMAKER.value


@dataclass(frozen=True)
class Fact:
    indicator: Indicator
    value: int
    centre: int | None
    district: int | None = None
    sex: str | None = None
    age_band: str | None = None
    channel: str | None = None
    destination: str | None = None
    stage: str | None = None  # a client's migration stage (as it is now: the record is updated as they move on)
    client: int | None = None  # a counselling fact's client, for small-cell suppression; never shown


@dataclass(frozen=True)
class Filters:
    centres: tuple[int, ...]  # the centres counted: already limited to those the user may see
    start: date | None = None
    end: date | None = None
    sex: str = ""
    age_band: str = ""
    districts: tuple[int, ...] = ()
    channel: str = ""
    destination: str = ""

    def keeps(self, fact: Fact) -> bool:
        if self.districts and fact.district not in self.districts:
            return False
        wanted = {"sex": self.sex, "age_band": self.age_band, "channel": self.channel, "destination": self.destination}
        return all(not value or getattr(fact, name) == value for name, value in wanted.items())

    def period(self, lookup: str) -> Q:
        """Records whose date ``lookup`` lies in the period (both ends included)."""
        condition = Q()
        if self.start:
            condition &= Q(**{f"{lookup}__gte": self.start})
        if self.end:
            condition &= Q(**{f"{lookup}__lte": self.end})
        return condition


Cell = dict[Indicator, int | None]  # None: withheld, fewer clients than the smallest cell shown


@dataclass(frozen=True)
class Figures:
    filters: Filters
    min_clients: int
    totals: Cell
    breakdowns: dict[str, list[tuple[object, Cell]]] = field(default_factory=dict)


def smallest_cell() -> int:
    """RAHNUMA_INDICATOR_MIN_CLIENTS (default 3): counselling figures from fewer clients are withheld."""
    return getattr(settings, "RAHNUMA_INDICATOR_MIN_CLIENTS", 3)


def compute(filters: Filters, min_clients: int | None = None) -> Figures:
    """The figures for ``filters``. A counselling figure drawn from at least one but fewer than
    ``min_clients`` clients (default: smallest_cell()) is withheld (None), in totals and breakdowns
    alike: filters combined (a district, a sex, an age band and a destination) could otherwise
    single out one client and show their complaint's outcome."""
    min_clients = smallest_cell() if min_clients is None else min_clients
    kept = [fact for fact in read_facts(filters) if filters.keeps(fact)]

    def summarise(facts: list[Fact]) -> Cell:
        return withhold_small_cells(facts, sum_by_indicator(facts), min_clients)

    breakdowns = {dimension: breakdown(kept, dimension, summarise) for dimension in DIMENSIONS}
    return Figures(filters, min_clients, summarise(kept), breakdowns)


def sum_by_indicator(facts: Iterable[Fact]) -> dict[Indicator, int]:
    totals = dict.fromkeys(Indicator, 0)
    for fact in facts:
        totals[fact.indicator] += fact.value
    return totals


def withhold_small_cells(facts: list[Fact], sums: dict[Indicator, int], min_clients: int) -> Cell:
    clients = defaultdict(set)
    for fact in facts:
        if fact.client is not None:
            clients[fact.indicator].add(fact.client)
    return {
        indicator: None if 0 < len(clients[indicator]) < min_clients else value for indicator, value in sums.items()
    }


def breakdown(facts: list[Fact], dimension: str, summarise) -> list[tuple[object, Cell]]:
    """Per category of ``dimension`` (those that occur, "not recorded" last), ``summarise`` of its facts."""
    groups = defaultdict(list)
    for fact in facts:
        groups[getattr(fact, dimension)].append(fact)
    order = CATEGORY_ORDER.get(dimension)
    rank = order.index if order else None
    keys = sorted((key for key in groups if key is not NOT_RECORDED), key=rank)
    if NOT_RECORDED in groups:
        keys.append(NOT_RECORDED)
    return [(key, summarise(groups[key])) for key in keys]


def read_facts(filters: Filters) -> list[Fact]:
    return [
        *outreach_facts(filters),
        *slip_scan_facts(filters),
        *completion_facts(filters),
        *counselling_facts(filters),
    ]


def outreach_facts(filters: Filters) -> Iterable[Fact]:
    sessions = OutreachSession.objects.filter(filters.period("held_on"), centre_id__in=filters.centres)
    for row in sessions.values("centre_id", "district_id").annotate(n=Count("pk")).order_by():
        yield Fact(Indicator.SESSIONS, row["n"], row["centre_id"], row["district_id"], channel=CHANGEMAKER)
    attendance = (
        SessionAttendance.objects.filter(session__in=sessions)
        .values("session__centre_id", "session__district_id", "sex", "age_band")
        .annotate(n=Sum("count"))
        .order_by()
    )
    for row in attendance:
        participants = Fact(
            Indicator.PARTICIPANTS,
            row["n"],
            row["session__centre_id"],
            row["session__district_id"],
            sex=row["sex"],
            age_band=row["age_band"],
            channel=CHANGEMAKER,
        )
        yield participants
        yield replace(participants, indicator=Indicator.REACHED)


def slip_scan_facts(filters: Filters) -> Iterable[Fact]:
    """One fact per person reached by a slip: each learner once, under their first scan in the period."""
    scans = (
        SlipScan.objects.filter(filters.period("scanned_at__date"), session__centre_id__in=filters.centres)
        .order_by("scanned_at", "pk")
        .values_list("learner_id", "session__centre_id", "session__district_id")
    )
    seen = set()
    for learner_id, centre_id, district_id in scans.iterator():
        if learner_id is not None:
            if learner_id in seen:
                continue
            seen.add(learner_id)
        yield Fact(Indicator.REACHED, 1, centre_id, district_id, channel=CHANGEMAKER)


def completion_facts(filters: Filters) -> Iterable[Fact]:
    records = (
        CourseCompletion.objects.filter(filters.period("completed_at__date"), site_id__in=filters.centres)
        .values("site_id", "channel")
        .annotate(n=Count("pk"))
    )
    tallies = (
        LearningTally.objects.filter(filters.period("week"), site_id__in=filters.centres, completions__gt=0)
        .values("site_id", "channel")
        .annotate(n=Sum("completions"))
    )
    for row in [*records.order_by(), *tallies.order_by()]:
        yield Fact(Indicator.COMPLETIONS, row["n"], row["site_id"], channel=row["channel"])


# Grouped by client too: one fact per client and category, so a cell knows how many clients it holds.
CLIENT_CATEGORIES = ("client__centre_id", "client__district_id", "client__sex", "client__age_band")


def _client_fact(indicator: Indicator, row: dict, value: int, channel: str = CENTRE) -> Fact:
    return Fact(
        indicator,
        value,
        row["client__centre_id"],
        row["client__district_id"],
        sex=row["client__sex"],
        age_band=row["client__age_band"],
        channel=channel,
        destination=row["client__destination"] or NOT_RECORDED,
        stage=row["client__migration_stage"],
        client=row["client_id"],
    )


def counselling_facts(filters: Filters) -> Iterable[Fact]:
    categories = (*CLIENT_CATEGORIES, "client__destination", "client__migration_stage", "client_id")
    in_centres = Q(client__centre_id__in=filters.centres)
    contacts = CounsellingContact.objects.filter(filters.period("date"), in_centres)
    for row in contacts.values(*categories, "channel").annotate(n=Count("pk")).order_by():
        channel = ContactChannel(row["channel"]).reporting_channel.value
        yield _client_fact(Indicator.CONTACTS, row, row["n"], channel)
    referrals = Referral.objects.filter(filters.period("closed_on"), in_centres, status=ReferralStatus.COMPLETED)
    for row in referrals.values(*categories).annotate(n=Count("pk")).order_by():
        yield _client_fact(Indicator.REFERRALS_COMPLETED, row, row["n"])
    complaints = Complaint.objects.filter(filters.period("resolved_on"), in_centres, status=ComplaintStatus.RESOLVED)
    for row in complaints.values(*categories).annotate(n=Count("pk"), amount=Sum("amount_recovered_pkr")).order_by():
        yield _client_fact(Indicator.COMPLAINTS_RESOLVED, row, row["n"])
        yield _client_fact(Indicator.AMOUNT_RECOVERED, row, row["amount"])
