"""Reading the demo site's pages the way a visitor does: their links, and a lesson's quiz form.

PageReader().feed(html)             # .links, and for a lesson page .answer_url, .hidden, .questions
pages_below(base_url + "/en/courses/")          # the pages one level below, from its links
pages_two_levels_below(base_url + "/en/courses/")   # e.g. every lesson of every course
"""

import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin


class PageReader(HTMLParser):
    """Links, and the quiz form's fields, of one page."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.in_quiz_form = False
        self.answer_url = ""
        self.hidden: dict[str, str] = {}
        self.questions: dict[str, list[str]] = {}  # field name -> choice values
        self.multiple: set[str] = set()  # the fields that take several choices

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form" and "quiz-form" in (attrs.get("class") or ""):
            self.in_quiz_form, self.answer_url = True, attrs.get("data-answer-url", "")
        elif tag == "input" and self.in_quiz_form:
            if attrs.get("type") == "hidden":
                self.hidden[attrs["name"]] = attrs.get("value", "")
            elif attrs.get("type") in {"radio", "checkbox"}:
                self.questions.setdefault(attrs["name"], []).append(attrs["value"])
                if attrs["type"] == "checkbox":
                    self.multiple.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_quiz_form = False


def read_page(url: str) -> PageReader:
    with urllib.request.urlopen(url, timeout=30) as response:
        reader = PageReader()
        reader.feed(response.read().decode())
        return reader


def pages_below(url: str) -> list[str]:
    """The pages that ``url`` links to directly below itself (``url`` ends with a slash)."""
    links = {urljoin(url, link) for link in read_page(url).links}
    return sorted(link for link in links if _is_child(link, url))


def pages_two_levels_below(url: str) -> list[str]:
    return [page for child in pages_below(url) for page in pages_below(child)]


def _is_child(url: str, parent: str) -> bool:
    """Whether ``url`` is a page directly below ``parent`` (no query, no fragment)."""
    rest = url.removeprefix(parent)
    return url != rest and rest.count("/") == 1 and rest.endswith("/") and not any(c in rest for c in "?#")
