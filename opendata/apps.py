from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    label = "opendata"
    verbose_name = _("开放数据")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import changes  # noqa: F401 (connects the dataset change marks)
