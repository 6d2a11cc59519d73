"""The admin's H5P pages: the activities and libraries, uploading a package, approving a library.

Uploading needs ``rahnuma_h5p.add_content``; approving a library version needs a staff user with
``rahnuma_h5p.approve_library``. An uploaded package is checked (cms.h5p.package) before anything
is stored; a package whose libraries wait for approval is stored as a draft, not shown to learners.
"""

import shutil
import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.h5p.models import Content, Library
from cms.h5p.package import H5P_LIMITS
from cms.h5p.storage import approve_library, store_package
from course_packs.errors import PackInvalid


def may_upload(user) -> bool:
    return user.has_perm("rahnuma_h5p.add_content")


def may_approve(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm("rahnuma_h5p.approve_library")


class UploadForm(forms.Form):
    package = forms.FileField(label=gettext_lazy("H5P package (.h5p)"))

    def clean_package(self):
        upload = self.cleaned_data["package"]
        if not upload.name.lower().endswith(".h5p"):
            raise forms.ValidationError(_("Choose a file ending in .h5p."))
        if upload.size > H5P_LIMITS.archive_bytes:
            raise forms.ValidationError(
                _("The file is larger than %(limit)d bytes."), params={"limit": H5P_LIMITS.archive_bytes}
            )
        return upload


class H5PAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "media"

    def dispatch(self, request, *args, **kwargs):
        if not may_upload(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class IndexView(H5PAdminMixin, TemplateView):
    template_name = "rahnuma_h5p/admin/index.html"
    page_title = gettext_lazy("H5P activities")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contents"] = Content.objects.select_related("main_library").prefetch_related("libraries")
        context["waiting"] = Library.objects.filter(approved_at=None).order_by("machine_name")
        context["may_approve"] = may_approve(self.request.user)
        return context


class UploadView(H5PAdminMixin, FormView):
    template_name = "rahnuma_h5p/admin/upload.html"
    form_class = UploadForm
    page_title = gettext_lazy("Upload an H5P package")

    def form_valid(self, form):
        upload = form.cleaned_data["package"]
        with tempfile.TemporaryDirectory(prefix="h5p-upload-") as folder:
            path = Path(folder) / "upload.h5p"
            with path.open("wb") as copy:
                shutil.copyfileobj(upload, copy)
            try:
                content = store_package(path, user=self.request.user)
            except PackInvalid as invalid:
                return self.render_to_response(self.get_context_data(form=form, problems=invalid.errors))
        if content.is_draft:
            messages.warning(
                self.request, _("“%(title)s” is a draft until its new libraries are approved.") % {"title": content}
            )
        else:
            messages.success(self.request, _("“%(title)s” is ready to use.") % {"title": content})
        return redirect("rahnuma_h5p:index")


class ApproveView(View):
    def post(self, request, pk):
        if not may_approve(request.user):
            raise PermissionDenied
        library = get_object_or_404(Library, pk=pk)
        approve_library(library, request.user)
        messages.success(request, _("%(library)s is approved.") % {"library": library})
        return redirect("rahnuma_h5p:index")
