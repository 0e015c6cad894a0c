from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClocksConfig(AppConfig):
    """What the law's deadlines say, and who is late: the working-day calendar, the
    依申请公开 register with its clock (条例 第二十七至三十三条), and reminders.

    Applications are never public records: nothing here is read by search, feeds,
    open data or the ledger, which read only ``content_models.disclosure.public``."""

    name = "clocks"
    verbose_name = _("法定时限")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .roles import ensure_groups

        post_migrate.connect(ensure_groups, sender=self)
