"""The site shell's own views: the 关怀版 switch and the favicon."""

from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

CARE_COOKIE = "portal_care"
CARE_COOKIE_AGE = 365 * 24 * 60 * 60  # remembered for a year, as the reader chose


def care_mode_on(request):
    """Whether the reader chose 关怀版 (the cookie, set by ``care_mode`` below)."""
    return request.COOKIES.get(CARE_COOKIE) == "1"


@require_GET
def care_mode(request, state):
    """Turn 关怀版 on or off and go back where the reader was: a plain link, so the
    switch works without JavaScript. ``next`` must stay on this site (an open redirect
    would let a link on a government address lead anywhere)."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if state == "on":
        response.set_cookie(
            CARE_COOKIE,
            "1",
            max_age=CARE_COOKIE_AGE,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure(),
        )
    else:
        response.delete_cookie(CARE_COOKIE, samesite="Lax")
    return response


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """/favicon.ico, which browsers and crawlers ask for whatever the page links: the
    SVG icon (static() at request time, so a hashed file name is found)."""
    return HttpResponseRedirect(static("themes/favicon.svg"))
