"""主题分类 and 体裁分类: trees that administrators edit; no national list exists
(../shared/docs/DOMAIN.md A2 marks the full enumeration NOT FOUND), so nothing is
hard-coded."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from .english_names import EnglishName


class Category(EnglishName):
    name = models.CharField(_("名称"), max_length=60)
    code = models.SlugField(_("代码"), max_length=40, unique=True, allow_unicode=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级分类"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("code"),
        FieldPanel("parent"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.path

    @property
    def path(self):
        """Shown the way gov.cn writes it: 综合政务\\政务公开."""
        return f"{self.parent.path}\\{self.name}" if self.parent else self.name

    @property
    def display_path(self):
        """The path in the reader's language."""
        own = self.display_name
        return f"{self.parent.display_path}\\{own}" if self.parent else own

    def clean(self):
        node = self.parent
        while node is not None:
            if node.pk == self.pk:
                raise ValidationError({"parent": _("上级分类不能是本分类或其下级")})
            node = node.parent


class Topic(Category):
    class Meta(Category.Meta):
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")


class Genre(Category):
    class Meta(Category.Meta):
        verbose_name = _("体裁分类")
        verbose_name_plural = _("体裁分类")
