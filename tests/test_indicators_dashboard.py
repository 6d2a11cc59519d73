"""The indicators dashboard: who sees it, which centres it covers, and downloads equal to the screen."""

import csv
import io

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook

from cms.centres.models import Role
from cms.indicators.models import Indicator, Target
from tests.counselling_helpers import admin_staff, refused
from tests.indicator_fixture import END, START, build

URL = "/admin/indicators/"
QUARTER = {"start": START.isoformat(), "end": END.isoformat()}


@pytest.fixture
def known(site, settings):
    settings.RAHNUMA_INDICATOR_MIN_CLIENTS = 1  # the fixture has three clients: withhold nothing, but below
    return build(site)


def shown_rows(response) -> list[list[str]]:
    """The dashboard's figures as the export writes them: totals, then each breakdown's rows."""
    context = response.context
    rows = [context["totals"]] + [row for _title, section in context["sections"] for row in section]
    return [[str(cell) for cell in row] for row in rows]


@pytest.mark.parametrize("role", [Role.CHANGEMAKER, Role.COUNSELLOR, Role.MENTOR])
def test_only_managers_and_superusers_see_the_dashboard(client, known, role):
    client.force_login(admin_staff("someone", known.lahore, role))
    assert refused(client.get(URL))
    assert refused(client.get(URL, {"export": "csv"}))
    assert URL not in client.get("/admin/reports/").content.decode()


def test_a_manager_sees_only_their_centres_figures(client, known):
    client.force_login(admin_staff("bilal", known.lahore, Role.MANAGER))
    response = client.get(URL, QUARTER)
    assert response.status_code == 200
    totals = response.context["totals"][2:]
    assert totals == [31, 2, 28, 5, 3, 1, 1, 150_000]  # Lahore's, worked out in test_indicators_figures
    page = response.content.decode()
    assert "Mirpur" not in page
    assert "<svg" in page  # the charts, drawn by the server
    for record in (known.x, known.y, known.z):
        assert record.code not in page  # never an individual record
    # Asking for another centre's figures is a bad filter, not a way in.
    other = client.get(URL, {**QUARTER, "centre": known.mirpur.pk})
    assert "centre" in other.context["form"].errors and "totals" not in other.context
    assert client.get(URL, {**QUARTER, "centre": known.mirpur.pk, "export": "csv"}).status_code == 400


def test_a_superuser_sees_all_centres_together_or_one(client, known):
    client.force_login(User.objects.create_superuser("root", password="pw"))
    assert client.get(URL, QUARTER).context["totals"][2:] == [41, 3, 38, 6, 4, 2, 2, 170_000]
    mirpur = client.get(URL, {**QUARTER, "centre": known.mirpur.pk})
    assert mirpur.context["totals"][2:] == [11, 1, 10, 1, 1, 1, 1, 20_000]


@pytest.mark.parametrize("filters", [QUARTER, {**QUARTER, "sex": "female"}, {"channel": "changemaker"}])
def test_csv_and_xlsx_downloads_hold_exactly_the_figures_on_screen(client, known, filters):
    client.force_login(User.objects.create_superuser("root", password="pw"))
    shown = shown_rows(client.get(URL, filters))

    download = client.get(URL, {**filters, "export": "csv"})
    assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0][2:] == [str(indicator.label) for indicator in Indicator]
    assert rows[1:] == shown

    workbook = load_workbook(io.BytesIO(client.get(URL, {**filters, "export": "xlsx"}).content))
    cells = [[str(cell) for cell in row] for row in workbook.active.iter_rows(min_row=2, values_only=True)]
    assert cells == shown


def test_the_download_names_its_period_and_bad_filters_are_refused_by_field(client, known):
    client.force_login(User.objects.create_superuser("root", password="pw"))
    download = client.get(URL, {**QUARTER, "export": "xlsx"})
    assert 'filename="indicators-2027-01-01-2027-03-31.xlsx"' in download["Content-Disposition"]
    bad = client.get(URL, {"start": "2027-03-01", "end": "2027-01-01", "export": "csv"})
    assert bad.status_code == 400 and b"end" in bad.content
    assert client.get(URL, {"export": "pdf"}).status_code == 400
    page = client.get(URL, {"start": "someday"})
    assert "start" in page.context["form"].errors


def test_targets_show_their_progress_to_those_who_see_their_centre(client, known):
    Target.objects.create(indicator="contacts", value=10, starts_on=START, ends_on=END, centre=known.lahore)
    Target.objects.create(indicator="reached", value=1000, starts_on=START, ends_on=END, note="All centres")
    Target.objects.create(indicator="sessions", value=4, starts_on=START, ends_on=END, centre=known.mirpur)

    client.force_login(admin_staff("bilal", known.lahore, Role.MANAGER))
    mine = [(item.target.indicator, item.achieved, item.percent) for item in client.get(URL).context["targets"]]
    assert mine == [("contacts", 3, 30)]

    client.force_login(User.objects.create_superuser("root", password="pw"))
    every = {(item.target.indicator, item.achieved, item.percent) for item in client.get(URL).context["targets"]}
    assert every == {("contacts", 3, 30), ("reached", 41, 4), ("sessions", 1, 25)}


def test_a_manager_sets_a_target_in_the_admin(client, known):
    client.force_login(admin_staff("bilal", known.lahore, Role.MANAGER))
    year = {"indicator": "reached", "value": "10000", "starts_on": "2027-01-01", "ends_on": "2027-12-31"}
    response = client.post("/admin/indicator_targets/new/", {**year, "centre": known.lahore.pk, "note": "Pilot"})
    assert response.status_code == 302
    mine = Target.objects.get()
    assert (mine.value, mine.centre) == (10000, known.lahore)
    bad = client.post("/admin/indicator_targets/new/", {**year, "value": "0", "ends_on": "2026-12-31"})
    # A manager sets targets for their own centre: not for Mirpur's, nor for all centres.
    assert set(bad.context["form"].errors) == {"value", "ends_on", "centre"}
    assert (
        "centre"
        in client.post("/admin/indicator_targets/new/", {**year, "centre": known.mirpur.pk}).context["form"].errors
    )
    theirs = Target.objects.create(indicator="sessions", value=4, starts_on=START, ends_on=END, centre=known.mirpur)
    assert client.get(f"/admin/indicator_targets/edit/{theirs.pk}/", follow=True).status_code == 404
    listing = client.get("/admin/indicator_targets/").content.decode()
    assert f"/admin/indicator_targets/edit/{mine.pk}/" in listing
    assert f"/admin/indicator_targets/edit/{theirs.pk}/" not in listing


def test_small_counselling_cells_are_withheld_on_screen_and_in_downloads_alike(client, known, settings):
    settings.RAHNUMA_INDICATOR_MIN_CLIENTS = 3
    client.force_login(User.objects.create_superuser("root", password="pw"))
    response = client.get(URL, {**QUARTER, "sex": "female"})
    assert response.context["totals"][2:] == [20, 0, 20, 0, "<3", "<3", "<3", "<3"]
    assert "150000" not in response.content.decode()  # client X's recovered amount
    rows = list(
        csv.reader(
            io.StringIO(client.get(URL, {**QUARTER, "sex": "female", "export": "csv"}).content.decode("utf-8-sig"))
        )
    )
    assert rows[1:] == shown_rows(response)
    assert rows[1][2:] == ["20", "0", "20", "0", "<3", "<3", "<3", "<3"]
    # Three clients' contacts together are shown.
    assert client.get(URL, QUARTER).context["totals"][6] == 4
