from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscoveryConfig(AppConfig):
    """Feeds, the sitemap, robots.txt and the share QR code: how readers and crawlers
    find what is public. Reads only through ``content_models.disclosure.public``."""

    name = "discovery"
    verbose_name = _("订阅与分享")
