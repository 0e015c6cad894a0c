"""The body of a plan as structure, the way plans are printed.

A plan's outline has up to four levels: 第一章 → 第一节 → 一、 → （一）, or, in
plans without chapters, 一、 → （一） → 1. → （1）. Each heading stores its level and
its label as printed, so an importer keeps the original numbering and a reader
sees it unchanged. 专栏 boxes hold numbered items (``1.`` / ``01``) or plain
paragraphs. Indicator tables live as data on the page (indicators.py); the body
only says where each one goes.
"""

from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

# Level 1 is rendered as <h2> (the page title is the <h1>), level 4 as <h5>.
HEADING_LEVELS = [
    ("1", _("一级（如 第一章、一、）")),
    ("2", _("二级（如 第一节、（一））")),
    ("3", _("三级（如 一、、1.）")),
    ("4", _("四级（如 （一）、（1））")),
]


class HeadingBlock(blocks.StructBlock):
    level = blocks.ChoiceBlock(choices=HEADING_LEVELS, default="1", label=_("层级"))
    label = blocks.CharBlock(
        required=False,
        max_length=20,
        label=_("序号"),
        help_text=_("如 第一章、第一节、一、、（一）、1."),
    )
    title = blocks.CharBlock(max_length=200, label=_("标题"))

    class Meta:
        icon = "title"
        label = _("标题")


class BoxItemBlock(blocks.StructBlock):
    label = blocks.CharBlock(required=False, max_length=20, label=_("序号"))
    title = blocks.CharBlock(required=False, max_length=200, label=_("小标题"))
    text = blocks.TextBlock(required=False, label=_("内容"))

    class Meta:
        label = _("条目")


class BoxBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        max_length=20, label=_("专栏编号"), help_text=_("如 专栏1")
    )
    title = blocks.CharBlock(max_length=200, label=_("专栏标题"))
    items = blocks.ListBlock(BoxItemBlock(), label=_("条目或段落"))

    class Meta:
        icon = "doc-full"
        label = _("专栏")


class IndicatorTableBlock(blocks.StructBlock):
    table_title = blocks.CharBlock(
        max_length=200,
        label=_("指标表名称"),
        help_text=_("须与本规划“指标”中某一表的“所属指标表”完全一致"),
    )
    note = blocks.TextBlock(
        required=False, label=_("表注"), help_text=_("如 注：〔〕内为五年累计数")
    )

    class Meta:
        icon = "table"
        label = _("指标表")


class PlanBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.TextBlock(label=_("段落"), icon="pilcrow")
    box = BoxBlock()
    indicator_table = IndicatorTableBlock()


# Labels that end in their own punctuation (一、 / （一） / 1.) run straight into the
# title, as printed; 第一章 and 专栏1 are followed by a space.
_CLOSED_LABEL_ENDINGS = ("、", ".", "．", "）", ")")


def heading_text(label, title):
    if not label:
        return title
    return f"{label}{'' if label.endswith(_CLOSED_LABEL_ENDINGS) else ' '}{title}"


class OutlineEntry(NamedTuple):
    level: int
    label: str
    title: str
    anchor: str

    @property
    def text(self):
        return heading_text(self.label, self.title)


def heading_anchor(block, position):
    """A stable anchor for a heading: its block id survives edits around it."""
    return f"h-{block.id[:8]}" if block.id else f"h-{position}"


def outline(body):
    """[(level, label, title, anchor)] of every heading, in order."""
    return [
        OutlineEntry(
            int(block.value["level"]),
            block.value["label"],
            block.value["title"],
            heading_anchor(block, position),
        )
        for position, block in enumerate(body)
        if block.block_type == "heading"
    ]


def referenced_tables(body):
    """Table titles the body places, in order (a title may wrongly appear twice)."""
    return [
        block.value["table_title"]
        for block in body
        if block.block_type == "indicator_table"
    ]


def block_text(block):
    """The words of one block as plain text, for search and open data."""
    value = block.value
    if block.block_type == "heading":
        return heading_text(value["label"], value["title"])
    if block.block_type == "paragraph":
        return value
    if block.block_type == "box":
        lines = [f"{value['label']} {value['title']}"]
        for item in value["items"]:
            lines.append(
                " ".join(filter(None, [item["label"], item["title"], item["text"]]))
            )
        return "\n".join(lines)
    if block.block_type == "indicator_table":
        return value["table_title"]
    return ""
