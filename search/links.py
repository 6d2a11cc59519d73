"""Where a search result links to: its page, or for a contact its entry in the contact directory."""

from cms.contacts.models import ContactDirectoryPage


class DocumentLinks:
    """URLs of search documents (with their ``page`` selected), relative to ``http_request``'s site
    when there is one; the contact directories are looked up once per language."""

    def __init__(self, http_request=None, site_id=None):
        self.http_request = http_request
        self.site_id = site_id
        self.directories = {}

    def url(self, document) -> str:
        if document.page_id:
            return document.page.get_url(self.http_request) or ""
        directory = self.directory(document.language)
        return f"{directory}#contact-{document.item_key or document.contact_id}" if directory else ""

    def directory(self, language: str) -> str:
        if language not in self.directories:
            self.directories[language] = ""
            for page in ContactDirectoryPage.objects.live().filter(locale__language_code=language):
                site = page.get_site()
                if self.site_id is None or (site and site.pk == self.site_id):
                    self.directories[language] = page.get_url(self.http_request) or ""
                    break
        return self.directories[language]
