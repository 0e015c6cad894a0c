"""Withdrawn addresses answer 410 Gone with a notice, not a bare 404.

Wagtail answers 404 for a page that is no longer live, and the record routes of the
section pages (credit, charity) answer 404 for a record that is no longer public; this
middleware turns such a 404 into the withdrawal notice when the address was withdrawn.
"""

from django.template.response import TemplateResponse

from .withdrawals import notice_for


class WithdrawalNoticeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        withdrawal = notice_for(request.path)
        if withdrawal is None:
            return response
        notice = TemplateResponse(
            request,
            "publishing/withdrawn.html",
            {"withdrawal": withdrawal},
            status=410,
        )
        notice["X-Robots-Tag"] = "noindex"
        return notice.render()
