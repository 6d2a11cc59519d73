"""Full-text queries on the index Wagtail's search (modelsearch) keeps for SearchDocument.

modelsearch writes the index (SQLite FTS5, or PostgreSQL tsvectors with GIN indexes) from the
documents' normalised fields. Its query compiler joins that index to the model in a way SQLite
plans badly: at 10,000 documents a common word took over half a second, and scoring every match
took seconds. So the queries here read the same index tables directly and score index entries
only; which document (site, facet values) each entry is comes from search.backends.entries.

One class per database vendor, both with the same three methods:

- ``matches(groups, site_id)``: documents containing, for every group, at least one of its
  spellings (a spelling is a tuple of words, more than one for a phrase), as
  search.backends.base.Match rows (relevance: higher is better; in_title: a spelling is in the title),
  best first (by relevance, then by index entry): sorted by the database, not row by row in Python;
- ``matching_ids(groups)``: the keys of the documents matching every group, of any site, unscored
  (cheaper; for telling which of ``matches`` also have other words);
- ``prefix_matches(words, site_id, limit)``: documents whose title has all ``words``, the last
  one as a prefix.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from modelsearch.backends import get_search_backend
from modelsearch.conf import get_app_config

from search.backends.entries import document_keys, document_matches
from search.models import SearchDocument

TITLE_WEIGHT = 4.0  # a word in the title counts this many times a word in the summary or body


def full_text():
    """The full-text query class for the default database."""
    if connection.vendor == "sqlite":
        return SQLiteFullText()
    if connection.vendor == "postgresql":
        return PostgresFullText()
    raise ImproperlyConfigured(f"the database search backend supports SQLite and PostgreSQL, not {connection.vendor}")


def _site_condition(site_id):
    if site_id is None:
        return "TRUE", []
    return "(d.site_id = %s OR d.site_id IS NULL)", [site_id]


def _content_type_id() -> int:
    return ContentType.objects.get_for_model(SearchDocument).pk


def _rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class SQLiteFullText:
    """FTS5: the table modelsearch keeps beside IndexEntry, one row per entry (same rowid)."""

    def __init__(self):
        self.fts = get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table
        self.entries = get_app_config().get_model("IndexEntry")._meta.db_table
        self.documents = SearchDocument._meta.db_table

    @staticmethod
    def _quoted(words) -> str:
        return '"' + " ".join(words).replace('"', '""') + '"'

    def _from(self):
        # CROSS JOIN keeps the full-text match as the outer loop, so only matching entries are joined.
        return (
            f"{self.fts} CROSS JOIN {self.entries} e ON e.id = {self.fts}.rowid "
            f"CROSS JOIN {self.documents} d ON d.id = e.object_id"
        )

    def _expression(self, groups) -> str:
        return " AND ".join("(" + " OR ".join(self._quoted(spelling) for spelling in group) + ")" for group in groups)

    def matches(self, groups, site_id):
        # Only the full-text table: which document each entry is comes from search.backends.entries.
        # bm25 weights follow the FTS table's columns: autocomplete, body, title. Lower is better, hence the minus.
        sql = (
            f"SELECT rowid, -bm25({self.fts}, 0.0, 1.0, {TITLE_WEIGHT}), bm25({self.fts}, 0.0, 0.0, 1.0) < 0 "
            f"FROM {self.fts} WHERE {self.fts} MATCH %s ORDER BY 2 DESC, 1"
        )
        return document_matches(_rows(sql, [self._match(groups)]), site_id)

    def matching_ids(self, groups) -> set[int]:
        rows = _rows(f"SELECT rowid FROM {self.fts} WHERE {self.fts} MATCH %s", [self._match(groups)])
        return document_keys([entry for (entry,) in rows])

    def _match(self, groups) -> str:
        return f"{{title body}} : ({self._expression(groups)})"

    def prefix_matches(self, words, site_id, limit):
        expression = " AND ".join([*(self._quoted([word]) for word in words[:-1]), self._quoted(words[-1:]) + "*"])
        site, site_params = _site_condition(site_id)
        sql = (
            f"SELECT d.id, d.language FROM {self._from()} "
            f"WHERE {self.fts} MATCH %s AND e.content_type_id = %s AND {site} "
            f"ORDER BY bm25({self.fts}) LIMIT %s"
        )
        return _rows(sql, [f"{{autocomplete}} : ({expression})", _content_type_id(), *site_params, limit])


class PostgresFullText:
    """tsvector columns of modelsearch's IndexEntry (title, body, autocomplete), each with a GIN index."""

    def __init__(self):
        self.entries = get_app_config().get_model("IndexEntry")._meta.db_table
        self.documents = SearchDocument._meta.db_table
        # The text search configuration modelsearch indexes with (None: the server's default).
        self.config = get_search_backend().config

    def _tsquery(self, spelling) -> tuple[str, list]:
        function = "phraseto_tsquery" if len(spelling) > 1 else "plainto_tsquery"
        if self.config:
            return f"{function}(%s::regconfig, %s)", [self.config, " ".join(spelling)]
        return f"{function}(%s)", [" ".join(spelling)]

    def _group_query(self, group) -> tuple[str, list]:
        parts, params = [], []
        for spelling in group:
            sql, spelling_params = self._tsquery(spelling)
            parts.append(sql)
            params += spelling_params
        return "(" + " || ".join(parts) + ")", params

    def _conditions(self, groups) -> tuple[list[str], list]:
        conditions, params = [], []
        for group in groups:
            query, group_params = self._group_query(group)
            conditions.append(f"(e.title @@ {query} OR e.body @@ {query})")
            params += group_params + group_params
        return conditions, params

    def matches(self, groups, site_id):
        conditions, condition_params = self._conditions(groups)
        queries = [self._group_query(group) for group in groups]
        combined = "(" + " || ".join(query for query, _params in queries) + ")"
        sql = (
            f"SELECT e.id, {TITLE_WEIGHT} * ts_rank(e.title, q.query) + ts_rank(e.body, q.query), "
            f"e.title @@ q.query FROM {self.entries} e, (SELECT {combined} AS query) q "
            f"WHERE e.content_type_id = %s AND {' AND '.join(conditions)} ORDER BY 2 DESC, 1"
        )
        query_params = [param for _query, group_params in queries for param in group_params]
        params = [*query_params, _content_type_id(), *condition_params]
        return document_matches(_rows(sql, params), site_id)

    def matching_ids(self, groups) -> set[int]:
        conditions, params = self._conditions(groups)
        sql = f"SELECT e.id FROM {self.entries} e WHERE e.content_type_id = %s AND {' AND '.join(conditions)}"
        return document_keys([entry for (entry,) in _rows(sql, [_content_type_id(), *params])])

    def prefix_matches(self, words, site_id, limit):
        # Words are \w+ only (search.normalise), so they cannot break out of the quotes of the tsquery syntax.
        terms = " & ".join([*(f"'{word}'" for word in words[:-1]), f"'{words[-1]}':*"])
        site, site_params = _site_condition(site_id)
        sql = (
            f"SELECT d.id, d.language FROM {self.entries} e JOIN {self.documents} d ON d.id = e.object_id::bigint "
            f"WHERE e.content_type_id = %s AND e.autocomplete @@ to_tsquery('simple', %s) AND {site} "
            f"ORDER BY ts_rank(e.autocomplete, to_tsquery('simple', %s)) DESC LIMIT %s"
        )
        return _rows(sql, [_content_type_id(), terms, *site_params, terms, limit])
