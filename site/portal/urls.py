from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from opendata import urls as opendata_urls
from publishing import urls as ledger_urls
from search import urls as search_urls

from . import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),  # monitoring; no language
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The search API has one address for every language (its ``lang`` parameter).
    path("", include(search_urls.api)),
    path("", include(ledger_urls.api)),
    # Open data files and the read API (after search and ledger: /api/v1/<dataset>).
    path("", include(opendata_urls.files)),
    path("", include(opendata_urls.api)),
    path("", include("discovery.urls")),  # sitemap.xml, robots.txt, share QR
    path("", include("themes.urls")),  # care mode, favicon
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Chinese at "/", English at "/en/" (prefix_default_language=False).
urlpatterns += i18n_patterns(
    path("", include(search_urls.pages)),  # before Wagtail's catch-all page route
    path("", include(ledger_urls.pages)),
    path("", include(opendata_urls.pages)),
    path("", include("clocks.urls")),  # 依申请公开: form and status page
    path("", include("discovery.urls_i18n")),  # feeds in the page's language
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
