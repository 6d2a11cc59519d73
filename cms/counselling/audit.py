"""The audit log of client records, kept in Wagtail's log (ModelLogEntry, Reports > Site history).

Every entry is logged against the Client, so it carries the client's pseudonymous code as its
label; a contact, referral or complaint is named only by its kind and id in the entry's data. No
field values are logged, only which fields changed: the log must not become a second copy of the
record. When a client is deleted on request, their entries stay with the code alone.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from cms.counselling.models import Client

VIEW = "rahnuma_counselling.view"
CREATE = "rahnuma_counselling.create"
EDIT = "rahnuma_counselling.edit"
DELETE = "rahnuma_counselling.delete"

ACTIONS = {
    VIEW: (_("View client record"), _("Viewed the client's record")),
    CREATE: (_("Create client record"), _("Recorded a new client, contact, referral or complaint")),
    EDIT: (_("Change client record"), _("Changed the client's record")),
    DELETE: (_("Delete client record"), _("Deleted the client and everything recorded about them")),
}


def log_client(client: Client, action: str, user, *, record=None, fields=()):
    """Log ``action`` by ``user`` on ``client`` (or on ``record``, one of the client's contacts,
    referrals or complaints); ``fields`` are the names of the fields changed."""
    data = {}
    if record is not None and record is not client:
        data["record"] = {"kind": record._meta.model_name, "id": record.pk}
    if fields:
        data["fields"] = sorted(fields)
    return log(client, action, user=user, data=data, deleted=action == DELETE)
