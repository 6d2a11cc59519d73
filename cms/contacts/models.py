"""Legal-aid and help contacts: translatable snippets, and the directory page that lists them."""

import re

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from cms.core.models import PackItem
from cms.core.view_restrictions import KnownViewRestrictionsMixin
from course_packs.schema import CONTACT_KINDS

KIND_CHOICES = [(kind, kind.replace("-", " ").capitalize()) for kind in CONTACT_KINDS]


class Contact(TranslatableMixin, PackItem, models.Model):
    # The site whose directory lists the contact; empty means every site.
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    organisation = models.CharField(max_length=255)
    kind = models.CharField(max_length=40, choices=KIND_CHOICES)
    country = models.CharField(max_length=2, help_text=_("ISO 3166-1 alpha-2 code, e.g. SA"))
    city = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    phones = models.TextField(blank=True, help_text=_("One number per line, with country code."))
    whatsapp = models.CharField(max_length=32, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    address = models.TextField(blank=True)
    hours = models.CharField(max_length=255, blank=True)
    languages_spoken = models.CharField(max_length=100, blank=True, help_text=_("Language codes, comma-separated."))
    source_title = models.CharField(max_length=255)
    source_url = models.URLField()
    last_verified = models.DateField()
    # Whether the contact shows in the directory; a disabled plugin's contacts are hidden, not deleted.
    live = models.BooleanField(default=True)

    override_translatable_fields = [
        *PackItem.synchronized_pack_fields,
        *(
            SynchronizedField(name)
            for name in (
                "site",
                "kind",
                "country",
                "phones",
                "whatsapp",
                "email",
                "website",
                "languages_spoken",
                "source_title",
                "source_url",
                "last_verified",
                "live",
            )
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contact")
        ordering = ["country", "city", "organisation"]

    def __str__(self):
        return f"{self.organisation} ({self.city or self.country})"

    @property
    def phone_numbers(self) -> list[str]:
        return [line.strip() for line in self.phones.splitlines() if line.strip()]

    @property
    def whatsapp_link(self) -> str:
        digits = re.sub(r"\D", "", self.whatsapp)
        return f"https://wa.me/{digits}" if digits else ""


class ContactDirectoryPage(KnownViewRestrictionsMixin, Page):
    intro = models.TextField(blank=True)

    parent_page_types = ["rahnuma_core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    override_translatable_fields = [SynchronizedField("slug")]
    content_panels = [*Page.content_panels, "intro"]

    class Meta:
        verbose_name = _("contact directory")

    def listed_contacts(self, request):
        site = Site.find_for_request(request)
        return Contact.objects.filter(locale_id=self.locale_id, live=True).filter(
            models.Q(site__isnull=True) | models.Q(site=site)
        )

    @staticmethod
    def requested_filters(request) -> dict[str, str]:
        """The country/city/kind the visitor asked for, ignoring empty choices."""
        values = {name: request.GET.get(name, "").strip() for name in ("country", "city", "kind")}
        return {name: value for name, value in values.items() if value}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listed = self.listed_contacts(request)
        filters = self.requested_filters(request)
        kinds_present = set(listed.values_list("kind", flat=True))
        countries = sorted(set(listed.values_list("country", flat=True)))
        cities = sorted(set(listed.exclude(city="").values_list("city", flat=True)))
        offered = {"country": countries, "city": cities, "kind": kinds_present}
        context.update(
            contacts=listed.filter(**filters),
            filters=filters,
            countries=countries,
            cities=cities,
            kinds=[(kind, label) for kind, label in KIND_CHOICES if kind in kinds_present],
            list_cache_key=self.list_cache_key(request, filters, offered),
            list_cache_seconds=settings.RAHNUMA_PAGE_CACHE_SECONDS,
        )
        return context

    @staticmethod
    def list_cache_key(request, filters: dict[str, str], offered: dict[str, list[str]]) -> str:
        """What the rendered list of contacts is kept under in the pages cache, or "" to render it every time.

        Rendering a card per contact (with its share links) is most of the page's time, and a filtered view
        has a query string, which the page cache never stores. The key names the content generation (a
        saved contact retires every kept list, cms.core.page_cache), the scheme and host (the share links
        are absolute), the language and the filters; only filters the form offers are kept, so made-up
        values cannot fill the cache.
        """
        from cms.core.page_cache import current_generation  # imports Wagtail's views, which need the app registry

        if not settings.RAHNUMA_PAGE_CACHE or any(value not in offered[name] for name, value in filters.items()):
            return ""
        chosen = [filters.get(name, "") for name in ("country", "city", "kind")]
        return "|".join(map(str, [current_generation(), request.scheme, request.get_host(), get_language(), *chosen]))
