from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.partners.forms import PackSubmissionForm
from cms.partners.models import PackSubmission
from cms.partners.permissions import may_touch, restrict_to_partner


class PackSubmissionViewSet(SnippetViewSet):
    model = PackSubmission
    icon = "upload"
    menu_label = _("Pack uploads")
    add_to_admin_menu = True
    list_display = ["__str__", "publisher", "site", "outcome", "uploaded_at"]
    list_filter = ["outcome", "publisher"]
    edit_handler = ObjectList(
        [
            FieldPanel("site"),
            FieldPanel("archive", help_text=_("A zip of the pack folder, as `python -m course_packs build` makes it.")),
            FieldPanel("report", read_only=True),
            FieldPanel("plan", read_only=True),
            FieldPanel("outcome", read_only=True),
            FieldPanel("outcome_detail", read_only=True),
        ],
        base_form_class=PackSubmissionForm,
    )

    def get_queryset(self, request):
        return restrict_to_partner(PackSubmission.objects.all(), request.user)


register_snippet(PackSubmissionViewSet)


@hooks.register("before_edit_snippet")
def refuse_other_partners_snippet(request, instance):
    if not may_touch(request.user, instance):
        raise PermissionDenied


@hooks.register("before_delete_snippet")
def refuse_deleting_other_partners_snippets(request, instances):
    if not all(may_touch(request.user, instance) for instance in instances):
        raise PermissionDenied
