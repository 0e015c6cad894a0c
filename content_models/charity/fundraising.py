"""募捐方案备案: the public fundraising plans filed with the bureau (慈善中国
"募捐方案备案" module; 《慈善法》第二十四条、第七十三条,
《慈善组织公开募捐管理办法》)."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from content_models.disclosure.metadata import edit_handler_with_metadata
from content_models.disclosure.records import PublishedRecord

from . import links, rules

# 备案编号 as stored here: the charity's 统一社会信用代码 (18 characters), the last two
# digits of the filing year and a three-digit serial, e.g. 53150299MJ1234567X25001.
# This is the shape of the numbers 慈善中国 shows; the 民政部 publishes no formal
# specification, so only the parts we can check against the record are checked.
FILING_NUMBER = re.compile(r"^(?P<code>[0-9A-Z]{18})(?P<yy>\d{2})(?P<serial>\d{3})$")


class FilingStatus(models.TextChoices):
    FILED = "已备案", _("已备案")
    RAISING = "募捐中", _("募捐中")
    ENDED = "已结束", _("已结束")
    TERMINATED = "已终止", _("已终止")


class FundraisingFiling(links.SectionRoutes, PublishedRecord):
    record_kind = "fundraising_filing"
    public_related = ("charity", "region")
    public_parent = "charity"  # public only with its charity

    charity = models.ForeignKey(
        "charity.CharityOrganisation",
        verbose_name=_("慈善组织"),
        on_delete=models.PROTECT,
        related_name="filings",
    )
    filing_number = models.CharField(
        _("备案编号"),
        max_length=23,
        unique=True,
        help_text=_("慈善中国的备案编号：统一社会信用代码＋备案年份后两位＋三位序号"),
    )
    title = models.CharField(_("募捐方案名称"), max_length=200)
    purpose = models.TextField(_("募捐目的"))
    filed_on = models.DateField(_("备案日期"))
    emergency = models.BooleanField(
        _("应对重大突发事件"),
        default=False,
        help_text=_(
            "为应对重大突发事件开展的募捐，可在活动开始后十日内补办备案（《慈善法》第七十三条）"
        ),
    )
    starts_on = models.DateField(_("募捐起始日期"))
    ends_on = models.DateField(_("募捐终止日期"))
    target_amount = models.DecimalField(
        _("募捐目标金额（元）"),
        max_digits=14,
        decimal_places=2,
    )
    status = models.CharField(
        _("状态"),
        max_length=4,
        choices=FilingStatus.choices,
        default=FilingStatus.FILED,
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("募捐区域"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [
        FieldPanel("charity"),
        FieldRowPanel([FieldPanel("filing_number"), FieldPanel("filed_on")]),
        FieldPanel("title"),
        FieldPanel("purpose"),
        FieldRowPanel(
            [FieldPanel("starts_on"), FieldPanel("ends_on"), FieldPanel("emergency")]
        ),
        FieldRowPanel([FieldPanel("target_amount"), FieldPanel("status")]),
        FieldPanel("region"),
    ]
    edit_handler = edit_handler_with_metadata(panels)
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("filing_number"),
        index.SearchField("purpose"),
        index.FilterField("status"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["-starts_on", "filing_number"]
        verbose_name = _("募捐方案备案")
        verbose_name_plural = _("募捐方案备案")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="charity_filing_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(target_amount__gt=0), name="charity_filing_target_positive"
            ),
        ]

    def __str__(self):
        return f"{self.filing_number} {self.title}"

    @property
    def needs_quarterly_reports(self):
        """《慈善法》第七十九条: a campaign longer than six months reports at least
        every three months."""
        return rules.lasts_longer_than(
            self.starts_on, self.ends_on, rules.LONG_ACTIVITY_MONTHS
        )

    @property
    def final_report_due(self):
        """第七十九条: the full report is due within three months of the end."""
        return rules.add_months(self.ends_on, rules.FINAL_REPORT_MONTHS)

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.filing_number:
            self.filing_number = self.filing_number.strip().upper()
        if self.target_amount is not None and self.target_amount <= 0:
            errors["target_amount"] = _("募捐目标金额须大于0元，而不是%(amount)s元") % {
                "amount": self.target_amount
            }
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("募捐终止日期%(end)s早于起始日期%(start)s") % {
                "end": self.ends_on,
                "start": self.starts_on,
            }
        if self.charity_id and self.starts_on:
            errors.update(self._qualification_problems())
        if self.starts_on and self.filed_on:
            errors.update(self._filing_date_problems())
        if self.filing_number:
            errors.update(self._filing_number_problems())
        if errors:
            raise ValidationError(errors)

    def _qualification_problems(self):
        if self.charity.has_fundraising_qualification(on=self.starts_on):
            return {}
        return {
            "starts_on": _(
                "%(charity)s在募捐起始日期%(date)s不具有公开募捐资格，不能开展公开募捐"
            )
            % {"charity": self.charity.name, "date": self.starts_on}
        }

    def _filing_date_problems(self):
        if self.emergency:
            latest = self.starts_on + _days(rules.EMERGENCY_FILING_DAYS_AFTER_START)
            message = _(
                "应对重大突发事件的募捐须在活动开始后十日内（%(latest)s前）备案，备案日期%(date)s已超期"
            )
        else:
            latest = self.starts_on - _days(rules.FILING_DAYS_BEFORE_START)
            message = _(
                "募捐方案须在活动开始十日前（%(latest)s前）备案，备案日期%(date)s太晚"
            )
        if self.filed_on > latest:
            return {"filed_on": message % {"latest": latest, "date": self.filed_on}}
        return {}

    def _filing_number_problems(self):
        match = FILING_NUMBER.match(self.filing_number)
        if match is None:
            return {
                "filing_number": _(
                    "备案编号“%(number)s”格式不正确（应为统一社会信用代码＋两位年份＋三位序号，共23位）"
                )
                % {"number": self.filing_number}
            }
        problems = []
        if self.charity_id and match["code"] != self.charity.credit_code:
            problems.append(
                _(
                    "备案编号“%(number)s”的前18位应为%(charity)s的统一社会信用代码%(code)s"
                )
                % {
                    "number": self.filing_number,
                    "charity": self.charity.name,
                    "code": self.charity.credit_code,
                }
            )
        if self.filed_on and int(match["yy"]) != self.filed_on.year % 100:
            problems.append(
                _("备案编号“%(number)s”中的年份%(yy)s与备案日期%(date)s不符")
                % {
                    "number": self.filing_number,
                    "yy": match["yy"],
                    "date": self.filed_on,
                }
            )
        return {"filing_number": problems} if problems else {}

    def public_text(self):
        return " ".join(filter(None, [self.title, self.purpose, self.charity.name]))

    def public_region(self):
        return self.region


def _days(count):
    return datetime.timedelta(days=count)
