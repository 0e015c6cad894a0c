"""The applicant's pages, inside ``i18n_patterns`` (/requests/… and /en/requests/…)."""

from django.urls import path

from . import views

app_name = "clocks"
urlpatterns = [
    path("requests/", views.apply, name="apply"),
    path("requests/submitted/", views.submitted, name="submitted"),
    path("requests/status/", views.status, name="status"),
    path("requests/documents/<str:token>/", views.attachment, name="attachment"),
]
