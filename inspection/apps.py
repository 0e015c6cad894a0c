from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class InspectionConfig(AppConfig):
    name = "inspection"
    verbose_name = _("网站自查")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .roles import ensure_permissions

        post_migrate.connect(ensure_permissions, sender=self)
