"""Wagtail hooks of the core app."""

from wagtail import hooks

from cms.core import page_cache


@hooks.register("before_serve_page")
def mark_page_for_the_page_cache(page, request, serve_args, serve_kwargs):
    """Tell the page cache that Wagtail serves ``page`` (cms.core.page_cache); returning None lets it serve."""
    page_cache.page_served(request, page)
