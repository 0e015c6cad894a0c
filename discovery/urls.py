"""Addresses without a language: robots.txt, the sitemap and the share QR code."""

from django.urls import path

from . import views

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap-index"),
    path("sitemap-<str:section>.xml", views.sitemap_section, name="sitemap-section"),
    path("share/qr.svg", views.share_qr, name="share-qr"),
]
