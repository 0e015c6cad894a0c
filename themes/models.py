"""What the site shell shows that an administrator decides: the footer's 主办/承办,
contact and 备案 lines (政府网站发展指引, 国办发〔2017〕47号) and the addresses of the
政府信息公开 columns that are not sections of this portal (信息公开指南, 年报 …)."""

import re
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from content_models.disclosure.english_names import reads_english

ICP_SITE = "https://beian.miit.gov.cn/"
POLICE_SITE = "https://beian.mps.gov.cn/#/query/webSearch?code="
# 全国政府网站找错 (the State Council's error-report service); with a 网站标识码
# it opens the form for that site.
ERROR_REPORT_SITE = "https://zfwzzc.www.gov.cn/"
ERROR_REPORT_FOR_SITE = ERROR_REPORT_SITE + "check_web/errorInfo/jcInfoNew?sitecode="

# The free text residents read, each with an English counterpart (``<name>_en``)
# shown on English pages; an empty counterpart falls back to the Chinese.
TRANSLATED_TEXTS = ("sponsor", "organiser", "address", "footer_note")

# The columns of 政府信息公开 that may live elsewhere (another site, a document): each
# has a page and an address; the page wins. Order is the navigation's order.
LINKED_COLUMNS = ("guide", "rules", "annual_reports", "on_request")


def validate_link(value):
    """An address a reader can follow: http(s) on another site or a path on this one."""
    if not re.match(r"^(https?://[^\s/]+|/)[^\s]*$", value):
        raise ValidationError(_("请填写以 http://、https:// 或 / 开头的地址。"))


def _link_field(label):
    return models.CharField(
        label, max_length=500, blank=True, validators=[validate_link]
    )


def _page_field(label):
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    sponsor = models.CharField(_("主办单位"), max_length=200, blank=True)
    organiser = models.CharField(_("承办单位"), max_length=200, blank=True)
    address = models.CharField(_("联系地址"), max_length=200, blank=True)
    telephone = models.CharField(_("联系电话"), max_length=100, blank=True)
    site_code = models.CharField(
        _("网站标识码"),
        max_length=10,
        blank=True,
        validators=[
            RegexValidator(r"^[0-9A-Za-z]{10}$", _("网站标识码为10位数字或字母。"))
        ],
    )
    icp_number = models.CharField(
        _("ICP备案号"),
        max_length=100,
        blank=True,
        help_text=_("例如：X ICP备00000000号"),
    )
    police_number = models.CharField(
        _("公安机关备案号"),
        max_length=100,
        blank=True,
        help_text=_("例如：X公网安备 00000000000000号"),
    )
    error_report_url = _link_field(_("“我为政府网站找错”地址"))
    footer_note = models.TextField(_("页脚说明"), blank=True)
    sponsor_en = models.CharField(_("主办单位（英文）"), max_length=200, blank=True)
    organiser_en = models.CharField(_("承办单位（英文）"), max_length=200, blank=True)
    address_en = models.CharField(_("联系地址（英文）"), max_length=200, blank=True)
    footer_note_en = models.TextField(_("页脚说明（英文）"), blank=True)

    guide_page = _page_field(_("信息公开指南（页面）"))
    guide_url = _link_field(_("信息公开指南（地址）"))
    rules_page = _page_field(_("信息公开制度（页面）"))
    rules_url = _link_field(_("信息公开制度（地址）"))
    annual_reports_page = _page_field(_("信息公开年报（页面）"))
    annual_reports_url = _link_field(_("信息公开年报（地址）"))
    on_request_page = _page_field(_("依申请公开（页面）"))
    on_request_url = _link_field(_("依申请公开（地址）"))

    select_related = [f"{column}_page" for column in LINKED_COLUMNS]

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("sponsor"),
                FieldPanel("organiser"),
                FieldPanel("address"),
                FieldPanel("telephone"),
                FieldPanel("site_code"),
                FieldPanel("icp_number"),
                FieldPanel("police_number"),
                FieldPanel("error_report_url"),
                FieldPanel("footer_note"),
            ],
            heading=_("页脚"),
        ),
        MultiFieldPanel(
            [FieldPanel(f"{name}_en") for name in TRANSLATED_TEXTS],
            heading=_("页脚（英文页面）"),
            help_text=_("英文页面显示这些内容；未填写的显示中文。"),
            classname="collapsed",
        ),
        MultiFieldPanel(
            [
                FieldPanel(f"{column}_{kind}")
                for column in LINKED_COLUMNS
                for kind in ("page", "url")
            ],
            heading=_("政府信息公开栏目"),
            help_text=_(
                "不在本站栏目中的公开内容：选择页面或填写地址；都不填则不显示。"
            ),
        ),
    ]

    class Meta:
        verbose_name = _("网站信息")

    def texts(self, language=None):
        """The free text residents read, in ``language`` (the active language by
        default): the English counterpart on English pages where it is filled in
        (not only blanks), else the Chinese."""
        english = reads_english(language)
        return {
            name: (english and getattr(self, f"{name}_en").strip())
            or getattr(self, name)
            for name in TRANSLATED_TEXTS
        }

    @property
    def police_url(self):
        """The 公安 beian search for the number's digits (the record code)."""
        digits = "".join(re.findall(r"\d", self.police_number))
        return POLICE_SITE + digits if digits else ""

    @property
    def error_report_link(self):
        if self.error_report_url:
            return self.error_report_url
        if self.site_code:
            return ERROR_REPORT_FOR_SITE + quote(self.site_code)
        return ERROR_REPORT_SITE
