from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from . import text


class PendingUpdate(models.Model):
    """An item whose index entry must be brought up to date: the durable queue.

    Written in the same transaction as the change itself, removed only after the
    engine has taken the update, so an unreachable engine delays updates but never
    loses one. What to do is decided when applying (index it if public, else remove),
    so the order in which changes arrive does not matter.
    """

    key = models.CharField(max_length=100, unique=True)
    queued_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["queued_at", "pk"]
        verbose_name = _("待更新的索引项")
        verbose_name_plural = _("待更新的索引项")

    def __str__(self):
        return self.key


class Rebuild(models.Model):
    """A rebuild in progress: queued updates wait until it has switched indexes, so
    none is applied to the index that is about to be replaced."""

    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("索引重建")
        verbose_name_plural = _("索引重建")


class SynonymGroup(models.Model):
    """Terms the public search treats as the same (低保 = 最低生活保障)."""

    terms = models.CharField(
        _("同义词"),
        max_length=500,
        help_text=_("用逗号或空格分隔，例如：低保，最低生活保障"),
    )

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = _("同义词组")
        verbose_name_plural = _("同义词组")
        ordering = ["pk"]

    def __str__(self):
        return "，".join(self.term_list())

    def term_list(self):
        return list(dict.fromkeys(t for t in text.split_terms(self.terms)))

    def clean(self):
        if len(self.term_list()) < 2:
            raise ValidationError({"terms": _("同义词组至少要有两个词")})
