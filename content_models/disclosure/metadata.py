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
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.models import Page

from . import index_numbers
from .public import public_record


class DisclosureMode(models.TextChoices):
    PROACTIVE = "主动公开", _("主动公开")
    ON_REQUEST = "依申请公开", _("依申请公开")


class Validity(models.TextChoices):
    """有效性 (../shared/docs/DOMAIN.md A2). Anything but 有效 carries the day it
    changed; a revised or repealed document may name the document now in force."""

    VALID = "有效", _("有效")
    REVISED = "已修订", _("已修订")
    REPEALED = "已废止", _("已废止")
    EXPIRED = "已失效", _("已失效")  # ran out by its own term


class ReplacementChooserPanel(PageChooserPanel):
    """The 替代文件 chooser: only pages that carry disclosure metadata, listed when
    the form is built (the page models of every app are known by then)."""

    def get_form_options(self):
        from .public import disclosure_models

        self.page_type = [
            model for model in disclosure_models() if issubclass(model, Page)
        ]
        return super().get_form_options()


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
    validity_changed_on = models.DateField(
        _("修订、废止或失效日期"), null=True, blank=True
    )
    replaced_by = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("现行文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("已修订或已废止的文件，可选择取代它的现行文件"),
    )

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
                ReplacementChooserPanel("replaced_by"),
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
        errors.update(self._validity_problems())
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

    def _validity_problems(self):
        """有效性 rules: a date for anything but 有效; the replacing document is
        another existing page that carries disclosure metadata."""
        problems = {}
        if self.validity != Validity.VALID and not self.validity_changed_on:
            problems["validity_changed_on"] = _(
                "有效性为“%(validity)s”时须填写修订、废止或失效日期"
            ) % {"validity": self.get_validity_display()}
        if self.validity == Validity.VALID and self.validity_changed_on:
            problems["validity_changed_on"] = _(
                "有效的文件不应填写修订、废止或失效日期"
            )
        if self.replaced_by_id is None:
            return problems
        replacement = Page.objects.filter(pk=self.replaced_by_id).first()
        if self.validity == Validity.VALID:
            problems["replaced_by"] = _("有效的文件不应填写现行文件")
        elif replacement is None:
            problems["replaced_by"] = _("所选的现行文件不存在")
        elif self._is_self(replacement):
            problems["replaced_by"] = _("现行文件不能是本文件或其译本")
        elif not issubclass(replacement.specific_class or Page, DisclosureMetadata):
            problems["replaced_by"] = _("现行文件应为公开文件、规划或村务居务公开")
        return problems

    def _is_self(self, page):
        if not isinstance(self, Page):
            return False  # a record is never a page
        if self.pk is not None and page.pk == self.pk:
            return True
        return page.translation_key == self.translation_key

    def replacement(self, language=None):
        """The document in force that replaced this one, as the public may see it:
        its translation in ``language`` when that is public, else itself when public,
        else None (an unpublished replacement is not named)."""
        from .public import is_public

        if self.validity == Validity.VALID or self.replaced_by_id is None:
            return None
        page = Page.objects.filter(pk=self.replaced_by_id).first()
        if page is None:
            return None
        candidates = []
        if language:
            translated = (
                Page.objects.filter(
                    translation_key=page.translation_key,
                    locale__language_code=language,
                )
                .exclude(pk=page.pk)
                .first()
            )
            if translated is not None:
                candidates.append(translated)
        candidates.append(page)
        for candidate in candidates:
            specific = candidate.specific
            if isinstance(specific, DisclosureMetadata) and is_public(specific):
                return specific
        return None

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
