"""The admin side of emergency publication: the 紧急发布 form (a reason is required)
and the retrospective review list (报告 → 紧急发布复核)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from content_models.disclosure.publication import PublicationBlocked, report_blocked

from .emergency import (
    EmergencyPublication,
    awaiting_review,
    can_publish_in_emergency,
    confirm,
    emergency_publish,
)
from .guards.views import blocked_response
from .item_views import ItemReasonView, item_action_url, reason_form


def emergency_url(item):
    return item_action_url("publishing_emergency", item)


class EmergencyPublishView(ItemReasonView):
    form_class = reason_form(
        _("紧急发布理由"),
        _("理由将显示在该信息的公开记录和公开台账中，并列入事后复核清单"),
    )
    template_name = "publishing/admin/emergency.html"
    page_title = _("紧急发布")

    def allowed(self, user, item):
        return can_publish_in_emergency(user)

    def form_valid(self, form):
        try:
            emergency_publish(self.item, self.request.user, form.cleaned_data["reason"])
        except PublicationBlocked as blocked:
            report_blocked(blocked, self.request.user)
            return blocked_response(self.request, blocked.problems, self.back_url())
        messages.warning(
            self.request,
            _("“%(title)s”已紧急发布（未经审核），已列入事后复核清单")
            % {"title": self.item},
        )
        return redirect(self.back_url())


def can_review_emergencies(user):
    return user.is_active and user.has_perm("publishing.view_emergencypublication")


class EmergencyReviewView(WagtailAdminTemplateMixin, ListView):
    template_name = "publishing/admin/emergency_review.html"
    header_icon = "warning"
    page_title = _("紧急发布复核")
    context_object_name = "publications"

    def dispatch(self, request, *args, **kwargs):
        if not can_review_emergencies(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return EmergencyPublication.objects.select_related(
            "user", "reviewed_by", "revision"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["awaiting"] = awaiting_review().count()
        return context


@require_POST
def confirm_view(request, pk):
    record = get_object_or_404(EmergencyPublication, pk=pk)
    try:
        confirm(record, request.user, request.POST.get("note", ""))
    except PermissionDenied as refusal:
        if not can_review_emergencies(request.user):
            raise
        messages.error(request, str(refusal) or _("无权复核"))
    else:
        messages.success(request, _("已复核：“%(title)s”") % {"title": record.title})
    return redirect("publishing_emergency_review")
