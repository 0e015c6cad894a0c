from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    label = "publishing"
    verbose_name = _("发布与审核")

    def ready(self):
        from . import (
            guards,  # noqa: F401 (registers the pre-publish guards)
            signals,  # noqa: F401 (records publications in the ledger)
        )
