"""Admin wiring of the 到期与逾期 dashboard (imported by wagtail_hooks.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import duty_views
from .duty_access import can_view_duties


@hooks.register("register_admin_urls")
def register_duty_urls():
    return [
        path(
            "clocks/duties/",
            duty_views.DutiesDashboardView.as_view(),
            name="clocks_duties",
        ),
        path("clocks/duties.csv", duty_views.duties_csv, name="clocks_duties_csv"),
    ]


class DutiesDashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_duties(request.user)


@hooks.register("register_admin_menu_item")
def register_duty_dashboard_menu_item():
    return DutiesDashboardMenuItem(
        _("到期与逾期"), reverse("clocks_duties"), icon_name="time", order=352
    )
