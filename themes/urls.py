"""The site shell's own addresses (care mode, favicon), the same in every language."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    re_path(r"^care/(?P<state>on|off)$", views.care_mode, name="care-mode"),
    path("favicon.ico", views.favicon, name="favicon"),
]
