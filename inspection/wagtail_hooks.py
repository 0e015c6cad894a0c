"""Admin wiring: the dashboard's address and menu item, and the column kinds staff
may set."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import InspectionView
from .models import ColumnSetting
from .roles import can_inspect


@hooks.register("register_admin_urls")
def register_inspection_urls():
    return [path("inspection/", InspectionView.as_view(), name="inspection_dashboard")]


class InspectionMenuItem(MenuItem):
    def is_shown(self, request):
        return can_inspect(request.user)


@hooks.register("register_admin_menu_item")
def register_inspection_menu_item():
    return InspectionMenuItem(
        _("网站自查"), reverse("inspection_dashboard"), icon_name="warning", order=360
    )


class ColumnSettingViewSet(ModelViewSet):
    model = ColumnSetting
    icon = "list-ul"
    menu_label = _("栏目类别")
    add_to_settings_menu = True
    form_fields = ["page", "kind"]
    list_display = ["page", "kind"]


@hooks.register("register_admin_viewset")
def register_column_settings():
    return ColumnSettingViewSet("inspection_columns")
