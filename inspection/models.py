"""What the self-inspection keeps: the kind of each column staff have set, and the
link checker's runs and the broken links each found."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .rules import ColumnKind


class ColumnSetting(models.Model):
    """A column's kind when its page type's default is wrong (a 动态 column made
    from the generic 文件栏目, say): it decides which update window applies."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("栏目"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("栏目类别"), max_length=10, choices=ColumnKind.choices)

    class Meta:
        verbose_name = _("栏目类别")
        verbose_name_plural = _("栏目类别")

    def __str__(self):
        return f"{self.page.title}: {self.get_kind_display()}"


class LinkCheckRun(models.Model):
    """One run of ``check_links``; the dashboard reads the latest finished one."""

    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    links_found = models.PositiveIntegerField(_("发现链接数"), default=0)
    links_checked = models.PositiveIntegerField(_("检查链接数"), default=0)
    # More links than the run's bound: the rest wait for the next run.
    truncated = models.BooleanField(_("未检查完"), default=False)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("链接检查")
        verbose_name_plural = _("链接检查")
        permissions = [("view_inspection", _("查看网站自查"))]


class BrokenLink(models.Model):
    """A link that did not work, with the page or record it is on as it was at the
    run (a snapshot: the next run replaces it)."""

    run = models.ForeignKey(
        LinkCheckRun, on_delete=models.CASCADE, related_name="broken_links"
    )
    source = models.CharField(_("所在页面或记录"), max_length=100)  # item_key
    source_title = models.CharField(_("标题"), max_length=255)
    fix_url = models.CharField(_("修改地址"), max_length=255, blank=True)
    url = models.CharField(_("链接"), max_length=2000)
    internal = models.BooleanField(_("站内链接"))
    status = models.PositiveIntegerField(_("状态码"), null=True, blank=True)
    error = models.CharField(_("问题"), max_length=200)

    class Meta:
        ordering = ["source", "url"]
        verbose_name = _("失效链接")
        verbose_name_plural = _("失效链接")
