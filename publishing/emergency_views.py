"""The admin side of emergency publication: the 紧急发布 form (a reason is required)
and the retrospective review list (报告 → 紧急发布复核)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, ListView

from wagtail.admin.admin_url_finder import AdminURLFinder
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
from .withdraw_views import find_item


class EmergencyForm(forms.Form):
    reason = forms.CharField(
        label=_("紧急发布理由"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("理由将显示在该信息的公开记录和公开台账中，并列入事后复核清单"),
    )


def emergency_url(item):
    opts = item._meta
    return reverse(
        "publishing_emergency", args=[opts.app_label, opts.model_name, str(item.pk)]
    )


class EmergencyPublishView(WagtailAdminTemplateMixin, FormView):
    form_class = EmergencyForm
    template_name = "publishing/admin/emergency.html"
    header_icon = "warning"

    def dispatch(self, request, app_label, model_name, pk):
        self.item = find_item(app_label, model_name, pk)
        if not can_publish_in_emergency(request.user):
            raise PermissionDenied
        return super().dispatch(request)

    def get_page_title(self):
        return _("紧急发布")

    def get_page_subtitle(self):
        return str(self.item)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        context["back_url"] = self.back_url()
        return context

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

    def back_url(self):
        return AdminURLFinder(self.request.user).get_edit_url(self.item) or reverse(
            "wagtailadmin_home"
        )


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
