"""Feeds, in the page's language (inside ``i18n_patterns``: /feeds/… and
/en/feeds/…)."""

from django.urls import path

from .feeds import PublicAtom, PublicRss

urlpatterns = []
for scope, prefix in [
    ("all", "feeds/"),
    ("section", "feeds/section/<str:key>/"),
    ("region", "feeds/region/<str:key>/"),
    ("genre", "feeds/genre/<str:key>/"),
]:
    urlpatterns += [
        path(f"{prefix}rss.xml", PublicRss(scope), name=f"feed-{scope}-rss"),
        path(f"{prefix}atom.xml", PublicAtom(scope), name=f"feed-{scope}-atom"),
    ]
