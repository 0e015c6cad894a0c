"""Feeds in the page's language (/ and /en/)."""

urlpatterns = []
