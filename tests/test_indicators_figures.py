"""The indicators from a known set of records (tests/indicator_fixture.py) equal totals worked out by hand."""

from datetime import date

import pytest

from cms.indicators.figures import DIMENSIONS, Filters, compute
from cms.indicators.models import Indicator, Target
from cms.indicators.targets import progress
from tests.counselling_helpers import district
from tests.indicator_fixture import END, START, build

I = Indicator  # noqa: E741
ORDER = [
    I.REACHED,
    I.SESSIONS,
    I.PARTICIPANTS,
    I.COMPLETIONS,
    I.CONTACTS,
    I.REFERRALS_COMPLETED,
    I.COMPLAINTS_RESOLVED,
    I.AMOUNT_RECOVERED,
]


@pytest.fixture
def known(site):
    return build(site)


def both(known):
    return (known.lahore.pk, known.mirpur.pk)


def figures(known, centres=None, **filters):
    """The figures with nothing withheld (the fixture has only three clients); see the last test."""
    return compute(Filters(centres=centres or both(known), start=START, end=END, **filters), min_clients=1)


def in_order(totals) -> list[int]:
    return [totals[indicator] for indicator in ORDER]


def test_totals_for_the_quarter_in_both_centres(known):
    # reached = participants 20 + 8 + 10, plus slips: learner A once, learner B once, the unknown scan once.
    # completions = 4 records + a tally of 2 (the tally of 5 is in a week starting before the period).
    assert in_order(figures(known).totals) == [41, 3, 38, 6, 4, 2, 2, 170_000]


def test_each_centre_alone(known):
    # Lahore: learner B's scan of S1 counts here, since their first scan (of S3, Mirpur's) is not in view.
    assert in_order(figures(known, centres=(known.lahore.pk,)).totals) == [31, 2, 28, 5, 3, 1, 1, 150_000]
    assert in_order(figures(known, centres=(known.mirpur.pk,)).totals) == [11, 1, 10, 1, 1, 1, 1, 20_000]


def test_all_time_includes_what_the_period_leaves_out(known):
    every = compute(Filters(centres=both(known)), min_clients=1).totals
    assert in_order(every) == [92, 4, 88, 12, 5, 2, 3, 220_000]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        # Women: participants only (scans, sessions and completions record no sex); client X's records.
        ({"sex": "female"}, [20, 0, 20, 0, 2, 1, 1, 150_000]),
        # Lahore district: S1, learner A's first scan (S1); client X.
        ({"districts": "Lahore"}, [21, 1, 20, 0, 2, 1, 1, 150_000]),
        # Changemaker channel: all outreach, one completion, client Y's outreach contact.
        ({"channel": "changemaker"}, [41, 3, 38, 1, 1, 0, 0, 0]),
        ({"channel": "kiosk"}, [0, 0, 0, 3, 0, 0, 0, 0]),
        ({"destination": "SA"}, [0, 0, 0, 0, 2, 1, 1, 150_000]),
        ({"age_band": "35-44"}, [10, 0, 10, 0, 1, 0, 0, 0]),
    ],
)
def test_filters(known, filters, expected):
    if "districts" in filters:
        filters = {**filters, "districts": (district(filters["districts"]).pk,)}
    assert in_order(figures(known, **filters).totals) == expected


def test_breakdown_by_sex_channel_and_migration_stage(known):
    result = figures(known)
    by_sex = {key: in_order(values) for key, values in result.breakdowns["sex"]}
    assert list(by_sex) == ["female", "male", None]
    assert by_sex["female"] == [20, 0, 20, 0, 2, 1, 1, 150_000]
    assert by_sex["male"] == [18, 0, 18, 0, 2, 1, 1, 20_000]
    assert by_sex[None] == [3, 3, 0, 6, 0, 0, 0, 0]
    by_channel = {key: values[I.COMPLETIONS] for key, values in result.breakdowns["channel"]}
    assert by_channel == {"centre": 0, "kiosk": 3, "home": 2, "changemaker": 1}
    by_stage = {key: in_order(values)[4:] for key, values in result.breakdowns["stage"]}
    assert by_stage == {
        "preparing": [2, 1, 1, 150_000],
        "abroad": [1, 0, 0, 0],
        "returned": [1, 1, 1, 20_000],
        None: [0, 0, 0, 0],
    }


def test_every_breakdown_adds_up_to_the_totals(known):
    result = figures(known)
    for dimension in DIMENSIONS:
        for indicator in Indicator:
            assert sum(values[indicator] for _, values in result.breakdowns[dimension]) == result.totals[indicator]


def test_progress_towards_targets(known):
    reached = Target.objects.create(indicator=I.REACHED, value=100, starts_on=START, ends_on=END)
    reached.districts.set([district("Lahore"), district("Kasur")])
    contacts = Target.objects.create(indicator=I.CONTACTS, value=10, starts_on=START, ends_on=END, centre=known.mirpur)
    # Lahore and Kasur districts: 20 + 8 participants, learner A and the unknown scan.
    assert (progress(reached, both(known)).achieved, progress(reached, both(known)).percent) == (30, 30)
    # A target's own centre wins over the centres asked for.
    assert (progress(contacts, (known.lahore.pk,)).achieved, progress(contacts, ()).percent) == (1, 10)
    overdone = Target.objects.create(indicator=I.SESSIONS, value=2, starts_on=START, ends_on=date(2027, 12, 31))
    assert progress(overdone, both(known)).percent == 100


def test_counselling_figures_from_fewer_clients_than_the_smallest_cell_are_withheld(known):
    result = compute(Filters(centres=both(known), start=START, end=END), min_clients=2)
    # Contacts come from X, Y and Z; referrals completed from X and Z; complaints resolved from X and Z.
    assert in_order(result.totals) == [41, 3, 38, 6, 4, 2, 2, 170_000]
    by_sex = {key: in_order(values) for key, values in result.breakdowns["sex"]}
    # Women: client X alone, so every counselling figure is withheld; outreach figures are not.
    assert by_sex["female"] == [20, 0, 20, 0, None, None, None, None]
    assert by_sex["male"] == [18, 0, 18, 0, 2, None, None, None]
    everything_small = compute(Filters(centres=both(known), start=START, end=END), min_clients=5)
    assert in_order(everything_small.totals)[4:] == [None] * 4
