"""Setting targets in the admin (Settings > Indicator targets): a manager sets and sees only their
centres' targets; a superuser also the all-centres ones. Who may add, change or delete targets at
all is Django's permissions on Target (given to the "Centre managers" group)."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from cms.centres.access import centres_for
from cms.centres.models import Role
from cms.indicators.models import Target
from cms.indicators.targets import targets_for


def visible_targets(user):
    centre_ids = tuple(centres_for(user, Role.MANAGER).values_list("pk", flat=True))
    return targets_for(centre_ids, all_centres=user.is_superuser)


class TargetForm(WagtailAdminModelForm):
    class Meta:
        model = Target
        fields = ["indicator", "value", "starts_on", "ends_on", "centre", "districts", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres_for(self.for_user, Role.MANAGER)
        if not self.for_user.is_superuser:  # an all-centres target is for whoever sees every centre
            self.fields["centre"].required = True
            self.fields["centre"].help_text = ""


class OwnTargets:
    """A target view that finds only the user's own targets (404 for the others)."""

    def get_base_queryset(self):
        return visible_targets(self.request.user)

    def get_object(self, queryset=None):
        target = super().get_object(queryset)
        if not visible_targets(self.request.user).filter(pk=target.pk).exists():
            raise Http404
        return target


class TargetIndexView(OwnTargets, generic.IndexView):
    pass


class TargetEditView(OwnTargets, generic.EditView):
    pass


class TargetDeleteView(OwnTargets, generic.DeleteView):
    pass


class TargetViewSet(ModelViewSet):
    model = Target
    icon = "crosshairs"
    add_to_settings_menu = True
    menu_label = _("Indicator targets")
    list_display = ["indicator", "value", "starts_on", "ends_on", "centre", "note"]
    index_view_class = TargetIndexView
    edit_view_class = TargetEditView
    delete_view_class = TargetDeleteView

    def get_form_class(self, for_update=False):
        return TargetForm
