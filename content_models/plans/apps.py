from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "content_models.plans"
    label = "plans"
    verbose_name = _("规划")
