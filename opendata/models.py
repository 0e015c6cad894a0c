"""What open data stores: when each dataset last changed (for ETag / Last-Modified),
and the immutable releases with their files' checksums."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DatasetState(models.Model):
    """Bumped in the publishing transaction whenever a dataset's rows may change
    (see ``changes.py``), so a download's validators cost one query."""

    slug = models.CharField(max_length=64, unique=True)
    generation = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("数据集状态")
        verbose_name_plural = _("数据集状态")

    def __str__(self):
        return f"{self.slug} #{self.generation}"


class Release(models.Model):
    class Kind(models.TextChoices):
        QUARTERLY = "quarterly", _("季度发布")
        ON_DEMAND = "on_demand", _("按需发布")

    # The address: /opendata/releases/<label>/ ; "2026-Q3" for the quarterly release
    # of that quarter, "2026-11-23-151700" for one cut on demand.
    label = models.CharField(_("版本"), max_length=32, unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    cut_at = models.DateTimeField(_("生成时间"))
    cut_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("生成人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["-cut_at"]
        verbose_name = _("开放数据版本")
        verbose_name_plural = _("开放数据版本")

    def __str__(self):
        return self.label


class ReleaseFile(models.Model):
    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="files")
    dataset = models.CharField(_("数据集"), max_length=64)
    format = models.CharField(_("格式"), max_length=8)
    path = models.CharField(max_length=255)  # in storages["opendata"]
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField(_("字节数"))
    rows = models.PositiveBigIntegerField(_("行数"))

    class Meta:
        ordering = ["dataset", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "dataset", "format"], name="one_file_per_format"
            )
        ]

    def __str__(self):
        return f"{self.release.label}/{self.dataset}.{self.format}"
