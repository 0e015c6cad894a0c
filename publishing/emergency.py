"""Emergency publication (紧急发布): the one way past review, and never a quiet one.

When something must go out before reviewers can act (a disaster relief notice at
night), a person holding the ``publishing.emergency_publish`` permission publishes the
latest revision with a written reason. The content guards still apply; only the
four-eyes rule is waived. The publication says so on the item's public history and in
the ledger, and stays on the retrospective review list (报告 → 紧急发布复核) until
someone else confirms it afterwards (GOV.UK Whitehall's force-publish works the same).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.models import Page

from content_models.disclosure.public import item_key

EMERGENCY_ACTION = "publishing.emergency_publish"
REVIEWED_ACTION = "publishing.emergency_reviewed"


class EmergencyPublication(models.Model):
    revision = models.OneToOneField(
        "wagtailcore.Revision",
        verbose_name=_("版本"),
        on_delete=models.CASCADE,
        related_name="emergency_publication",
    )
    item_key = models.CharField(_("信息标识"), max_length=100, db_index=True)
    title = models.CharField(_("名称"), max_length=500)
    reason = models.TextField(_("紧急发布理由"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("发布时间"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("复核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("复核时间"), null=True, blank=True)
    review_note = models.TextField(_("复核意见"), blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("紧急发布")
        verbose_name_plural = _("紧急发布")
        default_permissions = ("view",)
        permissions = [("emergency_publish", _("可紧急发布（不经审核）"))]

    def __str__(self):
        return self.title


def is_emergency(revision):
    """The emergency publication of ``revision``, or None."""
    if revision is None or revision.pk is None:
        return None
    return EmergencyPublication.objects.filter(revision=revision).first()


def can_publish_in_emergency(user):
    return user.has_perm("publishing.emergency_publish")


def emergency_publish(item, user, reason):
    """Publish ``item``'s latest revision without review; returns the record.
    Raises PermissionDenied, ValueError (no reason) or PublicationBlocked (the
    content guards), and then writes nothing."""
    item = item.specific if isinstance(item, Page) else item
    reason = (reason or "").strip()
    if not can_publish_in_emergency(user):
        raise PermissionDenied
    if not reason:
        raise ValueError("an emergency publication needs a reason")
    with transaction.atomic():
        revision = item.get_latest_revision() or item.save_revision(user=user)
        record = EmergencyPublication.objects.create(
            revision=revision,
            item_key=item_key(item),
            title=str(item)[:500],
            reason=reason,
            user=user,
        )
        log(item, EMERGENCY_ACTION, user=user, data={"reason": reason})
        revision.publish(user=user, skip_permission_checks=True)
    return record


def awaiting_review():
    return EmergencyPublication.objects.filter(reviewed_at__isnull=True)


def confirm(record, user, note=""):
    """Someone other than the publisher (and the revision's author) confirms an
    emergency publication afterwards."""
    if not user.has_perm("publishing.view_emergencypublication"):
        raise PermissionDenied
    if user.pk in (record.user_id, record.revision.user_id):
        raise PermissionDenied(_("不能复核自己紧急发布或撰写的内容"))
    record.reviewed_by = user
    record.reviewed_at = timezone.now()
    record.review_note = note.strip()
    record.save(update_fields=["reviewed_by", "reviewed_at", "review_note"])
    item = record.revision.content_object
    log(item, REVIEWED_ACTION, user=user, data={"note": record.review_note})
    return record
