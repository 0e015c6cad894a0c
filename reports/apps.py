from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The annual reports generated from what the portal recorded: the
    政府信息公开工作年度报告 (国办公开办函〔2021〕30号) and the 政府网站工作年度报表.

    Each report is a page under the 信息公开年报 section, reviewed and published like
    every page; its figures are counted when staff generate them and frozen into the
    page, and every figure links to the list of what it counts (``measures.py``)."""

    name = "reports"
    verbose_name = _("年度报告")
