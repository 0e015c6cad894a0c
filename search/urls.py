"""The public search's addresses, in two groups: the page is translated (inside
``i18n_patterns``: /search/ and /en/search/), the API is not (``lang`` parameter)."""

from django.urls import path

from . import views

pages = (
    [path("search/", views.search_page, name="page")],
    "search",
)

api = (
    [
        path("api/v1/search", views.search_api, name="search"),
        path("api/v1/search/suggest", views.suggest_api, name="suggest"),
    ],
    "search_api",
)
