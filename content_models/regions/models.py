from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .codes import (
    DISTRICT,
    TOWN,
    VILLAGE,
    descendant_prefix,
    level_of,
    parent_prefix,
    validate_region_code,
)


class RegionQuerySet(models.QuerySet):
    def by_code(self, code):
        """The one way to look a region up by its 统计用区划代码."""
        return self.get(code=code)

    def within(self, region):
        """The region and everything below it, found by code prefix (no tree walk)."""
        return self.filter(code__startswith=descendant_prefix(region.code))

    def of_level(self, level):
        if level == DISTRICT:
            return self.filter(code__endswith="000000")
        if level == TOWN:
            return self.filter(code__endswith="000").exclude(code__endswith="000000")
        return self.exclude(code__endswith="000")


class Region(index.Indexed, models.Model):
    """District → town/subdistrict (镇/街道/苏木) → village/community (村/社区/嘎查).

    Used for navigation, editors' permissions and search facets.
    """

    class Kind(models.TextChoices):
        DISTRICT = "区", _("区")
        COUNTY = "县", _("县")
        BANNER = "旗", _("旗")
        CITY = "市", _("县级市")
        TOWN = "镇", _("镇")
        TOWNSHIP = "乡", _("乡")
        SUBDISTRICT = "街道", _("街道")
        SUMU = "苏木", _("苏木")
        VILLAGE = "村", _("村")
        COMMUNITY = "社区", _("社区")
        GACHA = "嘎查", _("嘎查")

    KINDS_BY_LEVEL = {
        DISTRICT: {Kind.DISTRICT, Kind.COUNTY, Kind.BANNER, Kind.CITY},
        TOWN: {Kind.TOWN, Kind.TOWNSHIP, Kind.SUBDISTRICT, Kind.SUMU},
        VILLAGE: {Kind.VILLAGE, Kind.COMMUNITY, Kind.GACHA},
    }

    code = models.CharField(
        _("统计用区划代码"),
        max_length=12,
        unique=True,
        validators=[validate_region_code],
    )
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=4, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级区划"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    objects = RegionQuerySet.as_manager()

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("parent"),
    ]
    search_fields = [index.SearchField("name"), index.FilterField("code")]

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")

    def __str__(self):
        return self.name

    @property
    def level(self):
        return level_of(self.code)

    @property
    def full_name(self):
        """Town and village names joined for display, e.g. 青山镇红旗村."""
        return "".join(
            r.name for r in self.ancestors(include_self=True) if r.level != DISTRICT
        )

    def ancestors(self, include_self=False):
        chain, node = [], self if include_self else self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def clean(self):
        try:
            validate_region_code(self.code)
        except ValidationError as error:
            raise ValidationError({"code": error}) from None
        errors = {}
        if self.kind and self.kind not in self.KINDS_BY_LEVEL[self.level]:
            errors["kind"] = _(
                "代码%(code)s是%(level)s级代码，与类型“%(kind)s”不符"
            ) % {
                "code": self.code,
                "level": self.get_level_display(),
                "kind": self.kind,
            }
        if self.level == DISTRICT:
            if self.parent_id:
                errors["parent"] = _("区县是区划树的顶层，不能有上级区划")
        elif self.parent is None:
            errors["parent"] = _("乡镇和村（社区）必须有上级区划")
        elif self.parent.level != self.level - 1 or not self.parent.code.startswith(
            parent_prefix(self.code)
        ):
            errors["parent"] = _(
                "代码%(code)s不属于上级区划%(parent)s（%(parent_code)s）"
            ) % {
                "code": self.code,
                "parent": self.parent.name,
                "parent_code": self.parent.code,
            }
        if errors:
            raise ValidationError(errors)

    def get_level_display(self):
        return {DISTRICT: _("区县"), TOWN: _("乡镇（街道）"), VILLAGE: _("村（社区）")}[
            self.level
        ]
