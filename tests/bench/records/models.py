from django.db import models

from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin


class BenchRecordQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class BenchRecord(index.Indexed, models.Model):
    """One corpus record, searched by title and body as Wagtail indexes a page."""

    title = models.CharField(max_length=255)
    body = models.TextField()

    search_fields = [
        index.SearchField("title"),
        index.SearchField("body"),
    ]

    objects = BenchRecordQuerySet.as_manager()

    def __str__(self):
        return self.title
