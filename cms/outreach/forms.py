"""The field kit's forms: a session (with its attendance grid), the paper check entry, a mentoring visit.

Every choice a form offers is narrowed to what this user may pick: centres where they are a
changemaker, live guide sections and lessons in the page's language, their own changemakers.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from cms.centres.access import centres_for
from cms.centres.demographics import AgeBand, Sex
from cms.centres.models import Role
from cms.guides.models import GuideSectionPage
from cms.learning.models import LessonPage
from cms.learning.progress import quiz_key_of
from cms.outreach.models import MAX_ATTENDANCE, MentoringVisit, OutreachSession, Phase


def attendance_field_name(sex: str, age_band: str) -> str:
    return f"attendance-{sex}-{age_band}"


class SessionForm(forms.ModelForm):
    public_id = forms.UUIDField(widget=forms.HiddenInput)

    class Meta:
        model = OutreachSession
        fields = [
            "centre",
            "held_on",
            "district",
            "tehsil",
            "venue_type",
            "partner_institution",
            "topics",
            "check_lesson",
            "materials",
            "follow_up",
        ]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "topics": forms.CheckboxSelectMultiple,
            "materials": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres_for(user, Role.CHANGEMAKER).order_by("site_name", "hostname")
        self.fields["centre"].empty_label = None
        locale = Locale.get_active()
        self.fields["topics"].queryset = (
            Page.objects.live().type(GuideSectionPage, LessonPage).filter(locale=locale).order_by("path")
        )
        lessons = LessonPage.objects.live().filter(locale=locale).order_by("path")
        self.fields["check_lesson"].queryset = lessons.filter(
            pk__in=[lesson.pk for lesson in lessons if quiz_key_of(lesson)]
        )
        self.fields["check_lesson"].empty_label = _("No check")
        self.attendance_rows = []
        for age_band in AgeBand:
            row = []
            for sex in Sex:
                name = attendance_field_name(sex, age_band)
                label = f"{sex.label}, {age_band.label}"
                self.fields[name] = forms.IntegerField(
                    label=label,
                    min_value=0,
                    max_value=MAX_ATTENDANCE,
                    initial=0,
                    required=False,
                    # The grid's cells have no label of their own: the row and column say it on screen.
                    widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 3, "aria-label": label}),
                )
                row.append(name)
            self.attendance_rows.append((age_band.label, row))

    def place_fields(self):
        return [self[name] for name in ("centre", "held_on", "district", "tehsil", "venue_type", "partner_institution")]

    def closing_fields(self):
        return [self[name] for name in ("check_lesson", "materials", "follow_up")]

    @property
    def sex_labels(self):
        return Sex.labels

    def attendance_grid(self):
        """(age band label, [bound fields by sex]) rows for the template's table."""
        return [(label, [self[name] for name in names]) for label, names in self.attendance_rows]

    def attendance_counts(self) -> dict[tuple[str, str], int]:
        """The non-zero counts, by (sex, age band)."""
        counts = {}
        for age_band in AgeBand:
            for sex in Sex:
                count = self.cleaned_data.get(attendance_field_name(sex, age_band)) or 0
                if count:
                    counts[(sex.value, age_band.value)] = count
        return counts

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.attendance_counts():
            raise forms.ValidationError(_("Attendance: enter how many people came (at least one)."))
        return cleaned


class PaperTallyForm(forms.Form):
    """Per question and phase of the check: how many answered, and how many of them were right."""

    def __init__(self, *args, quiz, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for number, question in enumerate(quiz.questions, start=1):
            for phase in Phase.values:
                for measure, label in (("answered", _("answered")), ("correct", _("right"))):
                    self.fields[self.field_name(phase, question.key, measure)] = forms.IntegerField(
                        label=f"{number} {label}", min_value=0, max_value=MAX_ATTENDANCE, required=False
                    )
            self.rows.append((number, question))

    @staticmethod
    def field_name(phase: str, question_key: str, measure: str) -> str:
        return f"{phase}-{question_key}-{measure}"

    def clean(self):
        cleaned = super().clean()
        for _number, question in self.rows:
            for phase in Phase.values:
                answered = cleaned.get(self.field_name(phase, question.key, "answered"))
                correct = cleaned.get(self.field_name(phase, question.key, "correct"))
                if (answered is None) != (correct is None):
                    name = self.field_name(phase, question.key, "answered" if answered is None else "correct")
                    self.add_error(name, _("Enter both how many answered and how many were right, or neither."))
                elif answered is not None and correct > answered:
                    self.add_error(
                        self.field_name(phase, question.key, "correct"),
                        _("More people were right than answered: right must be at most answered."),
                    )
        return cleaned

    def tallies(self):
        """(phase, question key, answered, correct) for each question and phase filled in."""
        for _number, question in self.rows:
            for phase in Phase.values:
                answered = self.cleaned_data.get(self.field_name(phase, question.key, "answered"))
                if answered is not None:
                    correct = self.cleaned_data[self.field_name(phase, question.key, "correct")]
                    yield phase, question.key, answered, correct

    def grid(self):
        """(number, question, [(phase, answered field, correct field)]) rows for the template."""
        return [
            (
                number,
                question,
                [
                    (
                        phase,
                        self[self.field_name(phase, question.key, "answered")],
                        self[self.field_name(phase, question.key, "correct")],
                    )
                    for phase in Phase.values
                ],
            )
            for number, question in self.rows
        ]


class MentoringVisitForm(forms.ModelForm):
    changemaker_role = forms.ModelChoiceField(queryset=None, label=_("Changemaker"))

    class Meta:
        model = MentoringVisit
        fields = ["visited_on", "notes"]
        widgets = {"visited_on": forms.DateInput(attrs={"type": "date"}), "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, changemakers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["changemaker_role"].queryset = changemakers
        self.fields["changemaker_role"].label_from_instance = lambda row: f"{row.user.get_username()} ({row.centre})"
