"""Signals about contacts that Django's own model signals miss."""

from django.dispatch import Signal

# Sent with `contacts` (a queryset) after code changed them with QuerySet.update(), which sends no
# post_save: e.g. a plugin switched off hides its contacts. The public search re-reads them.
contacts_updated = Signal()
