"""Admin pages for translating installed packs: the list of packs, coverage, PO download and upload.

Seeing packs, their coverage and downloading PO files needs the permission to change pages; a
partner's users see only their partner's packs. Uploading republishes translated pages, so it
needs the permission to publish pages, and to change contacts when the pack has contacts.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.contacts.models import Contact
from cms.packs.coverage import pack_coverage
from cms.packs.exporter import ExportError, find_pack_objects
from cms.packs.forms import TranslationsUploadForm
from cms.packs.models import InstalledPack
from cms.packs.translation_files import TranslationsInvalid, import_translations, po_file_name, translations_po
from cms.partners.permissions import partner_of


def may_see_packs(user) -> bool:
    return PagePermissionPolicy().user_has_permission(user, "change")


def visible_packs(user):
    """The install records ``user`` may see: all of them, or a partner's own packs."""
    records = InstalledPack.objects.select_related("site")
    partner = partner_of(user)
    return records.filter(publisher=partner.publisher) if partner else records


def may_upload_translations(user, record) -> bool:
    if not PagePermissionPolicy().user_has_permission(user, "publish"):
        return False
    has_contacts = Contact.objects.filter(pack_id=record.pack_id, site=record.site).exists()
    return not has_contacts or user.has_perm("rahnuma_contacts.change_contact")


def translation_languages(record) -> list[Locale]:
    """The languages the pack is translated into (all but the one its items are written in)."""
    source = find_pack_objects(record).source_locale
    codes = [code for code in record.languages if code != source.language_code]
    return sorted(Locale.objects.filter(language_code__in=codes), key=lambda locale: codes.index(locale.language_code))


class PackAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_packs(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RecordMixin(PackAdminMixin):
    """A view of one installed pack (``pk``), in one of its translation languages if ``language`` is given."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.record = get_object_or_404(InstalledPack.objects.select_related("site"), pk=kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if not visible_packs(request.user).filter(pk=self.record.pk).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def translation_locale(self) -> Locale | None:
        """The locale of the ``language`` in the URL, None if the pack is not translated into it."""
        try:
            languages = translation_languages(self.record)
        except ExportError:
            return None
        return next((locale for locale in languages if locale.language_code == self.kwargs["language"]), None)

    def not_a_translation_language(self):
        messages.error(
            self.request,
            _("%(pack)s is not translated into %(language)s.")
            % {"pack": self.record.pack_id, "language": self.kwargs["language"]},
        )
        return redirect("rahnuma_packs:index")

    def get_page_subtitle(self):
        return f"{self.record.title} {self.record.version} · {self.record.site.hostname}"


class PackListView(PackAdminMixin, TemplateView):
    template_name = "rahnuma_packs/translations/pack_list.html"
    page_title = gettext_lazy("Course packs")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        for record in visible_packs(self.request.user).order_by("site__hostname", "pack_id"):
            try:
                rows.append({"record": record, "languages": translation_languages(record), "problem": ""})
            except ExportError as error:
                rows.append({"record": record, "languages": [], "problem": str(error)})
        context["rows"] = rows
        return context


class CoverageView(RecordMixin, TemplateView):
    template_name = "rahnuma_packs/translations/coverage.html"
    page_title = gettext_lazy("Translation coverage")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["record"] = self.record
        try:
            report = pack_coverage(self.record)
        except ExportError as error:
            context["problem"] = str(error)
            return context
        finder = AdminURLFinder(self.request.user)
        context["languages"] = [
            {
                "coverage": coverage,
                "percent": None if coverage.share is None else round(coverage.share * 100),
                "outdated": [
                    {"entry": entry, "edit_url": entry.translated_item and finder.get_edit_url(entry.translated_item)}
                    for entry in coverage.outdated
                ],
            }
            for coverage in report
        ]
        return context


class DownloadView(RecordMixin, View):
    def get(self, request, pk, language):
        locale = self.translation_locale()
        if locale is None:
            return self.not_a_translation_language()
        try:
            text = translations_po(self.record, locale.language_code)
        except (ExportError, TranslationsInvalid) as error:
            messages.error(request, _("The PO file could not be made: %(error)s") % {"error": error})
            return redirect("rahnuma_packs:index")
        response = HttpResponse(text, content_type="text/x-gettext-translation; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{po_file_name(self.record, locale.language_code)}"'
        return response


class UploadView(RecordMixin, FormView):
    template_name = "rahnuma_packs/translations/upload.html"
    form_class = TranslationsUploadForm
    page_title = gettext_lazy("Upload translations")

    def dispatch(self, request, *args, **kwargs):
        if not may_upload_translations(request.user, self.record):
            raise PermissionDenied
        self.locale = self.translation_locale()
        if self.locale is None:
            return self.not_a_translation_language()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(record=self.record, locale=self.locale)
        return context

    def form_valid(self, form):
        try:
            result = import_translations(
                self.record,
                self.locale.language_code,
                form.cleaned_data["po_file"],
                user=self.request.user,
                file_name=form.file_name,
            )
        except (ExportError, TranslationsInvalid) as error:
            return self.render_to_response(self.get_context_data(form=form, problems=error.errors))
        messages.success(self.request, result.summary())
        return redirect("rahnuma_packs:coverage", pk=self.record.pk)
