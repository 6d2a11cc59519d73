"""Progress towards the targets staff set (cms.indicators.models.Target), computed like every figure."""

from dataclasses import dataclass

from django.db.models import Q

from cms.indicators.figures import Filters, compute
from cms.indicators.models import Indicator, Target


@dataclass(frozen=True)
class Progress:
    target: Target
    achieved: int

    @property
    def percent(self) -> int:
        return min(100, self.achieved * 100 // self.target.value)


def targets_for(centre_ids: tuple[int, ...], all_centres: bool):
    """The targets of these centres, and the all-centres targets for a user who sees every centre."""
    condition = Q(centre_id__in=centre_ids) | (Q(centre__isnull=True) if all_centres else Q(pk__in=[]))
    return Target.objects.filter(condition).prefetch_related("districts")


def progress(target: Target, centre_ids: tuple[int, ...]) -> Progress:
    """The figure for the target's indicator, period, centre (else ``centre_ids``) and districts."""
    filters = Filters(
        centres=(target.centre_id,) if target.centre_id else centre_ids,
        start=target.starts_on,
        end=target.ends_on,
        districts=tuple(district.pk for district in target.districts.all()),
    )
    # Never withheld: a target's progress is a total over its centres and districts, not a small cell.
    return Progress(target, compute(filters, min_clients=1).totals[Indicator(target.indicator)])
