"""The licence, terms of use, contact point and per-dataset publisher: set by an
administrator, shown the same on the pages, in every download's ``Link`` header, in
datapackage.json, in the DCAT catalogue and in the XLSX field sheet."""

import datetime
import io
import json
import re

from django.core.exceptions import ValidationError

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS

from opendata.datasets import DATASETS
from opendata.licences import LICENCES
from opendata.models import OpenDataSettings, Release
from opendata.releases import cut_release
from tests.opendata.test_releases import release_storage  # noqa: F401 (fixture)

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
CC_BY_EU = "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"
NOW = datetime.datetime(2026, 11, 23, 7, 17, 0, tzinfo=datetime.UTC)
SLUGS = list(DATASETS)


def licence_links(response):
    """The targets of ``rel="license"`` in the Link header (RFC 8288)."""
    return re.findall(r'<([^>]+)>\s*;\s*rel="license"', response.get("Link", ""))


def choose(**values):
    chosen = OpenDataSettings.load()
    for name, value in values.items():
        setattr(chosen, name, value)
    chosen.full_clean()
    chosen.save()
    return chosen


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def catalog_graph(client):
    """Every page of the catalogue, merged as a harvester merges them."""
    graph, address = Graph(), "/opendata/catalog.jsonld"
    while address:
        response = client.get(address)
        assert response.status_code == 200
        document = json.loads(response.content)
        graph.parse(data=response.content, format="json-ld")
        following = document["hydra:view"].get("hydra:next")
        address = following["@id"] if following else None
    return graph


def one(graph, subject, predicate):
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, (subject, predicate, values)
    return values[0]


@pytest.fixture
def releases(world):
    before = cut_release(Release.Kind.ON_DEMAND, now=NOW)
    after = cut_release(Release.Kind.ON_DEMAND, now=NOW + datetime.timedelta(hours=1))
    return before.label, after.label


def every_download(before, after):
    return [
        *(f"/opendata/{slug}.{fmt}" for slug in SLUGS for fmt in ("csv", "xlsx")),
        "/opendata/regions.jsonl",
        "/opendata/regions.json",
        f"/opendata/releases/{after}/regions.csv",
        f"/opendata/releases/{after}/regions.xlsx",
        f"/opendata/releases/{after}/SHA256SUMS",
        f"/opendata/diffs/{before}..{after}/regions.json",
        f"/opendata/diffs/{before}..{after}/regions.csv",
        *(f"/opendata/{slug}/datapackage.json" for slug in SLUGS),
        "/opendata/catalog.jsonld",
        "/api/v1/regions",
    ]


# -- defaults -------------------------------------------------------------------------


def test_the_default_is_cc_by_4_and_the_alternatives_are_offered(db):
    assert OpenDataSettings.load().licence == "CC-BY-4.0"
    assert {"CC-BY-4.0", "CC0-1.0", "ODC-By-1.0", "ODbL-1.0", "custom"} <= set(LICENCES)
    assert all(
        licence.url.startswith("https://")
        for licence in LICENCES.values()
        if licence.key != "custom"
    )


def test_every_download_names_its_licence(client, releases):
    for address in every_download(*releases):
        response = client.get(address)
        body(response)
        assert response.status_code == 200, address
        assert licence_links(response) == [CC_BY], address


def test_a_304_needs_no_licence_lookup(client, world, django_assert_num_queries):
    first = client.get("/opendata/regions.csv")
    body(first)
    # The change mark and the rows' fingerprint: no licence lookup.
    with django_assert_num_queries(2):
        again = client.get("/opendata/regions.csv", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_the_catalogue_and_every_dataset_page_show_licence_terms_and_contact(
    client, world
):
    choose(contact_name="市民政局办公室", contact_email="opendata@example.gov.cn")
    for address in ["/opendata/", *(f"/opendata/{slug}/" for slug in SLUGS)]:
        page = BeautifulSoup(client.get(address).content, "html.parser")
        licence = page.select("a[rel=license]")
        assert licence and {a["href"] for a in licence} == {CC_BY}, address
        text = page.get_text()
        assert "署名" in licence[0].get_text()
        assert "请注明数据来源" in text, address  # the default terms
        assert "市民政局办公室" in text, address
        assert page.select_one('a[href="mailto:opendata@example.gov.cn"]'), address


def test_the_licence_page_has_everything(client, world):
    choose(
        licence="custom",
        custom_title="清源市政府数据开放许可",
        custom_text="第一条 数据可以自由使用。\n第二条 使用时注明来源。",
        terms_of_use="不得用于违法用途。",
        contact_phone="0471 1234 5678",
    )
    page = BeautifulSoup(client.get("/opendata/licence/").content, "html.parser")
    text = page.get_text()
    assert "清源市政府数据开放许可" in text
    assert "第二条 使用时注明来源。" in text
    assert "不得用于违法用途。" in text
    assert page.select_one('a[href="tel:0471 1234 5678"]')
    for title in (dataset.title for dataset in DATASETS.values()):
        assert str(title) in text


def test_terms_are_escaped(client, world):
    choose(terms_of_use='<script>alert("x")</script>', contact_name="<b>办公室</b>")
    for address in ("/opendata/", "/opendata/licence/", "/opendata/regions/"):
        html = client.get(address).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;" in html
        assert "<b>办公室</b>" not in html


# -- changing it ----------------------------------------------------------------------


def test_a_new_licence_reaches_every_download_without_a_stale_304(client, releases):
    etags = {}
    for slug in SLUGS:
        response = client.get(f"/opendata/{slug}.xlsx")
        body(response)
        etags[slug] = response["ETag"]
    catalog = client.get("/opendata/catalog.jsonld")
    choose(licence="CC0-1.0")
    for slug in SLUGS:
        again = client.get(f"/opendata/{slug}.xlsx", HTTP_IF_NONE_MATCH=etags[slug])
        assert again.status_code == 200, slug
        body(again)
        assert licence_links(again) == [CC0]
    assert (
        client.get(
            "/opendata/catalog.jsonld", HTTP_IF_NONE_MATCH=catalog["ETag"]
        ).status_code
        == 200
    )
    for address in every_download(*releases):
        response = client.get(address)
        body(response)
        assert licence_links(response) == [CC0], address


def test_a_custom_licence_without_an_address_points_to_the_licence_page(client, world):
    choose(licence="custom", custom_title="某市政府数据开放许可", custom_text="全文")
    response = client.get("/opendata/regions.csv")
    body(response)
    assert licence_links(response) == ["http://testserver/opendata/licence/"]
    package = json.loads(client.get("/opendata/regions/datapackage.json").content)
    assert package["licenses"] == [
        {"path": "http://testserver/opendata/licence/", "title": "某市政府数据开放许可"}
    ]
    graph = catalog_graph(client)
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    licence = one(graph, catalog, DCTERMS.license)
    assert licence == URIRef("http://testserver/opendata/licence/")
    assert Literal("某市政府数据开放许可", lang="zh-Hans") in set(
        graph.objects(licence, DCTERMS.title)
    )


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"licence": "custom", "custom_text": "全文"}, "custom_title"),
        ({"licence": "custom", "custom_title": "某许可"}, "custom_text"),
        (
            {"licence": "custom", "custom_title": "   ", "custom_text": "x"},
            "custom_title",
        ),
        ({"contact_email": "not an address"}, "contact_email"),
        ({"custom_url": "javascript:alert(1)"}, "custom_url"),
    ],
)
def test_incomplete_or_bad_settings_are_refused_naming_the_field(db, values, field):
    with pytest.raises(ValidationError) as refused:
        choose(**values)
    assert field in refused.value.message_dict


def test_an_administrator_sets_the_licence_and_a_publisher(admin_client, client, world):
    form = admin_client.get("/admin/settings/opendata/opendatasettings/", follow=True)
    assert form.status_code == 200
    url = (
        form.redirect_chain[-1][0] if form.redirect_chain else form.request["PATH_INFO"]
    )
    assert "CC0" in form.content.decode()
    response = admin_client.post(
        url,
        nested_form_data(
            {
                "licence": "ODC-By-1.0",
                "custom_title": "",
                "custom_url": "",
                "custom_text": "",
                "terms_of_use": "",
                "contact_name": "数据管理科",
                "contact_email": "data@example.gov.cn",
                "contact_phone": "",
                "dataset_publishers": inline_formset(
                    [
                        {
                            "dataset": "credit-list-current",
                            "name": "市民政局社会组织管理科",
                            "url": "https://mzj.example.gov.cn/",
                        }
                    ]
                ),
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    chosen = OpenDataSettings.load()
    assert chosen.licence == "ODC-By-1.0"
    assert chosen.dataset_publishers.get().name == "市民政局社会组织管理科"

    package = json.loads(
        client.get("/opendata/credit-list-current/datapackage.json").content
    )
    assert package["licenses"][0]["name"] == "ODC-By-1.0"
    publishers = [c for c in package["contributors"] if c["role"] == "publisher"]
    assert publishers == [
        {
            "title": "市民政局社会组织管理科",
            "role": "publisher",
            "path": "https://mzj.example.gov.cn/",
        }
    ]
    other = json.loads(client.get("/opendata/regions/datapackage.json").content)
    (other_publisher,) = [c for c in other["contributors"] if c["role"] == "publisher"]
    assert other_publisher["title"] != "市民政局社会组织管理科"
    page = client.get("/opendata/credit-list-current/").content.decode()
    assert "市民政局社会组织管理科" in page


# -- in each document -----------------------------------------------------------------


def test_datapackage_names_licence_terms_publisher_and_contact(client, world):
    choose(contact_name="数据管理科", contact_email="data@example.gov.cn")
    for slug in SLUGS:
        package = json.loads(client.get(f"/opendata/{slug}/datapackage.json").content)
        assert package["licenses"] == [
            {
                "name": "CC-BY-4.0",
                "path": CC_BY,
                "title": "知识共享署名 4.0 国际许可协议（CC BY 4.0）",
            }
        ]
        assert "请注明数据来源" in package["terms_of_use"]
        roles = {c["role"]: c for c in package["contributors"]}
        assert roles["publisher"]["title"]
        assert roles["maintainer"] == {
            "title": "数据管理科",
            "role": "maintainer",
            "email": "data@example.gov.cn",
        }


def test_dcat_licence_rights_and_contact_point(client, world):
    choose(
        contact_name="数据管理科",
        contact_email="data@example.gov.cn",
        contact_phone="0471 1234 5678",
    )
    graph = catalog_graph(client)
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == len(SLUGS)
    assert one(graph, catalog, DCTERMS.license) == URIRef(CC_BY_EU)
    licence = URIRef(CC_BY_EU)
    assert (licence, RDF.type, DCTERMS.LicenseDocument) in graph
    assert (licence, RDFS.seeAlso, URIRef(CC_BY)) in graph
    for subject in (catalog, *datasets):
        contact = one(graph, subject, DCAT.contactPoint)
        assert (contact, RDF.type, VCARD.Kind) in graph
        assert one(graph, contact, VCARD.fn) == Literal("数据管理科")
        assert one(graph, contact, VCARD.hasEmail) == URIRef(
            "mailto:data@example.gov.cn"
        )
        assert one(graph, contact, VCARD.hasTelephone) == URIRef("tel:047112345678")
    rights = one(graph, catalog, DCTERMS.rights)
    assert (rights, RDF.type, DCTERMS.RightsStatement) in graph
    assert any(
        "请注明数据来源" in str(label) for label in graph.objects(rights, RDFS.label)
    )
    for dataset in datasets:
        publisher = one(graph, dataset, DCTERMS.publisher)
        assert (publisher, RDF.type, FOAF.Agent) in graph
        assert one(graph, publisher, FOAF.name)
        for distribution in graph.objects(dataset, DCAT.distribution):
            assert one(graph, distribution, DCTERMS.license) == licence
            assert (distribution, DCTERMS.rights, None) in graph


def test_the_xlsx_field_sheet_carries_the_licence(client, world):
    choose(contact_name="数据管理科", contact_phone="12345")
    for slug in SLUGS:
        workbook = load_workbook(io.BytesIO(body(client.get(f"/opendata/{slug}.xlsx"))))
        rows = list(workbook["fields"].iter_rows(values_only=True))
        block = {row[0]: row[2] for row in rows[len(DATASETS[slug].fields) + 2 :]}
        assert block["licence"] == "知识共享署名 4.0 国际许可协议（CC BY 4.0）"
        assert block["licence_url"] == CC_BY
        assert "请注明数据来源" in block["terms_of_use"]
        assert block["publisher"]
        assert block["contact"] == "数据管理科 12345"
        # The field table itself is untouched: an empty row separates them.
        assert rows[len(DATASETS[slug].fields) + 1] == (None,) * len(rows[0])


def test_a_release_xlsx_carries_the_licence_in_force_when_cut(client, world):
    choose(licence="CC0-1.0")
    release = cut_release(Release.Kind.ON_DEMAND, now=NOW)
    choose(licence="CC-BY-4.0")
    response = client.get(f"/opendata/releases/{release.label}/regions.xlsx")
    rows = list(
        load_workbook(io.BytesIO(body(response)))["fields"].iter_rows(values_only=True)
    )
    block = {row[0]: row[2] for row in rows if row[0] in {"licence", "licence_url"}}
    assert block["licence_url"] == CC0


def test_the_english_pages_carry_the_licence_too(client, world):
    for address in ("/en/opendata/", "/en/opendata/regions/", "/en/opendata/licence/"):
        response = client.get(address)
        assert response.status_code == 200, address
        page = BeautifulSoup(response.content, "html.parser")
        assert {a["href"] for a in page.select("a[rel=license]")} == {CC_BY}, address
