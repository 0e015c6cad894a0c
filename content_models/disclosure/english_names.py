"""Names administrators give in English beside the Chinese one (机构, 分类).

Agencies and categories are shared by every page in every language, so they are not
translated as wagtail-localize objects (a translated page would need a translated
agency, and 索引号 hang on the agency); an English name is a field an administrator
fills in, shown on English pages where it is filled in, the Chinese name elsewhere."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def reads_english(language=None):
    """Whether ``language`` (the active language by default) is English."""
    language = (language or get_language() or settings.LANGUAGE_CODE).lower()
    return language == "en" or language.startswith("en-")


class EnglishName(models.Model):
    name_en = models.CharField(
        _("英文名称"),
        max_length=200,
        blank=True,
        help_text=_("英文页面显示此名称；留空则显示中文名称"),
    )

    class Meta:
        abstract = True

    @property
    def display_name(self):
        """The name in the reader's language."""
        return (reads_english() and self.name_en.strip()) or self.name
