"""The search backends behind search.api, chosen by the SEARCH_BACKEND setting."""

from django.conf import settings


def external_index():
    """The Elasticsearch index to keep up to date, or None on the database backend."""
    if settings.SEARCH_BACKEND != "elasticsearch":
        return None
    from search.backends.elasticsearch import shared_index

    return shared_index()
