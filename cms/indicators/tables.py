"""The indicators as one table: the dashboard shows it section by section, the export writes it whole.

Both read the rows made here from the same Figures (cms.indicators.figures), so the file a
manager downloads holds exactly the numbers on the screen. Only totals and counts per category:
never a row per person.
"""

from django.utils.translation import gettext as _
from wagtail.models import Site

from cms.centres.demographics import DESTINATIONS, AgeBand, Channel, Sex
from cms.centres.models import District
from cms.counselling.models import MigrationStage
from cms.indicators.figures import DIMENSIONS, NOT_RECORDED, Figures
from cms.indicators.models import Indicator
from cms.learning.exports import Table

CHOICE_LABELS = {
    "sex": dict(Sex.choices),
    "age_band": dict(AgeBand.choices),
    "channel": dict(Channel.choices),
    "destination": dict(DESTINATIONS),
    "stage": dict(MigrationStage.choices),
}


def breakdown_titles() -> dict[str, str]:
    """Each dimension's breakdown, as headed on the page and in the export ("By sex")."""
    return {
        "centre": _("By centre"),
        "district": _("By district"),
        "sex": _("By sex"),
        "age_band": _("By age band"),
        "channel": _("By channel"),
        "destination": _("By destination"),
        "stage": _("By migration stage (counselling clients)"),
    }


def category_labels(figures: Figures) -> dict[str, dict]:
    """For each dimension, its categories' names (centres and districts looked up once)."""
    keys = {dimension: [key for key, _values in figures.breakdowns[dimension]] for dimension in DIMENSIONS}
    labels = {
        dimension: {key: str(CHOICE_LABELS[dimension].get(key, key)) for key in keys[dimension]}
        for dimension in CHOICE_LABELS
    }
    labels["centre"] = {site.pk: site.site_name or site.hostname for site in Site.objects.filter(pk__in=keys["centre"])}
    labels["district"] = {district.pk: district.name for district in District.objects.filter(pk__in=keys["district"])}
    return labels


def headers() -> list[str]:
    return [_("Breakdown"), _("Category"), *(str(indicator.label) for indicator in Indicator)]


def cell_values(figures: Figures, cell: dict) -> list:
    """A cell's values in the indicators' order; a withheld one reads "<3" (fewer than 3 clients)."""
    return [f"<{figures.min_clients}" if value is None else value for value in cell.values()]


def figure_rows(figures: Figures) -> list[list]:
    """[breakdown, category, one value per indicator]: the totals first, then each breakdown."""
    labels = category_labels(figures)
    rows = [[_("Total"), _("All"), *cell_values(figures, figures.totals)]]
    for dimension, title in breakdown_titles().items():
        for key, values in figures.breakdowns[dimension]:
            name = _("Not recorded") if key is NOT_RECORDED else labels[dimension].get(key, str(key))
            rows.append([title, name, *cell_values(figures, values)])
    return rows


def figures_table(figures: Figures) -> Table:
    period = "-".join(str(day) for day in (figures.filters.start, figures.filters.end) if day) or "all-time"
    return Table(f"indicators-{period}", headers(), figure_rows(figures))
