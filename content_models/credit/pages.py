"""The public section: 社会组织信用信息公示.

One page per language under the home page. Its own URL lists who is on each list now
and, separately, who has been removed (with date, reason and authority); sub-routes
show one entry and one organisation. The records are not translated: the English
section shows the same rows.
"""

from django.conf import settings
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from content_models.disclosure.pages import SectionPage
from content_models.disclosure.paging import page_of
from content_models.disclosure.public import cached_lookup

from . import queries
from .entries import ListType


class CreditIndexPage(RoutablePageMixin, SectionPage):
    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["disclosure.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("社会组织信用信息栏目")

    def public_dependents(self):
        """The records shown at this page's routes: their addresses hang from it."""
        return [
            *queries.public_organisations(),
            *queries.public_entries(),
        ]

    @path("")
    def lists(self, request):
        try:
            list_type = queries.parse_list_type(request.GET.get("list"))
        except ValueError:
            response = self.render(
                request,
                context_overrides={
                    "filter_error": request.GET.get("list"),
                    "current": [],
                },
            )
            response.status_code = 400
            return response
        query = request.GET.get("q", "").strip()
        entries = queries.lookup(queries.public_entries(), query)
        return self.render(
            request,
            context_overrides={
                "list_type": list_type,
                "list_types": list(ListType),
                "query": query,
                "current": [
                    (kind, page_of(request, rows, f"page-{kind.value}"))
                    for kind, rows in queries.current_by_list(entries, list_type)
                ],
                "removed": page_of(
                    request, queries.removed(entries, list_type), "page-removed"
                ),
            },
        )

    @path("entries/<int:pk>/", name="entry")
    def entry(self, request, pk):
        record = get_object_or_404(queries.public_entries(), pk=pk)
        return self.render(
            request,
            template="credit/creditlistentry.html",
            context_overrides={"record": record},
        )

    @path("organisations/<int:pk>/", name="organisation")
    def organisation(self, request, pk):
        record = get_object_or_404(queries.public_organisations(), pk=pk)
        return self.render(
            request,
            template="credit/socialorganisation.html",
            context_overrides={
                "record": record,
                "entries": queries.public_entries().filter(organisation=record),
            },
        )


def _default_section():
    return (
        CreditIndexPage.objects.live()
        .public()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .first()
    )


def section_url(route_name, pk):
    """A record's address on the Chinese section page, or "" while there is none."""
    page = cached_lookup("credit-section", _default_section)
    if page is None or not page.url:
        return ""
    return page.url + page.reverse_subpage(route_name, args=[pk])
