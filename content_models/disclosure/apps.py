from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "content_models.disclosure"
    label = "disclosure"
    verbose_name = _("政府信息公开")
