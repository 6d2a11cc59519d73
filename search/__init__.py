"""Rahnuma's public search: one API (search.api) over a database backend and an Elasticsearch backend."""
