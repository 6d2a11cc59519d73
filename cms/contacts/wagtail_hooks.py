from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.contacts.models import Contact
from cms.partners.permissions import restrict_to_partner


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "group"
    menu_label = "Contacts"
    list_display = ["organisation", "kind", "country", "city", "last_verified", "live"]
    list_filter = ["kind", "country", "live"]
    search_fields = ["organisation", "city"]

    def get_queryset(self, request):
        # A partner's users see only their own packs' contacts.
        return restrict_to_partner(Contact.objects.all(), request.user)


register_snippet(ContactViewSet)
