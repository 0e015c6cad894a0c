"""名录条目: one row per listing event in 活动异常名录 or 严重违法失信名单.

A removal (移出) closes the entry but never deletes it: the public keeps seeing who was
listed, when, why, and when and why they left the list (../shared/docs/DOMAIN.md section
C: SAMR-style 移出决定 fields). The importer's natural key is (organisation, list_type,
listed_on), held by a database constraint.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.search import index

from content_models.disclosure.metadata import edit_handler_with_metadata
from content_models.disclosure.periods import add_months, add_years
from content_models.disclosure.records import PublishedRecord

from .deadlines import Deadline

REMOVAL_FIELDS = (
    "removed_on",
    "removal_reason",
    "removal_authority",
    "removal_decision_number",
)


class ListType(models.TextChoices):
    ABNORMAL = "abnormal", _("活动异常名录")
    SERIOUS = "serious", _("严重违法失信名单")


class CreditListEntry(PublishedRecord):
    record_kind = "credit_entry"
    public_related = ("organisation__region",)
    public_parent = "organisation"  # an entry is public only with its organisation

    organisation = models.ForeignKey(
        "credit.SocialOrganisation",
        verbose_name=_("社会组织"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    list_type = models.CharField(_("名录类型"), max_length=16, choices=ListType.choices)
    reason = models.CharField(_("列入事由"), max_length=300)
    legal_basis = models.CharField(_("列入依据"), max_length=300)
    deciding_authority = models.CharField(_("作出决定机关"), max_length=100)
    decision_number = models.CharField(_("列入决定书文号"), max_length=100, blank=True)
    listed_on = models.DateField(_("列入日期"))
    removed_on = models.DateField(_("移出日期"), null=True, blank=True)
    removal_reason = models.CharField(_("移出事由"), max_length=300, blank=True)
    removal_authority = models.CharField(_("移出决定机关"), max_length=100, blank=True)
    removal_decision_number = models.CharField(
        _("移出决定书文号"), max_length=100, blank=True
    )

    panels = [
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("list_type"), FieldPanel("listed_on")]),
        FieldPanel("reason"),
        FieldPanel("legal_basis"),
        FieldRowPanel(
            [FieldPanel("deciding_authority"), FieldPanel("decision_number")]
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("removed_on"), FieldPanel("removal_authority")]
                ),
                FieldPanel("removal_reason"),
                FieldPanel("removal_decision_number"),
            ],
            heading=_("移出（四项须同时填写）"),
        ),
        # Editors only: the public pages never print these reminders.
        HelpPanel(template="credit/admin/entry_deadlines.html", heading=_("期限提示")),
    ]
    edit_handler = edit_handler_with_metadata(panels)

    search_fields = [
        index.SearchField("reason"),
        index.SearchField("decision_number"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.FilterField("list_type"),
        index.FilterField("listed_on"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["-listed_on", "pk"]
        verbose_name = _("信用名录条目")
        verbose_name_plural = _("信用名录条目")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "list_type", "listed_on"],
                name="credit_entry_natural_key",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def title(self):
        if not self.organisation_id:
            return self.get_list_type_display() or ""
        return _("%(name)s 列入%(list)s") % {
            "name": self.organisation.name,
            "list": self.get_list_type_display(),
        }

    @property
    def is_current(self):
        """Still on the list: a removal leaves the list, not the record."""
        return self.removed_on is None

    # -- validation ----------------------------------------------------------------

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        self._check_removal(errors)
        self._check_not_future(errors)
        if errors:
            raise ValidationError(errors)

    def _check_removal(self, errors):
        filled = [name for name in REMOVAL_FIELDS if getattr(self, name)]
        if filled and len(filled) < len(REMOVAL_FIELDS):
            missing = [name for name in REMOVAL_FIELDS if name not in filled]
            labels = "、".join(
                str(self._meta.get_field(name).verbose_name) for name in missing
            )
            for name in missing:
                errors.setdefault(name, []).append(
                    _("移出信息须完整填写，尚缺：%(fields)s") % {"fields": labels}
                )
        if self.removed_on and self.listed_on and self.removed_on < self.listed_on:
            errors.setdefault("removed_on", []).append(
                _("移出日期%(removed)s早于列入日期%(listed)s")
                % {"removed": self.removed_on, "listed": self.listed_on}
            )

    def _check_not_future(self, errors):
        today = timezone.localdate()
        for name in ("listed_on", "removed_on"):
            day = getattr(self, name)
            if day and day > today:
                errors.setdefault(name, []).append(
                    _("%(field)s%(day)s晚于今天，不能登记尚未发生的决定")
                    % {"field": self._meta.get_field(name).verbose_name, "day": day}
                )

    def unique_error_message(self, model_class, unique_check):
        if tuple(unique_check) == ("organisation", "list_type", "listed_on"):
            return ValidationError(
                _("%(name)s已有%(day)s列入%(list)s的记录，同一列入事件不能重复登记")
                % {
                    "name": self.organisation.name,
                    "day": self.listed_on,
                    "list": self.get_list_type_display(),
                },
                code="unique",
            )
        return super().unique_error_message(model_class, unique_check)

    # -- editors' reminders (../shared/docs/DOMAIN.md C; not shown to the public) --

    @property
    def deadlines(self):
        if not self.listed_on or not self.is_current:
            return []
        if self.list_type == ListType.ABNORMAL:
            return [
                Deadline(
                    _("无需整改的，满6个月可自动移出"),
                    add_months(self.listed_on, 6),
                    _("需整改的，履行义务或完成整改后申请移出，核实后5个工作日内移出"),
                ),
                Deadline(
                    _("列入满2年，审查是否列入严重违法失信名单"),
                    add_years(self.listed_on, 2),
                ),
            ]
        if self.list_type == ListType.SERIOUS:
            return [
                Deadline(
                    _("列入满2年且无新的列入情形，可申请移出"),
                    add_years(self.listed_on, 2),
                    _(
                        "因吊销、撤销列入的，办结注销后移出；由活动异常名录转入的，还须履行相关义务"
                    ),
                )
            ]
        return []

    @property
    def next_deadline(self):
        today = timezone.localdate()
        upcoming = [d for d in self.deadlines if not d.is_reached(today)]
        return upcoming[0].day if upcoming else None

    # -- disclosure hooks (see content_models.disclosure.metadata) --------------------

    def public_text(self):
        parts = [self.reason, self.legal_basis, self.removal_reason]
        return " ".join(part for part in parts if part)

    def public_region(self):
        return self.organisation.region if self.organisation_id else None

    def public_url(self):
        from .pages import section_url

        return section_url("entry", self.pk)

    def public_list_type(self):
        return self.list_type
