"""The admin report "Content to re-check" (Reports > Content to re-check), with CSV and XLSX downloads.

A Wagtail ReportView over cms.verification.stale: filters by pack, publisher and kind of content, a
link to edit each item, and Wagtail's "Download XLSX" / "Download CSV" (``?export=xlsx``). Guide
sections, lessons and contacts are three models, so the report lists plain rows (``DueItem``) and
filters them itself rather than through one queryset.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from cms.packs.models import InstalledPack
from cms.partners.permissions import partner_of
from cms.verification.stale import KINDS, due_items, max_age_days, may_review_content


class DueContentFilterSet(WagtailFilterSet):
    pack_id = django_filters.ChoiceFilter(label=_("Pack"), empty_label=_("All packs"))
    publisher = django_filters.ChoiceFilter(label=_("Publisher"), empty_label=_("All publishers"))
    kind = django_filters.ChoiceFilter(
        label=_("Kind of content"),
        empty_label=_("All kinds"),
        choices=[(name, label) for name, (label, _model, _shown) in KINDS.items()],
    )

    class Meta:
        # The pack and publisher choices are the installed packs'; the rows are filtered by the view.
        model = InstalledPack
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A partner chooses among its own packs only; the choices would otherwise name other publishers' packs.
        packs = InstalledPack.objects.order_by("pack_id")
        partner = partner_of(self.request.user)
        if partner is not None:
            packs = packs.filter(publisher=partner.publisher)
        pairs = sorted(set(packs.values_list("pack_id", "publisher")))
        self.filters["pack_id"].extra["choices"] = [(pack_id, pack_id) for pack_id, _ in pairs]
        self.filters["publisher"].extra["choices"] = [(name, name) for name in sorted({p for _, p in pairs})]


class DueContentReportView(ReportView):
    page_title = _("Content to re-check")
    header_icon = "time"
    index_url_name = "rahnuma_verification:report"
    index_results_url_name = "rahnuma_verification:report_results"
    filterset_class = DueContentFilterSet
    verbose_name_plural = _("items to re-check")
    columns = [
        TitleColumn("title", label=_("Title"), get_url=lambda item: item.edit_url),
        Column("kind_label", label=_("Kind")),
        Column("pack_id", label=_("Pack")),
        Column("publisher", label=_("Publisher")),
        Column("last_verified_label", label=_("Last verified")),
        Column("age_days", label=_("Days since")),
    ]
    list_export = ["title", "kind_label", "pack_id", "publisher", "language", "last_verified", "age_days", "edit_link"]
    export_headings = {
        "title": _("Title"),
        "kind_label": _("Kind"),
        "pack_id": _("Pack"),
        "publisher": _("Publisher"),
        "language": _("Language"),
        "last_verified": _("Last verified"),
        "age_days": _("Days since last verified"),
        "edit_link": _("Edit"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not may_review_content(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return _("Never verified, or last verified more than %(days)s days ago") % {"days": max_age_days()}

    def get_filename(self):
        return f"content-to-recheck-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        items = due_items(self.request.user)
        for item in items:
            # The download carries whole addresses; the page links relative ones.
            item.edit_link = self.request.build_absolute_uri(item.edit_url) if item.edit_url else ""
        return items

    def filter_queryset(self, items):
        if not self.filters:
            return items
        if not self.filters.is_valid():
            return []  # the form names the wrong filter; listing (or downloading) everything would hide it
        wanted = {name: value for name, value in self.filters.form.cleaned_data.items() if value}
        return [item for item in items if all(getattr(item, name) == value for name, value in wanted.items())]

    @cached_property
    def no_results_message(self):
        return _("Nothing is due for re-checking.")


class DueContentResultsView(DueContentReportView):
    results_only = True
