from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreditConfig(AppConfig):
    name = "content_models.credit"
    label = "credit"
    verbose_name = _("社会组织信用")
