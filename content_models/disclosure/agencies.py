from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from .english_names import EnglishName
from .identifiers import normalise_credit_code, validate_credit_code


class Agency(EnglishName):
    """A 发布机构 (issuing agency).

    Its code gives the 前段码 of every 索引号 it issues.
    """

    name = models.CharField(_("机构名称"), max_length=100, unique=True)
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在区划"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("credit_code"),
        FieldPanel("region"),
        FieldPanel("address"),
        FieldPanel("office_hours"),
        FieldPanel("phone"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("发布机构")
        verbose_name_plural = _("发布机构")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.credit_code = normalise_credit_code(self.credit_code)
        super().save(*args, **kwargs)

    @property
    def org_code(self):
        """组织机构代码 (GB 11714): characters 9–17 of the 统一社会信用代码."""
        return self.credit_code[8:17]
