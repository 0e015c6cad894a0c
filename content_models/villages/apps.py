from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagesConfig(AppConfig):
    name = "content_models.villages"
    label = "villages"
    verbose_name = _("村务居务公开")

    def ready(self):
        from content_models.disclosure.publication import register_check

        from .required import required_content_check

        # Every path to publication passes the checks, not only the admin form.
        register_check(required_content_check)
