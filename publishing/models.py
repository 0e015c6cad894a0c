from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LedgerAction(models.TextChoices):
    PUBLISH = "publish", _("发布")
    CORRECTION = "correction", _("更正")
    # A noun here, where the admin's 撤回 button is a verb.
    WITHDRAWAL = "withdrawal", pgettext_lazy("台账操作", "撤回")


class LedgerEntry(models.Model):
    """One link of the public hash chain (publishing/ledger.py says how it is
    computed). Rows are only ever appended."""

    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    action = models.CharField(_("操作"), max_length=16, choices=LedgerAction.choices)
    item_key = models.CharField(_("信息标识"), max_length=100, db_index=True)
    item_type = models.CharField(_("信息类型"), max_length=40)
    index_number = models.CharField(_("索引号"), max_length=64)
    title = models.CharField(_("名称"), max_length=500)
    url = models.CharField(_("网址"), max_length=500, blank=True)
    time = models.DateTimeField(_("时间"))
    note = models.TextField(_("说明"), blank=True)  # change note or withdrawal reason
    # Published by an emergency publication, without review (publishing/emergency.py).
    emergency = models.BooleanField(_("紧急发布"), default=False)
    # Exactly what became public, as the canonical JSON that was hashed (empty for a
    # withdrawal: nothing is public any more).
    snapshot = models.TextField(_("公开内容快照"), blank=True)
    content_sha256 = models.CharField(_("内容哈希"), max_length=64)
    prev_hash = models.CharField(_("前一条哈希"), max_length=64)
    hash = models.CharField(_("本条哈希"), max_length=64, unique=True)

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("公开台账条目")
        verbose_name_plural = _("公开台账")

    def __str__(self):
        return f"#{self.seq} {self.get_action_display()} {self.index_number}"


# Models of the other publishing modules, so that Django finds them in this app.
from .emergency import EmergencyPublication  # noqa: E402, F401
from .guard_models import AllowedDomain  # noqa: E402, F401
from .tasks_models import FourEyesApprovalTask  # noqa: E402, F401
from .withdrawals import Withdrawal  # noqa: E402, F401
