"""The last line of the privacy rule: every public HTML page leaves masked.

Publication through review refuses unmasked personal numbers (publishing/guards), and
every reader of public records masks them (``as_public_record``). A page, though, is
drawn from its model's fields: text written behind Wagtail's back (a shell, a data
migration, an edit of the database) would reach it unmasked. So public HTML passes
``mask_personal_data`` once on its way out, keeping the numbers reviewers recorded
as not personal data for the item the page shows (``record`` or else ``page``).
The admin is left alone: editors must see what they are to mask.
"""

from django.urls import reverse

from .privacy import kept_numbers, mask_personal_data, may_hold_personal_data
from .public import item_key


class MaskPersonalDataMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
            or request.path.startswith(self._admin_prefix())
        ):
            return response
        text = response.content.decode(response.charset)
        if may_hold_personal_data(text):
            key = getattr(response, "masked_item_key", None)
            keep = kept_numbers(key) if key else ()
            response.content = mask_personal_data(text, keep).encode(response.charset)
        return response

    def process_template_response(self, request, response):
        context = response.context_data or {}
        item = context.get("record") or context.get("page")
        if getattr(item, "pk", None) is not None:
            response.masked_item_key = item_key(item)
        return response

    def _admin_prefix(self):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        return self.admin_prefix
