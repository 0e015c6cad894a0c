"""Admin entry for importing registry records from CSV/XLSX (superusers only)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from imports.records import admin_views

urlpatterns = [
    path("", admin_views.upload, name="upload"),
    path("confirm/<str:token>/", admin_views.confirm, name="confirm"),
    path("submit/<str:token>/", admin_views.submit, name="submit"),
    path("template/<str:kind>.<str:fmt>", admin_views.template, name="template"),
]


@hooks.register("register_admin_urls")
def register_import_records_urls():
    return [
        path("import-records/", include((urlpatterns, "import_records"))),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_records_menu_item():
    return ImportMenuItem(
        _("导入登记数据"),
        reverse("import_records:upload"),
        name="import-records",
        icon_name="upload",
        order=9000,
    )
