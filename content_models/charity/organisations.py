"""慈善组织登记事项 and the two qualification lists the 民政部门 must publish itself
(《慈善法》第七十六条 items 1, 3 and 4; ../shared/docs/DOMAIN.md D)."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from content_models.disclosure.identifiers import (
    OrgType,
    normalise_credit_code,
    org_type_problem,
    validate_credit_code,
)
from content_models.disclosure.metadata import edit_handler_with_metadata
from content_models.disclosure.periods import validate_period
from content_models.disclosure.records import PublishedRecord

from . import links, rules


class CharityQuerySet(models.QuerySet):
    def fundraising_qualified(self, on=None):
        """公开募捐资格 holders on a day (the Art. 76 list)."""
        on = on or timezone.localdate()
        return self.filter(public_fundraising_since__lte=on)

    def tax_deductible(self, year=None):
        """公益性捐赠税前扣除资格 holders for a year (the Art. 76 list)."""
        year = year or timezone.localdate().year
        return self.filter(
            tax_deductible_from__lte=year, tax_deductible_until__gte=year
        )


class CharityOrganisation(links.SectionRoutes, PublishedRecord):
    """A charity registered with or recognised by the bureau, as 慈善中国 lists it."""

    record_kind = "charity_organisation"
    public_related = ("region",)

    name = models.CharField(_("组织名称"), max_length=100)
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
    )
    org_type = models.CharField(_("组织类型"), max_length=1, choices=OrgType.choices)
    registering_authority = models.CharField(_("登记管理机关"), max_length=100)
    registered_on = models.DateField(_("登记日期"))
    recognised_on = models.DateField(
        _("认定为慈善组织日期"),
        null=True,
        blank=True,
        help_text=_("登记时即为慈善组织的，填写登记日期"),
    )
    public_fundraising_since = models.DateField(
        _("公开募捐资格取得日期"), null=True, blank=True
    )
    tax_deductible_from = models.PositiveSmallIntegerField(
        _("税前扣除资格起始年度"), null=True, blank=True
    )
    tax_deductible_until = models.PositiveSmallIntegerField(
        _("税前扣除资格截止年度"), null=True, blank=True
    )
    address = models.CharField(_("住所"), max_length=200)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在区划"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cszg_url = models.URLField(
        _("慈善中国链接"),
        blank=True,
        help_text=_("该组织在慈善中国平台的页面，须为https地址"),
    )

    objects = CharityQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("credit_code"), FieldPanel("org_type")]),
        FieldRowPanel(
            [FieldPanel("registering_authority"), FieldPanel("registered_on")]
        ),
        FieldRowPanel(
            [FieldPanel("recognised_on"), FieldPanel("public_fundraising_since")]
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("tax_deductible_from"),
                        FieldPanel("tax_deductible_until"),
                    ]
                )
            ],
            heading=_("公益性捐赠税前扣除资格"),
        ),
        FieldPanel("address"),
        FieldPanel("region"),
        FieldPanel("cszg_url"),
    ]
    edit_handler = edit_handler_with_metadata(panels)
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("credit_code"),
        index.FilterField("org_type"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("慈善组织")
        verbose_name_plural = _("慈善组织")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    tax_deductible_from__isnull=True, tax_deductible_until__isnull=True
                )
                | Q(
                    # Both set: a NULL in a comparison would pass a CHECK, so say so.
                    tax_deductible_from__isnull=False,
                    tax_deductible_until__isnull=False,
                    tax_deductible_until__gte=models.F("tax_deductible_from"),
                ),
                name="charity_tax_years_both_or_neither",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def title(self):
        return self.name

    def has_fundraising_qualification(self, on=None):
        on = on or timezone.localdate()
        return bool(
            self.public_fundraising_since and self.public_fundraising_since <= on
        )

    def is_tax_deductible(self, year=None):
        year = year or timezone.localdate().year
        return bool(
            self.tax_deductible_from
            and self.tax_deductible_from <= year <= self.tax_deductible_until
        )

    @property
    def fundraising_qualified_now(self):
        return self.has_fundraising_qualification()

    @property
    def tax_deductible_now(self):
        return self.is_tax_deductible()

    @property
    def is_foundation(self):
        return self.org_type == OrgType.FOUNDATION

    def is_public_fundraising_foundation(self, year):
        """Whether 《慈善法》第六十一条 holds it to the spending ratios in ``year``."""
        held = (
            self.public_fundraising_since and self.public_fundraising_since.year <= year
        )
        return self.is_foundation and bool(held)

    def clean(self):
        self.credit_code = normalise_credit_code(self.credit_code)
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        mismatch = org_type_problem(self.credit_code, self.org_type)
        if mismatch and "credit_code" not in errors:
            errors["org_type"] = [mismatch]
        errors.update(self._date_problems())
        errors.update(self._tax_problems())
        errors.update(self._link_problems())
        if errors:
            raise ValidationError(errors)

    def _date_problems(self):
        errors = {}
        registered, recognised = self.registered_on, self.recognised_on
        if registered and recognised and recognised < registered:
            errors["recognised_on"] = _(
                "认定为慈善组织日期%(date)s早于登记日期%(registered)s"
            ) % {
                "date": recognised,
                "registered": registered,
            }
        since = self.public_fundraising_since
        if since is None or registered is None:
            return errors
        problems = []
        if recognised is None or since < recognised:
            problems.append(
                _(
                    "公开募捐资格取得日期%(date)s无效：只有已认定的慈善组织才能取得公开募捐资格"
                )
                % {"date": since}
            )
        earliest = rules.add_years(registered, rules.QUALIFICATION_WAIT_YEARS)
        if since < earliest:
            # 《慈善组织公开募捐管理办法》: registered for at least one year.
            problems.append(
                _(
                    "公开募捐资格取得日期%(date)s无效：须在登记满一年后（%(earliest)s起）"
                )
                % {"date": since, "earliest": earliest}
            )
        if problems:
            errors["public_fundraising_since"] = problems
        return errors

    def _tax_problems(self):
        start, end = self.tax_deductible_from, self.tax_deductible_until
        if (start is None) != (end is None):
            missing = "tax_deductible_until" if end is None else "tax_deductible_from"
            return {missing: _("税前扣除资格的起始年度和截止年度须同时填写或同时留空")}
        errors = {}
        for name, year in (
            ("tax_deductible_from", start),
            ("tax_deductible_until", end),
        ):
            if year is None:
                continue
            try:
                validate_period(year)
            except ValidationError as error:
                errors[name] = error.messages
        if not errors and start is not None and end < start:
            errors["tax_deductible_until"] = _(
                "税前扣除资格截止年度%(end)s早于起始年度%(start)s"
            ) % {"end": end, "start": start}
        return errors

    def _link_problems(self):
        if self.cszg_url and urlsplit(self.cszg_url).scheme != "https":
            return {
                "cszg_url": _("慈善中国链接“%(url)s”须以https://开头")
                % {"url": self.cszg_url}
            }
        return {}

    def save(self, *args, **kwargs):
        self.credit_code = normalise_credit_code(self.credit_code)
        super().save(*args, **kwargs)

    def get_preview_context(self, request, mode_name):
        from .listings import charity_profile  # listings imports this module

        context = super().get_preview_context(request, mode_name)
        if self.pk:
            context.update(charity_profile(self))
        return context

    def public_text(self):
        return " ".join(
            filter(
                None,
                [self.name, self.get_org_type_display(), self.address, self.summary],
            )
        )

    def public_region(self):
        return self.region

    def public_dependents(self):
        """Records that show this organisation's name and region."""
        return [*self.filings.all(), *self.annual_reports.all(), *self.projects.all()]
