"""Withdrawals (撤回) that stay visible.

Withdrawing takes an item off the site with Wagtail's own unpublish (so search drops it
and the ledger records it) and keeps a ``Withdrawal`` row: the address the public knew,
what stood there and why it went. The public middleware answers that address with a
410 notice instead of a bare 404 (publishing/middleware.py).
"""

from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.actions.unpublish import UnpublishAction
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.permissions import policy_registry

from content_models.disclosure import announcements
from content_models.disclosure.metadata import DisclosureMetadata
from content_models.disclosure.public import is_public, item_key

WITHDRAW_ACTION = "publishing.withdraw"


class Withdrawal(models.Model):
    item_key = models.CharField(_("信息标识"), max_length=100, db_index=True)
    # The path as the public reached it ("/en/..." for an English page).
    path = models.CharField(_("网址路径"), max_length=500, db_index=True)
    # Records are not translated: each language's section shows them under its own
    # prefix, so the notice answers at every prefix (pages: only the path served).
    all_languages = models.BooleanField(_("各语言网址均适用"), default=False)
    title = models.CharField(_("名称"), max_length=500)
    index_number = models.CharField(_("索引号"), max_length=64, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), default=timezone.now)
    reason = models.TextField(_("撤回理由"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-withdrawn_at", "-pk"]
        verbose_name = _("撤回记录")
        verbose_name_plural = _("撤回记录")
        default_permissions = ()
        # The audit report's permission lives here: publishing has no other model an
        # administrator would grant it on.
        permissions = [("view_audit_report", _("查看审计日志"))]

    def __str__(self):
        return f"{self.index_number} {self.title}"

    def item(self):
        """The withdrawn item, or None if it has been deleted since."""
        label, _sep, pk = self.item_key.rpartition(":")
        try:
            model = apps.get_model(label)
        except LookupError:
            return None
        return model._default_manager.filter(pk=pk).first()

    def still_withdrawn(self):
        """False once the item was published again: the notice goes, and does not
        come back if the item is later only unpublished."""
        item = self.item()
        if item is None:
            return True
        published = getattr(item, "last_published_at", None)
        republished = published is not None and published > self.withdrawn_at
        return not republished and not is_public(item)


def withdrawable(item):
    """Only live published items (pages or records with disclosure metadata)."""
    item = item.specific if isinstance(item, Page) else item
    return isinstance(item, DisclosureMetadata) and is_public(item)


def can_withdraw(user, item):
    """Whoever may unpublish the item may withdraw it."""
    if isinstance(item, Page):
        return item.permissions_for_user(user).can_unpublish()
    return policy_registry.get(item).user_has_permission_for_instance(
        user, "publish", item
    )


def public_path(item):
    """The path the public reaches the item at, decoded as ``request.path`` is (the
    host is dropped: one site)."""
    return unquote(urlsplit(item.as_public_record().url or "").path)


def withdraw(item, reason, user):
    """Take ``item`` off the site, leaving a public notice; one transaction."""
    item = item.specific if isinstance(item, Page) else item
    reason = reason.strip()
    if not reason:
        raise ValueError("a withdrawal needs a reason")
    if not withdrawable(item):
        raise ValueError(f"{item_key(item)} is not public")
    if user is not None and not can_withdraw(user, item):
        raise PermissionDenied
    with transaction.atomic(), announcements.batch() as announcement:
        withdrawal = _record(item, reason, user)
        # The unpublish announces the withdrawal; the ledger entry carries the reason.
        announcement.note(item, reason)
        _unpublish(item, user)
        log(item, WITHDRAW_ACTION, user=user, data={"reason": reason})
    return withdrawal


def _record(item, reason, user):
    record = item.as_public_record()
    return Withdrawal.objects.create(
        item_key=item_key(item),
        path=public_path(item),
        all_languages=not isinstance(item, Page),
        title=record.title,
        index_number=record.index_number,
        reason=reason,
        user=user,
    )


def _unpublish(item, user):
    # The "publishing.withdraw" log entry (with the reason) stands for the unpublish,
    # so Wagtail's own "wagtail.unpublish" entry would only repeat it.
    if isinstance(item, Page):
        item.unpublish(user=user, log_action=False)
    else:
        UnpublishAction(item, user=user, log_action=False).execute()


def notice_for(path):
    """The withdrawal to announce at ``path``, or None."""
    found = _latest(Withdrawal.objects.filter(path=path))
    if found is None:
        bare = _without_language_prefix(path)
        if bare != path:
            found = _latest(Withdrawal.objects.filter(path=bare, all_languages=True))
    return found


def _latest(withdrawals):
    latest = withdrawals.order_by("-withdrawn_at", "-pk").first()
    return latest if latest and latest.still_withdrawn() else None


def _without_language_prefix(path):
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path
