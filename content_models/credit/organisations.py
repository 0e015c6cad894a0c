"""社会组织: the registered organisation a credit-list entry is about.

Its 统一社会信用代码 is checked with ``content_models.disclosure.identifiers`` (the
only place the code is validated). For 民政-registered organisations the code's
first character is 5 and the second names the kind of organisation (GB 32100-2015,
../shared/docs/DOMAIN.md section C), so a valid code also tells us whether ``org_type``
is right.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from content_models.disclosure.identifiers import (
    OrgType,
    credit_code_problem,
    normalise_credit_code,
    org_type_problem,
)
from content_models.disclosure.metadata import edit_handler_with_metadata
from content_models.disclosure.records import PublishedRecord

from .forms import SocialOrganisationForm


class SocialOrganisation(PublishedRecord):
    base_form_class = SocialOrganisationForm
    record_kind = "social_organisation"
    public_related = ("region",)

    name = models.CharField(_("社会组织名称"), max_length=200)
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        help_text=_("18位，不含I、O、Z、S、V；保存时统一转为大写"),
    )
    credit_code_override = models.BooleanField(
        _("代码校验例外"),
        default=False,
        help_text=_(
            "仅用于经核实真实存在、但未通过校验的代码；须说明理由，操作记入日志"
        ),
    )
    override_reason = models.CharField(_("例外理由"), max_length=300, blank=True)
    org_type = models.CharField(_("组织类型"), max_length=1, choices=OrgType.choices)
    registering_authority = models.CharField(_("登记管理机关"), max_length=100)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在区划"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_on = models.DateField(_("成立登记日期"), null=True, blank=True)
    address = models.CharField(_("住所"), max_length=200, blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("credit_code"), FieldPanel("org_type")]),
        MultiFieldPanel(
            [FieldPanel("credit_code_override"), FieldPanel("override_reason")],
            heading=_("代码校验例外"),
        ),
        FieldPanel("registering_authority"),
        FieldRowPanel([FieldPanel("region"), FieldPanel("registered_on")]),
        FieldPanel("address"),
    ]
    edit_handler = edit_handler_with_metadata(panels)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("credit_code"),
        index.FilterField("credit_code"),
        index.FilterField("org_type"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("社会组织")
        verbose_name_plural = _("社会组织")
        permissions = [("override_credit_code", _("可设置统一社会信用代码校验例外"))]

    def __str__(self):
        return self.name

    @property
    def title(self):
        return self.name

    def clean(self):
        self.credit_code = normalise_credit_code(self.credit_code)
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        self._check_code(errors)
        if self.registered_on and self.registered_on > timezone.localdate():
            errors.setdefault("registered_on", []).append(
                _("成立登记日期%(day)s晚于今天") % {"day": self.registered_on}
            )
        if errors:
            raise ValidationError(errors)

    def _check_code(self, errors):
        problem = credit_code_problem(self.credit_code)
        if self.credit_code_override and not self.override_reason.strip():
            errors.setdefault("override_reason", []).append(
                _("对代码“%(code)s”设置校验例外时须填写例外理由")
                % {"code": self.credit_code}
            )
        if problem and not self.credit_code_override:
            errors.setdefault("credit_code", []).append(problem)
        elif not problem and self.credit_code_override:
            # An override on a good code would only hide a later typo.
            errors.setdefault("credit_code_override", []).append(
                _("代码“%(code)s”已通过校验，无需设置校验例外")
                % {"code": self.credit_code}
            )
        elif not problem:
            mismatch = org_type_problem(self.credit_code, self.org_type)
            if mismatch:
                errors.setdefault("org_type", []).append(mismatch)

    def unique_error_message(self, model_class, unique_check):
        if tuple(unique_check) == ("credit_code",):
            return ValidationError(
                _("统一社会信用代码“%(code)s”已登记为另一个社会组织")
                % {"code": self.credit_code},
                code="unique",
            )
        return super().unique_error_message(model_class, unique_check)

    def save(self, *args, **kwargs):
        self.credit_code = normalise_credit_code(self.credit_code)
        super().save(*args, **kwargs)

    def get_preview_context(self, request, mode_name):
        from .queries import public_entries

        context = super().get_preview_context(request, mode_name)
        context["entries"] = public_entries().filter(organisation=self)
        return context

    # Disclosure hooks (see content_models.disclosure.metadata).
    def public_text(self):
        parts = [self.name, self.credit_code, self.get_org_type_display(), self.address]
        return " ".join(part for part in parts if part)

    def public_region(self):
        return self.region

    def public_url(self):
        from .pages import section_url

        return section_url("organisation", self.pk)

    def public_dependents(self):
        """Records that show this organisation's name and region."""
        return self.entries.all()
