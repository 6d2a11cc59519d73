"""Where a search result links to: its page, or for a contact its entry in the contact directory.

Both are kept until the content changes (cms.core.content_memo): a page's URL per site and
language, the contact directory's per language and site, so the links of a results page cost no
queries once its pages have been shown before.
"""

from django.utils import translation
from wagtail.models import Site

from cms.contacts.models import ContactDirectoryPage
from cms.core.content_memo import ContentMemo

PAGE_URLS = ContentMemo(maxsize=20_000)
DIRECTORY_URLS = ContentMemo(maxsize=64)


class DocumentLinks:
    """URLs of search documents, relative to ``http_request``'s site when there is one; the contact
    directory shown is the one on site ``site_id``, or any. A document's page is read only when its
    URL is not kept yet."""

    def __init__(self, http_request=None, site_id=None):
        self.http_request = http_request
        self.site_id = site_id
        request_site = Site.find_for_request(http_request) if http_request else None
        # A URL depends on the site it is shown on (relative there, absolute elsewhere) and on the language.
        self.context = (request_site.pk if request_site else None, translation.get_language())

    def url(self, document) -> str:
        if document.page_id:
            return PAGE_URLS.get(
                (document.page_id, *self.context), lambda: document.page.get_url(self.http_request) or ""
            )
        directory = DIRECTORY_URLS.get(
            (document.language, self.site_id, *self.context), lambda: self._directory(document.language)
        )
        return f"{directory}#contact-{document.item_key or document.contact_id}" if directory else ""

    def _directory(self, language: str) -> str:
        for page in ContactDirectoryPage.objects.live().filter(locale__language_code=language):
            site = page.get_site()
            if self.site_id is None or (site and site.pk == self.site_id):
                return page.get_url(self.http_request) or ""
        return ""
