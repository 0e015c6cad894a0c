from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagesConfig(AppConfig):
    name = "content_models.villages"
    label = "villages"
    verbose_name = _("村务居务公开")
