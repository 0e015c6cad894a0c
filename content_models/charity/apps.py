from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CharityConfig(AppConfig):
    name = "content_models.charity"
    label = "charity"
    verbose_name = _("慈善信息公开")
