"""The counsellor's forms; a form offers only the centres and directory contacts its user may use."""

from django import forms
from wagtail.models import Locale

from cms.contacts.models import Contact
from cms.counselling.access import counselling_centres
from cms.counselling.models import Client, Complaint, CounsellingContact, Referral, Topic

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class CounsellingForm(forms.ModelForm):
    """A form filled in by ``user``, who may narrow its choices."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


class ClientForm(CounsellingForm):
    class Meta:
        model = Client
        fields = [
            "centre",
            "sex",
            "age_band",
            "district",
            "migration_stage",
            "destination",
            "consents_to_contact",
            "consents_to_referral_sharing",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = counselling_centres(self.user).order_by("site_name", "hostname")


class ContactForm(CounsellingForm):
    topics = forms.MultipleChoiceField(choices=Topic.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = CounsellingContact
        fields = ["date", "channel", "topics", "minutes"]
        widgets = {"date": DATE_INPUT}


class ReferralForm(CounsellingForm):
    class Meta:
        model = Referral
        fields = ["organisation", "reason", "status", "outcome", "made_on", "closed_on"]
        widgets = {"made_on": DATE_INPUT, "closed_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One copy per contact (the default language's), from the live directory.
        self.fields["organisation"].queryset = Contact.objects.filter(live=True, locale=Locale.get_default())


class ComplaintForm(CounsellingForm):
    class Meta:
        model = Complaint
        fields = ["against", "issue_type", "amount_claimed_pkr", "forum", "lodged_on", "status", "amount_recovered_pkr"]
        widgets = {"lodged_on": DATE_INPUT}
