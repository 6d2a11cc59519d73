"""The dashboard's filters; the centres offered are the user's own (every centre for a superuser)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.centres.access import centres_for
from cms.centres.demographics import DESTINATIONS, AgeBand, Channel, Sex
from cms.centres.models import District, Role
from cms.indicators.figures import Filters

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


def _choices(choices, everyone):
    return [("", everyone), *choices]


class IndicatorFilterForm(forms.Form):
    start = forms.DateField(required=False, label=_("From"), widget=DATE_INPUT)
    end = forms.DateField(required=False, label=_("To"), widget=DATE_INPUT)
    centre = forms.ModelChoiceField(queryset=None, required=False, label=_("Centre"), empty_label=_("All your centres"))
    district = forms.ModelChoiceField(
        District.objects.all(), required=False, label=_("District"), empty_label=_("All districts")
    )
    sex = forms.ChoiceField(choices=_choices(Sex.choices, _("Everyone")), required=False, label=_("Sex"))
    age_band = forms.ChoiceField(choices=_choices(AgeBand.choices, _("All ages")), required=False, label=_("Age band"))
    channel = forms.ChoiceField(
        choices=_choices(Channel.choices, _("All channels")), required=False, label=_("Channel")
    )
    destination = forms.ChoiceField(
        choices=_choices(DESTINATIONS, _("All destinations")), required=False, label=_("Destination")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user_centres = centres_for(user, Role.MANAGER).order_by("site_name", "hostname")
        self.fields["centre"].queryset = self.user_centres

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", _("The end date is before the start date."))
        return cleaned

    def user_centre_ids(self) -> tuple[int, ...]:
        return tuple(self.user_centres.values_list("pk", flat=True))

    def filters(self) -> Filters:
        """The figures' filters; call only on a valid form, or an unbound one (every centre of the user, all time)."""
        data = self.cleaned_data if self.is_bound else {}
        centre, district = data.get("centre"), data.get("district")
        return Filters(
            centres=(centre.pk,) if centre else self.user_centre_ids(),
            start=data.get("start"),
            end=data.get("end"),
            sex=data.get("sex", ""),
            age_band=data.get("age_band", ""),
            districts=(district.pk,) if district else (),
            channel=data.get("channel", ""),
            destination=data.get("destination", ""),
        )
