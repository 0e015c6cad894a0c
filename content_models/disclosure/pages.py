"""The pages every site has: the home page and plain disclosure documents
(通知、政策文件)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index

from .metadata import DisclosureMetadata, edit_handler_with_metadata
from .paging import page_of
from .public import disclosure_models, public_items, public_record
from .publication import GuardedPublication


class SectionPage(GuardedPublication, Page):
    """A home, section or index page: not a disclosure item of its own, but public
    text (its title and 导语) that is guarded before it goes live and recorded in the
    ledger like everything else the public sees."""

    record_kind = "section"
    public_related = ()
    # What the home page shows of this section beyond its link: the template that
    # prints ``home_summary()`` (None: a link only). Each family fills its own, so
    # the home page needs to know none of them.
    home_template = None

    class Meta:
        abstract = True

    def home_summary(self):
        return None

    def public_text(self):
        return getattr(self, "intro", "")

    def public_dependents(self):
        """Items whose public record this page's address or title changes (records
        shown at routes of a section page)."""
        return []

    def as_public_record(self):
        return public_record(
            self,
            kind=self.record_kind,
            title=self.title,
            text=self.public_text(),
            url=self.url or "",
            index_number="",
            agency="",
            region_code=None,
            published_on=None,
            written_on=None,
            period=None,
        )


class DisclosurePage(GuardedPublication, DisclosureMetadata, Page):
    """A page that is a published item: Wagtail page plus the disclosure metadata."""

    record_kind = "page"

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("document_number"),
        index.SearchField("keywords"),
        index.FilterField("index_number"),
        index.FilterField("locale"),
    ]

    class Meta:
        abstract = True


def page_edit_handler(content_panels):
    """Tabs for a DisclosurePage: 内容, 公开信息, then promote and settings."""
    return edit_handler_with_metadata(
        content_panels,
        ObjectList(Page.promote_panels, heading=_("推广")),
        ObjectList(Page.settings_panels, heading=_("设置"), classname="settings"),
    )


class HomePage(SectionPage):
    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().in_menu().specific()
        context["latest"] = self.latest_documents()
        return context

    def latest_documents(self, count=8):
        """The newest public documents anywhere under the home page: notices, plans,
        disclosures; never a section or column page."""
        documents = [m for m in disclosure_models() if issubclass(m, Page)]
        return (
            public_items(Page)
            .descendant_of(self)
            .type(*documents)
            .exclude(first_published_at=None)
            .order_by("-first_published_at")
            .specific()[:count]
        )


class ArticleIndexPage(SectionPage):
    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["disclosure.HomePage"]
    subpage_types = ["disclosure.ArticlePage"]

    home_template = "disclosure/includes/home_notices.html"

    class Meta:
        verbose_name = _("文件栏目")

    def articles(self):
        return public_items(ArticlePage).child_of(self).order_by("-published_on")

    def home_summary(self):
        articles = list(self.articles()[:5])
        return {"articles": articles} if articles else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = page_of(request, self.articles())
        return context


class ArticlePage(DisclosurePage):
    """通知、公告、政策文件: a document with its metadata, text and attachments."""

    record_kind = "article"

    body = RichTextField(_("正文"), features=["h2", "h3", "bold", "ol", "ul", "link"])

    content_panels = Page.content_panels + [
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("附件"), label=_("附件")),
    ]
    edit_handler = page_edit_handler(content_panels)
    search_fields = DisclosurePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["disclosure.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("公开文件")
        verbose_name_plural = _("公开文件")

    def public_text(self):
        return get_text_for_indexing(self.body)


class ArticleAttachment(Orderable):
    page = ParentalKey(
        ArticlePage, related_name="attachments", on_delete=models.CASCADE
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("附件"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
