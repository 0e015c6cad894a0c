"""The licence of the open data, its terms of use, its contact point and who
publishes each dataset: what an administrator sets in 设置 → 开放数据许可
(``OpenDataSettings``), resolved once here so that every place that shows it (the
pages, the ``Link: <…>; rel="license"`` header of every download, datapackage.json,
the DCAT catalogue, the XLSX field sheet) says the same.

The licences offered are the common open-data ones (CC BY 4.0 by default, as the
Open Definition and most government portals use; CC0 1.0; ODC-By 1.0; ODbL 1.0) and
a custom one, such as a local 政府数据开放许可 whose text the administrator writes.
The EU licence vocabulary IRI is given where one exists, for DCAT-AP harvesters.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

EU_LICENCE = "http://publications.europa.eu/resource/authority/licence/"
CUSTOM = "custom"


@dataclass(frozen=True)
class Licence:
    key: str  # SPDX identifier where there is one
    title: str
    url: str  # the licence's own page; "" for a custom licence without one
    eu_iri: str = ""


LICENCES = {
    licence.key: licence
    for licence in (
        Licence(
            "CC-BY-4.0",
            _("知识共享署名 4.0 国际许可协议（CC BY 4.0）"),
            "https://creativecommons.org/licenses/by/4.0/",
            EU_LICENCE + "CC_BY_4_0",
        ),
        Licence(
            "CC0-1.0",
            _("知识共享 CC0 1.0 通用公共领域贡献（CC0 1.0）"),
            "https://creativecommons.org/publicdomain/zero/1.0/",
            EU_LICENCE + "CC0",
        ),
        Licence(
            "ODC-By-1.0",
            _("开放数据共享署名许可 1.0（ODC-By 1.0）"),
            "https://opendatacommons.org/licenses/by/1-0/",
            EU_LICENCE + "ODC_BY",
        ),
        Licence(
            "ODbL-1.0",
            _("开放数据库许可 1.0（ODbL 1.0）"),
            "https://opendatacommons.org/licenses/odbl/1-0/",
            EU_LICENCE + "ODC_BL",
        ),
        Licence(CUSTOM, _("自定义许可（如政府数据开放许可）"), ""),
    )
}
DEFAULT_LICENCE = "CC-BY-4.0"

DEFAULT_TERMS = _(
    "使用本平台开放数据时，请注明数据来源（本网站名称及数据集名称）和获取日期；"
    "不得歪曲数据原意，不得以数据冒充官方结论；"
    "不得试图通过关联其他数据识别被遮蔽的个人信息。"
    "数据按现状提供，发布机关对使用数据产生的后果不承担责任。"
)


@dataclass
class Terms:
    """The licence and terms in force, as every reader shows them."""

    key: str
    title: str  # lazy for the standard licences: shown in the reader's language
    url: str  # absolute: the licence's page, else this site's licence page
    eu_iri: str
    text: str  # a custom licence's text ("" for the standard ones)
    terms_of_use: str  # lazy when the administrator left the default
    contact_name: str
    contact_email: str
    contact_phone: str
    publisher: str  # the catalogue's publisher
    publishers: dict = field(default_factory=dict)  # slug -> (name, url)
    page_url: str = ""  # this site's page on the licence and terms

    @property
    def is_custom(self):
        return self.key == CUSTOM

    def publisher_of(self, slug):
        """(name, url) of whoever provides dataset ``slug``; the catalogue's
        publisher unless the administrator named another."""
        return self.publishers.get(slug, (self.publisher, ""))

    def link_header(self):
        return f'<{self.url}>; rel="license"'


def current_terms(request=None):
    """The licence and terms set now (a query or two, cached on the request).
    Without a request (a release being cut) addresses use the site's base URL."""
    cached = getattr(request, "_opendata_terms", None)
    if cached is not None:
        return cached
    from .catalog import absolute_path, publisher_name  # one rule for both
    from .models import OpenDataSettings

    chosen = OpenDataSettings.load()
    licence = LICENCES.get(chosen.licence, LICENCES[DEFAULT_LICENCE])
    with translation.override(settings.LANGUAGE_CODE):
        page = absolute_path(request, reverse("opendata-licence"))
    title = licence.title
    if licence.key == CUSTOM and chosen.custom_title:
        title = chosen.custom_title
    terms = Terms(
        key=licence.key,
        title=title,
        url=licence.url or chosen.custom_url or page,
        eu_iri=licence.eu_iri,
        text=chosen.custom_text if licence.key == CUSTOM else "",
        terms_of_use=chosen.terms_of_use or DEFAULT_TERMS,
        contact_name=chosen.contact_name,
        contact_email=chosen.contact_email,
        contact_phone=chosen.contact_phone,
        publisher=publisher_name(),
        publishers={
            row.dataset: (row.name, row.url) for row in chosen.dataset_publishers.all()
        },
        page_url=page,
    )
    if not terms.contact_name:
        terms.contact_name = terms.publisher
    if request is not None:
        request._opendata_terms = terms
    return terms


def add_licence_link(request, response):
    """``Link: <licence>; rel="license"`` (RFC 8288 with the registered relation of
    RFC 4946 and HTML), so a file saved alone still says under which terms."""
    link = current_terms(request).link_header()
    existing = response.get("Link")
    response["Link"] = f"{existing}, {link}" if existing else link
    return response
