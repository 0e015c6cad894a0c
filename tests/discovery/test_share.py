"""分享: the address to copy and a QR code drawn on this site, for this site only."""

import io
import re
from html import unescape
from urllib.parse import quote

import segno


def expected_svg(url):
    """segno's own SVG for ``url`` (the recipe of discovery.views.qr_svg)."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buffer,
        kind="svg",
        scale=4,
        border=4,
        light="#fff",
        xmldecl=False,
        omitsize=True,
    )
    return buffer.getvalue()


def share_block(client, url):
    html = client.get(url).content.decode()
    start = html.index('<section class="share"')
    return html[start : html.index("</section>", start)]


def test_document_pages_offer_the_address_and_its_qr_code(client, article):
    block = share_block(client, "/notices/dibao/?utm_source=x")
    [value] = re.findall(
        r'<input id="share-url" type="url" value="([^"]*)" readonly', block
    )
    assert value == "http://testserver/notices/dibao/"
    [src] = re.findall(r'<img src="([^"]*)"', block)
    src = unescape(src)
    assert src == "/share/qr.svg?url=" + quote(value, safe="")
    response = client.get(src)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "max-age" in response["Cache-Control"]
    assert response.content == expected_svg(value)
    assert response.content != expected_svg(value + "x")
    assert "<button" in block and " hidden" in block  # shown by the script only


def test_record_pages_share_too(client, db, world):
    for record in (world.current, world.org, world.charity, world.filing, world.report):
        assert "share-url" in share_block(client, record.public_url())
    assert "share-url" in share_block(client, world.plan.url)
    assert "share-url" in share_block(client, world.disclosure.url)


def test_only_this_sites_addresses_get_a_code(client, db):
    for url in (
        "",
        "https://evil.example/notices/",
        "http://testserver.evil.example/",
        "http://testserver@evil.example/",
        "//testserver/notices/",
        "javascript:alert(1)",
        "http://testserver/" + "a" * 2000,
    ):
        response = client.get("/share/qr.svg", {"url": url})
        assert response.status_code == 400, url
    ok = client.get("/share/qr.svg", {"url": "https://testserver/x/"})
    assert ok.status_code == 200
    assert ok.content == expected_svg("https://testserver/x/")
