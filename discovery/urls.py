"""Feeds, sitemap, robots.txt and the share QR code (no language prefix)."""

urlpatterns = []
