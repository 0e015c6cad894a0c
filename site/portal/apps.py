from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal wiring"

    def ready(self):
        from .admin_chinese import name_in_chinese, relabel_upstream

        # Chinese names for what migrate writes in English (permissions, Wagtail's
        # seeds), once the last app is migrated; labels Wagtail builds in English.
        post_migrate.connect(name_in_chinese, dispatch_uid="portal.name_in_chinese")
        relabel_upstream()
