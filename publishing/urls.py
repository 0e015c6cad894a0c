"""The public ledger's addresses, in two groups like search's: the pages are translated
(inside ``i18n_patterns``: /ledger/ and /en/ledger/), the API is not."""

from django.urls import path

from . import views

pages = (
    [
        path("ledger/", views.ledger_page, name="page"),
        path("ledger/versions/<int:seq>/", views.version_page, name="version"),
    ],
    "ledger",
)

api = (
    [
        path("api/v1/ledger", views.ledger_api, name="list"),
        path("api/v1/ledger/<int:seq>", views.ledger_entry_api, name="entry"),
    ],
    "ledger_api",
)
