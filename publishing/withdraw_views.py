"""The admin's 撤回 form: asks for the reason, then withdraws
(publishing/withdrawals.py)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from .item_views import ItemReasonView, item_action_url, reason_form
from .withdrawals import can_withdraw, withdraw, withdrawable


def withdraw_url(item):
    """The admin address of the 撤回 form for ``item``."""
    return item_action_url("publishing_withdraw", item)


class WithdrawView(ItemReasonView):
    form_class = reason_form(
        _("撤回理由"), _("理由将随撤回公告公开显示，并写入公开台账")
    )
    template_name = "publishing/admin/withdraw.html"
    page_title = _("撤回")

    def applies(self, item):
        return withdrawable(item)

    def allowed(self, user, item):
        return can_withdraw(user, item)

    def get_page_subtitle(self):
        return str(self.item.title)

    def form_valid(self, form):
        withdraw(self.item, form.cleaned_data["reason"], self.request.user)
        messages.success(
            self.request,
            _("“%(title)s”已撤回，原网址显示撤回公告") % {"title": self.item.title},
        )
        return redirect(self.back_url())
