"""The 政府网站工作年度报表: filled from the portal where it has the data (what was
published, its columns, the applications it received, the site's identifiers), the
rest (visits, interaction, security, new media) entered by staff."""

from django.utils.translation import gettext_lazy as _

from . import applications, documents
from .spec import Column, Entered, Figure, Row, Setting, Table

VALUE = Column("value", _("数值或内容"))


def _portal_settings(field):
    def read(page):
        from themes.models import PortalSettings

        site = page.get_site()
        return getattr(PortalSettings.for_site(site), field, "") if site else ""

    return read


def _site_name(page):
    site = page.get_site()
    return site.site_name if site else ""


def _home_url(page):
    site = page.get_site()
    return site.root_url if site else ""


def _row(key, label, spec, level=0):
    return Row(key, label, {"value": spec}, level=level)


def _heading(key, label):
    return Row(key, label, {}, heading=True)


def tables():
    return (
        Table(
            "site",
            _("网站基本情况"),
            (VALUE,),
            (
                _row("name", _("网站名称"), Setting(_site_name)),
                _row("url", _("首页网址"), Setting(_home_url)),
                _row("sponsor", _("主办单位"), Setting(_portal_settings("sponsor"))),
                _row("kind", _("网站类型"), Entered("text")),
                _row(
                    "site_code",
                    _("政府网站标识码"),
                    Setting(_portal_settings("site_code")),
                ),
                _row("icp", _("ICP备案号"), Setting(_portal_settings("icp_number"))),
                _row(
                    "police",
                    _("公安机关备案号"),
                    Setting(_portal_settings("police_number")),
                ),
                _row("visitors", _("独立用户访问总量（单位：个）"), Entered()),
                _row("visits", _("网站总访问量（单位：次）"), Entered()),
            ),
            label_heading=_("项目"),
        ),
        Table(
            "content",
            _("信息发布与栏目"),
            (VALUE,),
            (
                _heading("published", _("信息发布（单位：条）")),
                _row("total", _("总数"), Figure(documents.all_published_items), 1),
                _row("overview", _("概况类信息更新量"), Entered(), 1),
                _row("news", _("政务动态信息更新量"), Entered(), 1),
                _row(
                    "catalogue",
                    _("信息公开目录信息更新量"),
                    Figure(documents.catalogued_items),
                    1,
                ),
                _heading("columns", _("专栏专题（单位：个）")),
                _row("maintained", _("维护数量"), Figure(documents.sections), 1),
                _row("opened", _("新开设数量"), Figure(documents.new_sections), 1),
                _heading("interpretation", _("政策解读（单位：条）")),
                _row("interpretations", _("总数"), Entered(), 1),
            ),
            label_heading=_("项目"),
        ),
        Table(
            "interaction",
            _("互动交流与办事服务"),
            (VALUE,),
            (
                _row(
                    "applications",
                    _("收到政府信息公开申请（件）"),
                    Figure(applications.received("total")),
                ),
                _row(
                    "answered",
                    _("办结政府信息公开申请（件）"),
                    Figure(applications.answered("total")),
                ),
                _row("messages", _("收到留言数量（条）"), Entered()),
                _row("messages_answered", _("办结留言数量（条）"), Entered()),
                _row("services", _("办事服务事项数量（项）"), Entered()),
            ),
            label_heading=_("项目"),
        ),
        Table(
            "security",
            _("安全防护、移动新媒体与创新发展"),
            (VALUE,),
            (
                _row("checks", _("安全检测评估次数"), Entered()),
                _row("problems", _("发现问题数量"), Entered()),
                _row("fixed", _("问题整改数量"), Entered()),
                _row("security_system", _("是否建立安全监测预警机制"), Entered("text")),
                _row("new_media", _("移动新媒体（名称、账号）"), Entered("text")),
                _row("innovation", _("创新发展"), Entered("text")),
            ),
            label_heading=_("项目"),
        ),
    )


staff_tables = tables

TEXT_SECTIONS = ()
