"""What the public search finds, the variant spellings editors add, and the anonymous query log.

``SearchDocument`` is the one flat record per searchable thing (a live guide, guide section, course,
lesson or contact, in one language) that every backend indexes: the database backend through
Wagtail's search (modelsearch) with normalised fields, the Elasticsearch backend from the same rows
(search.backends.elasticsearch). search.documents keeps the rows in step with the content.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelsearch import index
from modelsearch.queryset import SearchableQuerySetMixin
from wagtail.models import Page, Site

from cms.contacts.models import Contact
from search.normalise import index_text


class NormalisedSearchField(index.SearchField):
    """A search field whose indexed value is the normalised, analysed text (search.normalise)."""

    def get_value(self, obj):
        return index_text(super().get_value(obj) or "")


class NormalisedAutocompleteField(index.AutocompleteField):
    def get_value(self, obj):
        return index_text(super().get_value(obj) or "")


class ContentType(models.TextChoices):
    GUIDE = "guide", _("Country guide")
    GUIDE_SECTION = "guide_section", _("Guide section")
    COURSE = "course", _("Course")
    LESSON = "lesson", _("Lesson")
    CONTACT = "contact", _("Help contact")


class SearchDocumentQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class SearchDocument(index.Indexed, models.Model):
    """A live page or contact in one language, as the public search sees it."""

    # "page-<id>" or "contact-<id>": the document's id in every backend.
    doc_id = models.CharField(max_length=40, unique=True)
    page = models.ForeignKey(Page, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    # The site that shows it; empty for a contact every site lists.
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=16, db_index=True)
    content_type = models.CharField(max_length=20, choices=ContentType.choices)
    country = models.CharField(max_length=2, blank=True)
    publisher = models.CharField(max_length=80, blank=True)
    pack_id = models.CharField(max_length=100, blank=True)
    item_key = models.CharField(max_length=80, blank=True, help_text=_("The item's stable key in its pack."))
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SearchDocumentQuerySet.as_manager()

    search_fields = [
        NormalisedSearchField("title", boost=3),
        NormalisedSearchField("summary", boost=1.5),
        NormalisedSearchField("body"),
        NormalisedAutocompleteField("title"),
        index.FilterField("site_id"),
        index.FilterField("language"),
        index.FilterField("content_type"),
        index.FilterField("country"),
        index.FilterField("publisher"),
    ]

    class Meta:
        verbose_name = _("search document")
        indexes = [models.Index(fields=["site", "language"], name="search_docs_by_site")]

    def __str__(self):
        return f"{self.doc_id} {self.language}: {self.title}"


class LexiconEntry(models.Model):
    """Spellings of one word that a search should treat alike, added or changed by editors.

    Entries shipped in files (search/lexicon/*.yaml, and plugins' lexicons) are the base; an entry
    here with the same key replaces the shipped one, and a disabled one switches it off.
    """

    key = models.SlugField(max_length=60, unique=True, help_text=_("A short English name for the word, e.g. visa."))
    english = models.TextField(blank=True, help_text=_("English words or phrases, one per line."))
    urdu = models.TextField(blank=True, help_text=_("Urdu spellings, one per line."))
    shahmukhi = models.TextField(blank=True, help_text=_("Punjabi (Shahmukhi) spellings, one per line."))
    roman = models.TextField(blank=True, help_text=_("Roman Urdu and Roman Punjabi spellings, one per line."))
    enabled = models.BooleanField(default=True, help_text=_("Switch off to stop using this entry (or a shipped one)."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search spelling")
        verbose_name_plural = _("search spellings")
        ordering = ["key"]

    def __str__(self):
        return self.key

    def clean(self):
        from django.core.exceptions import ValidationError

        from search.lexicon import LexiconError, editor_entry

        try:
            entry = editor_entry(self)
        except LexiconError as error:
            raise ValidationError(str(error).removeprefix("admin: ")) from None
        if entry is None and self.enabled:
            raise ValidationError(_("Give at least one spelling, or switch the entry off."))


class SearchQueryCount(models.Model):
    """How often a query was searched on a day, and how often it found nothing.

    Holds only the normalised query text, the interface language and counts: no session, user, IP
    address or time of day, so nothing in it leads back to a person.
    """

    day = models.DateField(default=timezone.localdate)
    query = models.CharField(max_length=200)
    language = models.CharField(max_length=16)
    searches = models.PositiveIntegerField(default=0)
    zero_results = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("search query count")
        constraints = [models.UniqueConstraint(fields=["day", "query", "language"], name="one_count_per_day")]
        indexes = [models.Index(fields=["day"], name="search_counts_by_day")]

    def __str__(self):
        return f"{self.day} {self.language} {self.query!r}: {self.searches}"
