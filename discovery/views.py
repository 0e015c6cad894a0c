"""robots.txt, the sitemap views and the share QR code."""

import io
from urllib.parse import urlsplit

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

import segno

from .sitemaps import sitemaps

# Crawlers may read everything public; the admin is not for them, and search and the
# read APIs answer every query afresh (they are rate limited, and search pages are
# noindex anyway).
DISALLOWED = ["/admin/", "/api/", "/search/", "/en/search/", "/share/"]
DAY = 24 * 60 * 60
LONGEST_URL = 1000  # characters: a QR code of this stays scannable from a screen


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED)]
    lines.append("Allow: /")
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap-index'))}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
    patch_cache_control(response, public=True, max_age=DAY)
    return response


@require_GET
def sitemap_index(request):
    return sitemap_views.index(
        request,
        sitemaps(request),
        template_name="discovery/sitemap_index.xml",
        sitemap_url_name="sitemap-section",
    )


@require_GET
def sitemap_section(request, section):
    return sitemap_views.sitemap(
        request,
        sitemaps(request),
        section=section,
        template_name="discovery/sitemap.xml",
    )


def qr_svg(url):
    """The QR code of ``url`` as an SVG document (segno, drawn on the server)."""
    buffer = io.BytesIO()
    # White quiet zone of four modules (the standard's), scaled by the page (viewBox).
    code = segno.make(url, error="m", micro=False)
    code.save(
        buffer,
        kind="svg",
        scale=4,
        border=4,
        light="#fff",
        xmldecl=False,
        omitsize=True,
    )
    return buffer.getvalue()


def own_url(request, url):
    """Whether ``url`` is an http(s) address on this site (the host asked for)."""
    if not url or len(url) > LONGEST_URL:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and not parts.username
        and not parts.password
        and parts.netloc.lower() == request.get_host().lower()
    )


@require_GET
def share_qr(request):
    """/share/qr.svg?url=…: the QR code of one of this site's own addresses; any
    other address is refused, so the site does not draw codes for others."""
    url = request.GET.get("url", "")
    if not own_url(request, url):
        return HttpResponseBadRequest(
            "url must be an address on this site\n", content_type="text/plain"
        )
    response = HttpResponse(qr_svg(url), content_type="image/svg+xml")
    # The code of an address never changes.
    patch_cache_control(response, public=True, max_age=30 * DAY, immutable=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response
