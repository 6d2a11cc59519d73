"""The counsellor's admin screens, under /admin/counselling/ (URLs in cms.counselling.urls).

Every view checks the counsellor role first (PermissionDenied without it, which the admin answers
by sending the user to its home page) and finds records only among the clients of the user's
centres (404 otherwise), through cms.counselling.access. Opening a client's record or a form
showing one of their records, and every change, is logged (cms.counselling.audit). The list shows
codes and categories only: it is not a read of anyone's record.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.counselling import audit
from cms.counselling.access import client_for, clients_for, record_for, require_counsellor
from cms.counselling.forms import ClientForm, ComplaintForm, ContactForm, ReferralForm
from cms.counselling.models import Client

CLIENTS_PER_PAGE = 50
CODE_FIELD_LENGTH = Client._meta.get_field("code").max_length


class CounsellorOnly:
    """Refuse anyone without the counsellor role, then find the view's records among the user's clients."""

    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        require_counsellor(request.user)
        self.find_records(request.user, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def find_records(self, user, **kwargs):
        """Set the records the view works on, from the URL's ids (404 when not the user's to see)."""


def client_url(client) -> str:
    return reverse("rahnuma_counselling:client", args=[client.pk])


class ClientListView(CounsellorOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "rahnuma_counselling/client_list.html"
    page_title = gettext_lazy("Counselling clients")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        clients = clients_for(self.request.user).select_related("centre", "district")
        code = self.request.GET.get("code", "").strip()[:CODE_FIELD_LENGTH]
        if code:
            clients = clients.filter(code__iexact=code)
        context["code"] = code
        context["page"] = Paginator(clients, CLIENTS_PER_PAGE).get_page(self.request.GET.get("p"))
        return context


class ClientDetailView(CounsellorOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "rahnuma_counselling/client_detail.html"

    def find_records(self, user, pk):
        self.client = client_for(user, pk)

    def get(self, request, *args, **kwargs):
        audit.log_client(self.client, audit.VIEW, request.user)
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return _("Client %(code)s") % {"code": self.client.code}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            client=self.client,
            contacts=self.client.contacts.select_related("counsellor"),
            referrals=self.client.referrals.select_related("organisation"),
            complaints=self.client.complaints.prefetch_related("history__changed_by"),
        )
        return context


class CounsellingFormView(CounsellorOnly, WagtailAdminTemplateMixin, FormView):
    """Create or change one record, log it, and go back to its client's page."""

    template_name = "rahnuma_counselling/form.html"

    def get(self, request, *args, **kwargs):
        if self.instance is not None and self.instance.pk is not None:  # the form shows the record: a read
            audit.log_client(self.client_of(self.instance), audit.VIEW, request.user, record=self.instance)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.instance, "user": self.request.user}

    @staticmethod
    def client_of(record):
        return getattr(record, "client", record)

    def form_valid(self, form):
        created = form.instance.pk is None
        record = self.save(form, created)
        client = self.client_of(record)
        if created or form.changed_data:
            action = audit.CREATE if created else audit.EDIT
            fields = () if created else form.changed_data
            audit.log_client(client, action, self.request.user, record=record, fields=fields)
        messages.success(self.request, _("Saved."))
        return redirect(client_url(client))

    def save(self, form, created):
        return form.save()


class ClientFormView(CounsellingFormView):
    form_class = ClientForm

    def find_records(self, user, pk=None):
        self.instance = client_for(user, pk) if pk is not None else None

    def get_page_title(self):
        if self.instance is None:
            return _("New client")
        return _("Client %(code)s: change") % {"code": self.instance.code}


class ClientRecordFormView(CounsellingFormView):
    """A contact, referral or complaint: new for the client in the URL, or the one in the URL."""

    title = ""  # e.g. "new referral"

    def find_records(self, user, client_pk=None, pk=None):
        model = self.form_class._meta.model
        if client_pk is not None:
            self.instance = model(client=client_for(user, client_pk))
        else:
            self.instance = record_for(user, model, pk)

    def get_page_title(self):
        return _("Client %(code)s: %(record)s") % {"code": self.instance.client.code, "record": self.title}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "back_url": client_url(self.instance.client)}


class ContactFormView(ClientRecordFormView):
    form_class = ContactForm
    title = gettext_lazy("counselling contact")

    def save(self, form, created):
        contact = form.save(commit=False)
        if created:
            contact.counsellor = self.request.user
        contact.save()
        return contact


class ReferralFormView(ClientRecordFormView):
    form_class = ReferralForm
    title = gettext_lazy("referral")


class ComplaintFormView(ClientRecordFormView):
    form_class = ComplaintForm
    title = gettext_lazy("complaint")

    def save(self, form, created):
        complaint = form.save()
        if created or "status" in form.changed_data:
            complaint.note_status(self.request.user)
        return complaint


class ClientDeleteView(CounsellorOnly, WagtailAdminTemplateMixin, TemplateView):
    """Delete a client on their request, with everything recorded about them; the log keeps the code."""

    template_name = "rahnuma_counselling/confirm_delete.html"
    header_icon = "bin"

    def find_records(self, user, pk):
        self.client = client_for(user, pk)

    def get_page_title(self):
        return _("Delete client %(code)s") % {"code": self.client.code}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "client": self.client}

    def post(self, request, *args, **kwargs):
        audit.log_client(self.client, audit.DELETE, request.user)
        code = self.client.code
        self.client.delete()
        messages.success(request, _("Client %(code)s and their records were deleted.") % {"code": code})
        return redirect("rahnuma_counselling:clients")
