from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("站内搜索")

    def ready(self):
        from . import signals  # noqa: F401 (connects the index updates)
