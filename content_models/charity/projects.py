"""慈善项目进展: charitable projects and their progress reports (慈善中国 "慈善项目进展"
module; 《慈善法》第七十九条 for the reporting rhythm)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from content_models.disclosure.metadata import edit_handler_with_metadata
from content_models.disclosure.records import PublishedRecord

from . import links, rules

# 项目编号 is issued by 慈善中国; we store it as given and only check its characters.
PROJECT_NUMBER = re.compile(r"^[0-9A-Z]{6,40}$")


class ProjectStatus(models.TextChoices):
    NOT_STARTED = "未开始", _("未开始")
    ONGOING = "实施中", _("实施中")
    COMPLETED = "已结项", _("已结项")
    TERMINATED = "已终止", _("已终止")


def report_date_problem(project, reported_on):
    """Why a progress report's date does not fit the project, or None.

    A report falls within the project, or within the three months after its end in which
    第七十九条 asks for the final report on implementation and the use of funds."""
    if project.starts_on is None or reported_on is None:
        return None
    if reported_on < project.starts_on:
        return _("进展报告日期%(date)s早于项目开始日期%(start)s") % {
            "date": reported_on,
            "start": project.starts_on,
        }
    if project.ends_on:
        latest = rules.add_months(project.ends_on, rules.FINAL_REPORT_MONTHS)
        if reported_on > latest:
            return _("进展报告日期%(date)s晚于项目结束后三个月（%(latest)s）") % {
                "date": reported_on,
                "latest": latest,
            }
    return None


class CharityProjectForm(WagtailAdminModelForm):
    """Checks the inline progress reports against the project dates in the same form:
    the child forms are validated before the project has its dates saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's own check would read the reports as saved, not as submitted.
        self.instance.check_reports_in_clean = False

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("progress_reports")
        if formset is None or not formset.is_valid():
            return cleaned
        project = CharityProject(
            starts_on=cleaned.get("starts_on"), ends_on=cleaned.get("ends_on")
        )
        for form in formset.forms:
            data = getattr(form, "cleaned_data", {})
            if not data or data.get("DELETE"):
                continue
            problem = report_date_problem(project, data.get("reported_on"))
            if problem:
                form.add_error("reported_on", problem)
        return cleaned


class CharityProject(links.SectionRoutes, PublishedRecord):
    record_kind = "charity_project"
    public_related = ("charity__region",)
    public_parent = "charity"  # public only with its charity
    base_form_class = CharityProjectForm
    # Imports and the demo build reports in code; the admin form checks them itself.
    check_reports_in_clean = True

    charity = models.ForeignKey(
        "charity.CharityOrganisation",
        verbose_name=_("发起慈善组织"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    project_number = models.CharField(_("项目编号"), max_length=40, unique=True)
    title = models.CharField(_("项目名称"), max_length=200)
    status = models.CharField(
        _("项目状态"),
        max_length=4,
        choices=ProjectStatus.choices,
        default=ProjectStatus.ONGOING,
    )
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"), null=True, blank=True)
    budget = models.DecimalField(_("项目预算（元）"), max_digits=14, decimal_places=2)
    description = RichTextField(_("项目简介"), features=["bold", "ol", "ul", "link"])

    panels = [
        FieldPanel("charity"),
        FieldRowPanel([FieldPanel("project_number"), FieldPanel("status")]),
        FieldPanel("title"),
        FieldRowPanel(
            [FieldPanel("starts_on"), FieldPanel("ends_on"), FieldPanel("budget")]
        ),
        FieldPanel("description"),
        InlinePanel("progress_reports", heading=_("项目进展"), label=_("进展报告")),
    ]
    edit_handler = edit_handler_with_metadata(panels)
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("project_number"),
        index.SearchField("description"),
        index.FilterField("status"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["-starts_on", "project_number"]
        verbose_name = _("慈善项目")
        verbose_name_plural = _("慈善项目")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="charity_project_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=0), name="charity_project_budget_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.project_number} {self.title}"

    def reports_in_order(self):
        return sorted(
            self.progress_reports.all(),
            key=lambda r: (r.reported_on, r.sort_order or 0),
        )

    @property
    def amount_spent(self):
        return sum((r.amount_spent for r in self.progress_reports.all()), start=0)

    @property
    def needs_quarterly_reports(self):
        """第七十九条: a 公募 charity's project longer than six months (or with no end
        set yet) reports at least every three months."""
        if not self.charity.has_fundraising_qualification(on=self.starts_on):
            return False
        if self.ends_on is None:
            return True
        return rules.lasts_longer_than(
            self.starts_on, self.ends_on, rules.LONG_ACTIVITY_MONTHS
        )

    @property
    def next_report_due(self):
        """The latest day for the next quarterly report of an ongoing project."""
        if self.status != ProjectStatus.ONGOING or not self.needs_quarterly_reports:
            return None
        reports = self.reports_in_order()
        last = reports[-1].reported_on if reports else self.starts_on
        return rules.add_months(last, rules.REPORT_INTERVAL_MONTHS)

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.project_number:
            self.project_number = self.project_number.strip().upper()
            if not PROJECT_NUMBER.match(self.project_number):
                errors["project_number"] = _(
                    "项目编号“%(number)s”格式不正确（应为6至40位数字或大写字母）"
                ) % {"number": self.project_number}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("项目结束日期%(end)s早于开始日期%(start)s") % {
                "end": self.ends_on,
                "start": self.starts_on,
            }
        if self.status == ProjectStatus.COMPLETED and not self.ends_on:
            errors["ends_on"] = _("项目状态为“%(status)s”时须填写结束日期") % {
                "status": self.get_status_display()
            }
        if self.budget is not None and self.budget < 0:
            errors["budget"] = _("项目预算不能为负数：%(amount)s元") % {
                "amount": self.budget
            }
        errors.update(self._report_problems())
        if errors:
            raise ValidationError(errors)

    def _report_problems(self):
        if not self.check_reports_in_clean:
            return {}
        problems = [
            problem
            for report in self.progress_reports.all()
            if (problem := report_date_problem(self, report.reported_on))
        ]
        return {"starts_on": problems} if problems else {}

    def public_text(self):
        return " ".join(filter(None, [self.title, self.charity.name, self.summary]))

    def public_region(self):
        return self.charity.region


class ProgressReport(Orderable):
    project = ParentalKey(
        CharityProject, on_delete=models.CASCADE, related_name="progress_reports"
    )
    reported_on = models.DateField(_("报告日期"))
    text = models.TextField(_("进展情况"))
    amount_spent = models.DecimalField(
        _("本期使用资金（元）"), max_digits=14, decimal_places=2, default=0
    )

    panels = [
        FieldRowPanel([FieldPanel("reported_on"), FieldPanel("amount_spent")]),
        FieldPanel("text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_spent__gte=0),
                name="charity_progress_spent_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.reported_on} {self.project}"

    def clean(self):
        if self.amount_spent is not None and self.amount_spent < 0:
            raise ValidationError(
                {
                    "amount_spent": _("本期使用资金不能为负数：%(amount)s元")
                    % {"amount": self.amount_spent}
                }
            )
