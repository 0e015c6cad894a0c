"""The admin side of the guards: the 一键打码 button's view, and showing the problems
of a blocked publication to the editor instead of an error page."""

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page

from content_models.disclosure.metadata import DisclosureMetadata
from content_models.disclosure.publication import PublicationBlocked

from ..masking import mask_item


def mask_url(item):
    return reverse(
        "publishing_mask",
        args=(item._meta.app_label, item._meta.model_name, item.pk),
    )


def can_edit(user, item):
    """The user may change the item now: edit permission and no lock against them."""
    if isinstance(item, Page):
        permissions = item.permissions_for_user(user)
        return permissions.can_edit() and not permissions.page_locked()
    viewset = getattr(item, "snippet_viewset", None)
    if (
        viewset is None
        or not viewset.permission_policy.user_has_permission_for_instance(
            user, "change", item
        )
    ):
        return False
    lock = item.get_lock() if hasattr(item, "get_lock") else None
    return not (lock and lock.for_user(user))


@require_POST
def mask_view(request, app_label, model_name, pk):
    item = _item_or_404(app_label, model_name, pk)
    if not can_edit(request.user, item):
        # A plain 403, not Wagtail's redirect to the dashboard: nothing was changed.
        return HttpResponseForbidden(gettext("你没有编辑该信息的权限"))
    count = mask_item(item, user=request.user)
    if count:
        messages.success(
            request,
            gettext("已对最近保存的草稿打码%(count)s处，并保存为新草稿；请检查后再提交")
            % {"count": count},
        )
    else:
        messages.info(request, gettext("最近保存的草稿中没有需要打码的号码"))
    return redirect(AdminURLFinder(request.user).get_edit_url(item))


def _item_or_404(app_label, model_name, pk):
    """A published item (page or record) with revisions, or 404."""
    try:
        model = apps.get_model(app_label, model_name)
        item = model._default_manager.filter(pk=pk).first()
    except (LookupError, ValueError, ValidationError):
        raise Http404 from None
    if not isinstance(item, DisclosureMetadata):
        raise Http404
    return item


class PublicationBlockedMiddleware:
    """A publication stopped by a guard, in the admin, becomes messages on the page
    the editor came from — whichever way it was published (publish button, workflow
    approval). The draft revision saved before the publish step stays."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PublicationBlocked):
            return None
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        return blocked_response(request, exception.problems, _back_url(request))


def blocked_response(request, problems, back):
    messages.error(request, gettext("未能发布：发布前检查发现以下问题，请修改后再发布"))
    for problem in problems:
        messages.error(request, str(problem))
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        # Wagtail's workflow modals expect JSON and follow "redirect".
        return JsonResponse({"step": "success", "redirect": back})
    return redirect(back)


def _back_url(request):
    referer = request.headers.get("referer", "")
    if (
        request.method == "POST"
        and referer
        and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()})
    ):
        return referer
    return request.get_full_path()
