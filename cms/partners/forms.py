"""The upload form: a pack zip is checked and planned as soon as it is uploaded."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from cms.partners.permissions import partner_of
from cms.partners.submissions import check_upload


class PackSubmissionForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        archive, site = cleaned.get("archive"), cleaned.get("site")
        if not archive or not site or not {"archive", "site"} & set(self.changed_data):
            return cleaned
        partner = partner_of(self.for_user)
        try:
            check = check_upload(archive, site, partner.publisher if partner else None)
        except ValidationError as error:
            self.add_error("archive", error)
            return cleaned
        submission = self.instance
        submission.publisher, submission.pack_id, submission.version = check.publisher, check.pack_id, check.version
        submission.report, submission.plan = check.report, check.plan
        return cleaned
