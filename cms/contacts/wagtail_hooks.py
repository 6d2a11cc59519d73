from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.contacts.models import Contact


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "group"
    menu_label = "Contacts"
    list_display = ["organisation", "kind", "country", "city", "last_verified", "live"]
    list_filter = ["kind", "country", "live"]
    search_fields = ["organisation", "city"]


register_snippet(ContactViewSet)
