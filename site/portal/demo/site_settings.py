"""The demo's footer settings (主办、承办、备案 …): plainly fictional values, so that the
footer shows what a real bureau fills in under 设置 → 网站信息."""

from wagtail.models import Site

from themes.models import PortalSettings

FOOTER = {
    "sponsor": "清源区民政局（演示）",
    "organiser": "清源区民政局办公室（演示）",
    "address": "清源区人民路88号（演示地址）",
    "telephone": "0472-0000000（演示）",
    "site_code": "DEMO000001",
    "icp_number": "演示ICP备00000000号",
    "police_number": "演示公网安备00000000000000号",
    "footer_note": "本网站内容依据《中华人民共和国政府信息公开条例》发布。\n"
    "演示数据均为虚构，不代表任何真实机构或个人。",
    "sponsor_en": "Qingyuan District Civil Affairs Bureau (demo)",
    "organiser_en": "General Office, Qingyuan District Civil Affairs Bureau (demo)",
    "address_en": "88 Renmin Road, Qingyuan District (demo address)",
    "footer_note_en": "Published under the Regulations on Open Government Information.\n"
    "All demo data is fictional and represents no real body or person.",
}


def load_site_settings(demo):
    """Fill the footer settings of the site whose root is the demo's home page."""
    for site in Site.objects.filter(root_page=demo.home):
        PortalSettings.objects.update_or_create(site=site, defaults=FOOTER)
