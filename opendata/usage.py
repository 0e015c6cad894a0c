"""How often each dataset is downloaded and read through the API: one row per dataset
and day, bumped with ``F()`` so concurrent requests never lose a count. Nothing about
the client is kept (no address, no agent): a count is all a watchdog needs to see
that a dataset is used, and all the bureau may keep without a privacy notice."""

import functools

from django.db import IntegrityError, models, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DOWNLOADS, API_CALLS = "downloads", "api_calls"


class DatasetUsage(models.Model):
    slug = models.CharField(_("数据集"), max_length=64)
    day = models.DateField(_("日期"))
    downloads = models.PositiveBigIntegerField(_("下载次数"), default=0)
    api_calls = models.PositiveBigIntegerField(_("接口调用次数"), default=0)

    class Meta:
        app_label = "opendata"
        verbose_name = _("数据集使用次数")
        verbose_name_plural = _("数据集使用次数")
        constraints = [
            models.UniqueConstraint(fields=["slug", "day"], name="one_usage_per_day")
        ]

    def __str__(self):
        return f"{self.slug} {self.day}"


def count_use(slug, kind):
    """Add one ``kind`` (DOWNLOADS or API_CALLS) to today's row of ``slug``."""
    today = timezone.localdate()
    bump = {kind: F(kind) + 1}
    if DatasetUsage.objects.filter(slug=slug, day=today).update(**bump):
        return
    try:
        with transaction.atomic():
            DatasetUsage.objects.create(slug=slug, day=today, **{kind: 1})
    except IntegrityError:  # another request created today's row first
        DatasetUsage.objects.filter(slug=slug, day=today).update(**bump)


def counted(kind):
    """A view decorator: count a successful answer (200) for the dataset named by
    ``slug``; a 304 sent nothing and an error served nothing, so neither counts."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            slug = kwargs.get("slug")
            if slug and response.status_code == 200:
                from .datasets import DATASETS

                if slug in DATASETS:
                    count_use(slug, kind)
            return response

        return wrapped

    return decorate


def usage_of(slug):
    """{"downloads": n, "api_calls": n} over all days."""
    totals = DatasetUsage.objects.filter(slug=slug).aggregate(
        downloads=Sum(DOWNLOADS), api_calls=Sum(API_CALLS)
    )
    return {name: value or 0 for name, value in totals.items()}
