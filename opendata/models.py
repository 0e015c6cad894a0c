"""What open data stores: when each dataset last changed (for ETag / Last-Modified),
the immutable releases with their files' checksums, and the licence, terms and
publishers an administrator sets (read through ``licences.py``)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable


class DatasetState(models.Model):
    """Bumped in the publishing transaction whenever a dataset's rows may change
    (see ``changes.py``), so a download's validators cost one query."""

    slug = models.CharField(max_length=64, unique=True)
    generation = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField()
    # A digest of the public rows as the database holds them (``changes.fingerprint``):
    # a write made outside publishing moves the mark when it is next read.
    fingerprint = models.CharField(max_length=64, blank=True, default="")

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


def _licence_choices():
    from .licences import LICENCES

    return [(key, licence.title) for key, licence in LICENCES.items()]


def _dataset_choices():
    from .datasets import DATASETS

    return [(slug, dataset.title) for slug, dataset in DATASETS.items()]


@register_setting(icon="doc-full")
class OpenDataSettings(ClusterableModel, BaseGenericSetting):
    """The licence of every dataset, the terms of use and the contact point, shown on
    the open-data pages, in every download and in the catalogues."""

    licence = models.CharField(
        _("许可协议"),
        max_length=32,
        default="CC-BY-4.0",
        choices=_licence_choices,
        help_text=_("选择“自定义许可”时，请填写下面的许可名称和全文（或地址）。"),
    )
    custom_title = models.CharField(
        _("自定义许可名称"),
        max_length=200,
        blank=True,
        help_text=_("例如：某某市政府数据开放许可"),
    )
    custom_url = models.URLField(
        _("自定义许可地址"),
        blank=True,
        help_text=_("许可全文所在的地址；不填则使用本站的“许可与使用条款”页面。"),
    )
    custom_text = models.TextField(_("自定义许可全文"), blank=True)
    terms_of_use = models.TextField(
        _("使用条款"),
        blank=True,
        help_text=_("不填则显示默认的使用条款。"),
    )
    contact_name = models.CharField(
        _("联系人或联系部门"),
        max_length=200,
        blank=True,
        help_text=_("不填则为网站名称。"),
    )
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    # When the open data was first offered (the catalogue's dct:issued).
    opened_at = models.DateTimeField(
        _("开放数据首次提供时间"), default=timezone.now, editable=False
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("licence"),
                FieldPanel("custom_title"),
                FieldPanel("custom_url"),
                FieldPanel("custom_text"),
            ],
            heading=_("许可协议"),
        ),
        FieldPanel("terms_of_use"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("联系方式"),
        ),
        InlinePanel("dataset_publishers", heading=_("数据提供单位"), label=_("数据集")),
    ]

    class Meta:
        verbose_name = _("开放数据许可")

    def clean(self):
        super().clean()
        if self.licence == "custom" and not self.custom_title.strip():
            raise ValidationError({"custom_title": _("自定义许可需要填写许可名称。")})
        if self.licence == "custom" and not (
            self.custom_text.strip() or self.custom_url
        ):
            raise ValidationError(
                {"custom_text": _("自定义许可需要填写许可全文或许可地址。")}
            )

    def save(self, *args, **kwargs):
        # The licence is written into every file (the XLSX field sheet) and every
        # document: their validators must change with it, or clients keep a stale
        # copy with a 304. (The first load creates the defaults: nothing changed.)
        from .changes import mark_changed
        from .datasets import DATASETS

        edited = not self._state.adding
        with transaction.atomic():
            super().save(*args, **kwargs)
            if edited:
                mark_changed(list(DATASETS.values()))


class DatasetPublisher(Orderable):
    """Who provides one dataset (数据提供单位), when not the site's publisher."""

    settings = ParentalKey(
        OpenDataSettings, on_delete=models.CASCADE, related_name="dataset_publishers"
    )
    dataset = models.CharField(_("数据集"), max_length=64, choices=_dataset_choices)
    name = models.CharField(_("数据提供单位"), max_length=200)
    url = models.URLField(_("单位网址"), blank=True)

    panels = [FieldPanel("dataset"), FieldPanel("name"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("数据提供单位")
        constraints = [
            models.UniqueConstraint(
                fields=["settings", "dataset"], name="one_publisher_per_dataset"
            )
        ]

    def __str__(self):
        return f"{self.dataset}: {self.name}"


# Models of the other open-data modules, so that Django finds them in this app.
from .feedback import DataRequest  # noqa: E402, F401
from .usage import DatasetUsage  # noqa: E402, F401
from .webhooks import WebhookDelivery, WebhookSubscription  # noqa: E402, F401
