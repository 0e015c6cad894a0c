"""The disclosure metadata every published item carries, pages and records alike.

Fields follow the national 目录系统实施指引 and what county sites show
(../shared/docs/DOMAIN.md A2).
名称 is the item's ``title`` (Page.title for pages; records declare their own).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)

from . import index_numbers
from .public import public_record


class DisclosureMode(models.TextChoices):
    PROACTIVE = "主动公开", _("主动公开")
    ON_REQUEST = "依申请公开", _("依申请公开")


class Validity(models.TextChoices):
    VALID = "有效", _("有效")
    REVISED = "已修订", _("已修订")
    REPEALED = "已废止", _("已废止")


def edit_handler_with_metadata(content_panels, *extra_tabs):
    """Admin tabs for a published item: its content, then its disclosure metadata.

    Pages pass ``ObjectList(Page.promote_panels, ...)`` and the settings tab as extras.
    """
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("内容")),
            ObjectList(DisclosureMetadata.metadata_panels, heading=_("公开信息")),
            *extra_tabs,
        ]
    )


class DisclosureMetadata(models.Model):
    index_number = models.CharField(
        _("索引号"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("留空则按规则自动生成；生成后永久不变"),
    )
    summary = models.TextField(_("内容概述"), max_length=500, blank=True)
    agency = models.ForeignKey(
        "disclosure.Agency",
        verbose_name=_("发布机构"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    published_on = models.DateField(
        _("发布日期"), null=True, blank=True, help_text=_("留空则取首次发布当天")
    )
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    topic = models.ForeignKey(
        "disclosure.Topic",
        verbose_name=_("主题分类"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    genre = models.ForeignKey(
        "disclosure.Genre",
        verbose_name=_("体裁分类"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    keywords = models.CharField(_("关键词"), max_length=200, blank=True)
    source = models.CharField(_("信息来源"), max_length=200, blank=True)
    disclosure_mode = models.CharField(
        _("公开方式"),
        max_length=8,
        choices=DisclosureMode.choices,
        default=DisclosureMode.PROACTIVE,
    )
    validity = models.CharField(
        _("有效性"), max_length=4, choices=Validity.choices, default=Validity.VALID
    )
    validity_changed_on = models.DateField(_("修订或废止日期"), null=True, blank=True)

    metadata_panels = [
        MultiFieldPanel(
            [
                FieldPanel("index_number"),
                FieldPanel("agency"),
                FieldRowPanel([FieldPanel("written_on"), FieldPanel("published_on")]),
                FieldPanel("document_number"),
                FieldRowPanel([FieldPanel("topic"), FieldPanel("genre")]),
                FieldPanel("keywords"),
                FieldPanel("source"),
                FieldPanel("summary"),
                FieldRowPanel(
                    [
                        FieldPanel("disclosure_mode"),
                        FieldPanel("validity"),
                        FieldPanel("validity_changed_on"),
                    ]
                ),
            ],
            heading=_("公开信息元数据"),
        )
    ]

    class Meta:
        abstract = True

    # Translations are the same document: they must not take a new number.
    exclude_fields_in_copy = ["index_number"]

    @property
    def keyword_list(self):
        return (
            re.split(r"[\s，,、；;]+", self.keywords.strip())
            if self.keywords.strip()
            else []
        )

    @property
    def index_number_owner(self):
        key = getattr(self, "translation_key", None) or self.pk
        return f"{self._meta.label_lower}:{key}"  # translations share one number

    def clean(self):
        super().clean()
        errors = {}
        if self.validity != Validity.VALID and not self.validity_changed_on:
            errors["validity_changed_on"] = _(
                "有效性为“%(validity)s”时须填写修订或废止日期"
            ) % {"validity": self.validity}
        if self.validity == Validity.VALID and self.validity_changed_on:
            errors["validity_changed_on"] = _("有效的文件不应填写修订或废止日期")
        if (
            self.written_on
            and self.published_on
            and self.written_on > self.published_on
        ):
            errors["written_on"] = _("成文日期不能晚于发布日期")
        if self.index_number:
            held_by = index_numbers.holder(self.index_number)
            if held_by and held_by != self.index_number_owner:
                errors["index_number"] = _("索引号“%(number)s”已被其他信息使用") % {
                    "number": self.index_number
                }
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.index_number:
            self.index_number = (
                self._shared_translation_number()
                or index_numbers.allocate(
                    self.agency,
                    self.published_on or self.written_on or timezone.localdate(),
                )
            )
        super().save(*args, **kwargs)
        index_numbers.claim(self.index_number, self.index_number_owner)

    def _shared_translation_number(self):
        key = getattr(self, "translation_key", None)
        if key is None:
            return None
        return (
            type(self)
            .objects.filter(translation_key=key)
            .exclude(index_number="")
            .values_list("index_number", flat=True)
            .first()
        )

    @property
    def publication_date(self):
        """发布日期: as entered (e.g. from the source page), else the day Wagtail first
        published it. Corrections never move it."""
        if self.published_on:
            return self.published_on
        first = getattr(self, "first_published_at", None)
        return timezone.localdate(first) if first else None

    # How the item describes itself to search and open data (see public.py).
    # Families override the hooks below; the record itself is built only here.
    record_kind = "item"
    # Relations the hooks below read, for bulk readers' select_related.
    public_related = ()

    def public_text(self):
        return self.summary

    def public_region(self):
        return None

    def public_period(self):
        return None

    def public_url(self):
        return getattr(self, "url", None) or ""

    def public_list_type(self):
        return ""

    def as_public_record(self):
        region = self.public_region()
        period = self.public_period()
        return public_record(
            self,
            kind=self.record_kind,
            title=self.title,
            text=self.public_text(),
            url=self.public_url(),
            index_number=self.index_number,
            agency=self.agency.name,
            region_code=region.code if region else None,
            published_on=self.publication_date,
            written_on=self.written_on,
            period=period.slug if period else None,
            list_type=self.public_list_type(),
        )
