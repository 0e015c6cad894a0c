"""The admin's 撤回 form: asks for the reason, then withdraws
(publishing/withdrawals.py)."""

from django import forms
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from .withdrawals import can_withdraw, withdraw, withdrawable


class WithdrawalForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回理由"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("理由将随撤回公告公开显示，并写入公开台账"),
    )


def withdraw_url(item):
    """The admin address of the 撤回 form for ``item``."""
    opts = item._meta
    return reverse(
        "publishing_withdraw", args=[opts.app_label, opts.model_name, str(item.pk)]
    )


class WithdrawView(WagtailAdminTemplateMixin, FormView):
    form_class = WithdrawalForm
    template_name = "publishing/admin/withdraw.html"
    header_icon = "warning"

    def dispatch(self, request, app_label, model_name, pk):
        self.item = find_item(app_label, model_name, pk)
        if not withdrawable(self.item):
            raise Http404
        if not can_withdraw(request.user, self.item):
            raise PermissionDenied
        return super().dispatch(request)

    def get_page_title(self):
        return _("撤回")

    def get_page_subtitle(self):
        return str(self.item.title)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        context["record"] = self.item.as_public_record()
        context["back_url"] = self.back_url()
        return context

    def form_valid(self, form):
        withdraw(self.item, form.cleaned_data["reason"], self.request.user)
        messages.success(
            self.request,
            _("“%(title)s”已撤回，原网址显示撤回公告") % {"title": self.item.title},
        )
        return redirect(self.back_url())

    def back_url(self):
        return AdminURLFinder(self.request.user).get_edit_url(self.item) or reverse(
            "wagtailadmin_home"
        )


def find_item(app_label, model_name, pk):
    """The page or record an admin URL names; 404 unless its type can be public."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if not hasattr(model, "as_public_record"):
        raise Http404
    item = model._default_manager.filter(pk=pk).first()
    if item is None:
        raise Http404
    return item.specific if isinstance(item, Page) else item
