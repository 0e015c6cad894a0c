"""DCAT-AP 3.0 conformance of the catalogue, read as RDF (rdflib) the way a harvester
reads it: every page walked through Hydra, merged, then checked class by class against
the mandatory and recommended properties of the specification
(https://semiceu.github.io/DCAT-AP/releases/3.0.0/, sections "Catalogue", "Dataset",
"Distribution", "Data Service", "Agent"), and against the controlled vocabularies it
names. The lists below are written from the specification, not from our code."""

import datetime
import json

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from opendata import dcat
from opendata.datasets import DATASETS
from opendata.models import Release
from opendata.releases import cut_release
from tests.opendata.test_releases import release_storage  # noqa: F401 (fixture)

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"
NOW = datetime.datetime(2026, 11, 23, 7, 17, 0, tzinfo=datetime.UTC)

# DCAT-AP 3.0.0, class by class: (mandatory, recommended). The brief of issue 16 adds
# to Dataset what DCAT-AP lists as optional but a harvester uses: accrual
# periodicity, language, identifier, landing page, modification date.
SPEC = {
    DCAT.Catalog: (
        [DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.dataset],
        [
            DCTERMS.spatial,  # geographical coverage
            FOAF.homepage,
            DCTERMS.language,
            DCTERMS.license,
            DCTERMS.modified,
            DCTERMS.issued,  # release date
            DCAT.themeTaxonomy,  # themes
            DCAT.service,
        ],
    ),
    DCAT.Dataset: (
        [DCTERMS.title, DCTERMS.description],
        [
            DCAT.contactPoint,
            DCAT.distribution,
            DCAT.keyword,
            DCTERMS.publisher,
            DCTERMS.spatial,
            DCTERMS.temporal,
            DCAT.theme,
        ],
    ),
    DCAT.Distribution: (
        [DCAT.accessURL],
        [DCATAP.availability, DCTERMS.description, DCTERMS["format"], DCTERMS.license],
    ),
    DCAT.DataService: (
        [DCAT.endpointURL, DCTERMS.title],
        [DCAT.endpointDescription, DCAT.servesDataset],
    ),
    FOAF.Agent: ([FOAF.name], [DCTERMS.type]),
}
ALSO_ON_EVERY_DATASET = [
    DCTERMS.accrualPeriodicity,
    DCTERMS.language,
    DCTERMS.identifier,
    DCAT.landingPage,
    DCTERMS.modified,
]
# The range DCAT-AP gives each property whose value is a thing, not a literal.
RANGES = {
    DCTERMS.publisher: FOAF.Agent,
    DCAT.contactPoint: VCARD.Kind,
    DCTERMS.spatial: DCTERMS.Location,
    DCTERMS.temporal: DCTERMS.PeriodOfTime,
    DCAT.theme: SKOS.Concept,
    DCTERMS.accrualPeriodicity: DCTERMS.Frequency,
    DCTERMS.language: DCTERMS.LinguisticSystem,
    DCTERMS.license: DCTERMS.LicenseDocument,
    DCTERMS.rights: DCTERMS.RightsStatement,
    DCTERMS["format"]: DCTERMS.MediaTypeOrExtent,
    DCAT.mediaType: DCTERMS.MediaType,
    DCATAP.availability: SKOS.Concept,
    DCAT.themeTaxonomy: SKOS.ConceptScheme,
    DCAT.distribution: DCAT.Distribution,
    DCAT.dataset: DCAT.Dataset,
    DCAT.service: DCAT.DataService,
    DCAT.accessService: DCAT.DataService,
}


def walk(client, address="/opendata/catalog.jsonld", fmt="json-ld"):
    """[(page address, graph)] following hydra:next from the first page."""
    pages, seen = [], set()
    while address:
        assert address not in seen, f"the pages loop at {address}"
        seen.add(address)
        response = client.get(address)
        assert response.status_code == 200, (address, response.content[:300])
        graph = Graph().parse(data=response.content, format=fmt)
        pages.append((address, graph))
        (view,) = graph.subjects(RDF.type, HYDRA.PartialCollectionView)
        following = graph.value(view, HYDRA.next)
        address = str(following) if following is not None else None
    return pages


def caseless(graph, suffix):
    """The graph with language tags in lower case and the page addresses of
    serialisation ``suffix`` written as one (``catalog.*?page=N``)."""
    same = Graph()

    def page(term):
        if isinstance(term, URIRef) and f"catalog.{suffix}?page=" in term:
            return URIRef(term.replace(f"catalog.{suffix}?", "catalog.*?"))
        return term

    for s, p, o in graph:
        if isinstance(o, Literal) and o.language:
            o = Literal(str(o), lang=o.language.lower())
        same.add((page(s), p, page(o)))
    return same


def merged(pages):
    graph = Graph()
    for _, page in pages:
        graph += page
    return graph


@pytest.fixture
def harvested(client, world):
    cut_release(Release.Kind.ON_DEMAND, now=NOW)
    return merged(walk(client))


# -- class by class -------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(SPEC), ids=lambda kind: kind.split("/")[-1])
def test_every_mandatory_and_recommended_property_is_there(harvested, kind):
    mandatory, recommended = SPEC[kind]
    subjects = set(harvested.subjects(RDF.type, kind))
    assert subjects, f"no {kind}"
    missing = {
        (str(subject), str(prop))
        for subject in subjects
        for prop in (*mandatory, *recommended)
        if (subject, prop, None) not in harvested
    }
    assert missing == set()


def test_datasets_have_what_a_harvester_uses_and_values_of_the_right_class(
    harvested,
):
    datasets = set(harvested.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == len(DATASETS)
    for dataset in datasets:
        for prop in ALSO_ON_EVERY_DATASET:
            assert (dataset, prop, None) in harvested, (dataset, prop)
    for prop, kind in RANGES.items():
        values = set(harvested.objects(None, prop))
        assert values, prop
        for value in values:
            assert (value, RDF.type, kind) in harvested, (prop, value, kind)


def test_titles_and_descriptions_are_in_chinese_and_english(harvested):
    for kind in (DCAT.Catalog, DCAT.Dataset, DCAT.DataService):
        for subject in harvested.subjects(RDF.type, kind):
            languages = {
                title.language.lower()
                for title in harvested.objects(subject, DCTERMS.title)
            }
            assert languages == {"zh-hans", "en"}, (subject, languages)


def test_every_data_service_has_a_title_and_serves_its_dataset(harvested):
    services = set(harvested.subjects(RDF.type, DCAT.DataService))
    assert len(services) == len(DATASETS)
    for service in services:
        served = harvested.value(service, DCAT.servesDataset)
        assert (served, RDF.type, DCAT.Dataset) in harvested
        endpoint = str(harvested.value(service, DCAT.endpointURL))
        assert endpoint.startswith("http://testserver/api/v1/")
        # The distribution of the same dataset points at this service.
        assert (None, DCAT.accessService, service) in harvested
    chinese = {
        str(title)
        for service in services
        for title in harvested.objects(service, DCTERMS.title)
        if title.language.lower() == "zh-hans"
    }
    assert {f"“{DATASETS[slug].title}”查询接口" for slug in DATASETS} == chinese


# -- controlled vocabularies: IRIs, never literals -------------------------------------


def test_formats_and_media_types_are_vocabulary_iris(harvested):
    formats = set(harvested.objects(None, DCTERMS["format"]))
    media = set(harvested.objects(None, DCAT.mediaType))
    assert formats == {
        URIRef(f"{EU}file-type/{code}") for code in ("CSV", "XLSX", "JSON")
    }
    assert media == {
        URIRef(IANA + "text/csv"),
        URIRef(IANA + "application/json"),
        URIRef(
            IANA + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ),
    }
    for distribution in harvested.subjects(RDF.type, DCAT.Distribution):
        url = str(harvested.value(distribution, DCAT.accessURL))
        fmt = harvested.value(distribution, DCTERMS["format"])
        kind = harvested.value(distribution, DCAT.mediaType)
        if url.endswith(".csv"):
            assert (fmt, kind) == (
                URIRef(f"{EU}file-type/CSV"),
                URIRef(IANA + "text/csv"),
            )
        if url.endswith(".jsonl"):
            # No registered media type for JSON Lines: JSON, conforming to it.
            assert kind is None
            assert fmt == URIRef(f"{EU}file-type/JSON")
            assert (
                distribution,
                DCTERMS.conformsTo,
                URIRef("https://jsonlines.org/"),
            ) in harvested


def test_no_vocabulary_property_holds_a_literal(harvested):
    for prop in (*RANGES, DCAT.endpointURL, DCAT.accessURL, DCAT.downloadURL):
        for value in harvested.objects(None, prop):
            assert not isinstance(value, Literal), (prop, value)


def test_themes_frequency_language_and_availability_use_eu_tables(harvested):
    for theme in harvested.objects(None, DCAT.theme):
        assert str(theme).startswith(f"{EU}data-theme/")
        assert str(theme).rsplit("/", 1)[1] in {
            "AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST",
            "REGI", "SOCI", "TECH", "TRAN",
        }  # fmt: skip
    assert set(harvested.objects(None, DCTERMS.accrualPeriodicity)) == {
        URIRef(f"{EU}frequency/UPDATE_CONT")
    }
    assert {str(v) for v in harvested.objects(None, DCTERMS.language)} == {
        f"{EU}language/ZHO",
        f"{EU}language/ENG",
    }
    assert {
        str(v).rsplit("/", 1)[1] for v in harvested.objects(None, DCATAP.availability)
    } == {
        "AVAILABLE",
        "STABLE",
    }


def test_temporal_coverage_is_the_dates_rows_are_about(harvested, world):
    for dataset in harvested.subjects(RDF.type, DCAT.Dataset):
        period = harvested.value(dataset, DCTERMS.temporal)
        end = harvested.value(period, DCAT.endDate)
        assert end is not None and end.datatype == XSD.date
        start = harvested.value(period, DCAT.startDate)
        if start is not None:
            assert start.toPython() <= end.toPython()
    credit = URIRef("http://testserver/opendata/credit-list-history/")
    period = harvested.value(credit, DCTERMS.temporal)
    listed = sorted([world.current.listed_on, world.removed.listed_on])
    assert harvested.value(period, DCAT.startDate).toPython() == listed[0]
    assert harvested.value(period, DCAT.endDate).toPython() == listed[-1]


def test_keywords_are_tagged_in_both_languages(harvested):
    for dataset in harvested.subjects(RDF.type, DCAT.Dataset):
        keywords = list(harvested.objects(dataset, DCAT.keyword))
        assert {keyword.language.lower() for keyword in keywords} == {"zh-hans", "en"}


def test_a_publisher_per_dataset(client, world):
    from opendata.models import DatasetPublisher, OpenDataSettings

    chosen = OpenDataSettings.load()
    DatasetPublisher.objects.create(
        settings=chosen, dataset="regions", name="市统计局", url="https://tjj.example/"
    )
    chosen.save()
    graph = merged(walk(client))
    regions = URIRef("http://testserver/opendata/regions/")
    publisher = graph.value(regions, DCTERMS.publisher)
    assert graph.value(publisher, FOAF.name) == Literal("市统计局")
    assert graph.value(publisher, FOAF.homepage) == URIRef("https://tjj.example/")
    others = {
        str(graph.value(graph.value(dataset, DCTERMS.publisher), FOAF.name))
        for dataset in graph.subjects(RDF.type, DCAT.Dataset)
        if dataset != regions
    }
    assert "市统计局" not in others and len(others) == 1


# -- Hydra paging -----------------------------------------------------------------------


def test_walking_every_page_yields_every_dataset_exactly_once(client, world):
    pages = walk(client)
    assert len(pages) == dcat.page_count() > 1
    found = []
    for _, graph in pages:
        found += [str(s) for s in graph.subjects(RDF.type, DCAT.Dataset)]
    assert sorted(found) == sorted(
        f"http://testserver/opendata/{slug}/" for slug in DATASETS
    )
    # Every page describes the same catalogue.
    catalogs = {str(next(graph.subjects(RDF.type, DCAT.Catalog))) for _, graph in pages}
    assert catalogs == {"http://testserver/opendata/catalog.jsonld"}


def test_every_page_links_first_last_and_its_neighbours(client, world):
    pages = walk(client)
    last = len(pages)
    for number, (_address, graph) in enumerate(pages, start=1):
        (view,) = graph.subjects(RDF.type, HYDRA.PartialCollectionView)
        assert str(view).endswith(f"?page={number}")
        assert str(graph.value(view, HYDRA.first)).endswith("?page=1")
        assert str(graph.value(view, HYDRA.last)).endswith(f"?page={last}")
        previous = graph.value(view, HYDRA.previous)
        following = graph.value(view, HYDRA.next)
        assert (previous is None) == (number == 1)
        assert (following is None) == (number == last)
        (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
        assert graph.value(catalog, HYDRA.view) == view
        assert graph.value(catalog, HYDRA.totalItems).toPython() == len(DATASETS)


@pytest.mark.parametrize(
    ("query", "status", "parameter"),
    [
        ("page=0", 400, "page"),
        ("page=-1", 400, "page"),
        ("page=abc", 400, "page"),
        ("page=١", 400, "page"),
        ("page=99", 404, "page"),
        ("page=1&page=2", 400, "page"),
        ("pge=2", 400, "pge"),
    ],
)
def test_a_bad_page_is_refused_naming_the_parameter(
    client, db, query, status, parameter
):
    response = client.get(f"/opendata/catalog.jsonld?{query}")
    assert response.status_code == status
    assert response.json()["error"]["parameter"] == parameter


# -- Turtle and RDF/XML -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "fmt", "media_type"),
    [("ttl", "turtle", "text/turtle"), ("rdf", "xml", "application/rdf+xml")],
)
def test_turtle_and_rdf_xml_say_the_same_as_json_ld(
    client, world, suffix, fmt, media_type
):
    for number in range(1, dcat.page_count() + 1):
        jsonld = client.get(f"/opendata/catalog.jsonld?page={number}")
        other = client.get(f"/opendata/catalog.{suffix}?page={number}")
        assert other.status_code == 200
        assert other["Content-Type"].startswith(media_type)
        expected = Graph().parse(data=jsonld.content, format="json-ld")
        got = Graph().parse(data=other.content, format=fmt)
        assert len(got) == len(expected) > 100
        # The same statements, blank nodes aside (language tags compare caselessly),
        # except that each serialisation's Hydra links lead to its own pages.
        assert isomorphic(caseless(got, suffix), caseless(expected, "jsonld"))
        # Each page names the other serialisations of itself.
        assert f'catalog.jsonld?page={number}>; rel="alternate"' in other["Link"]
    # And the walk works on Turtle alone.
    pages = walk(client, f"/opendata/catalog.{suffix}", fmt)
    datasets = [s for _, g in pages for s in g.subjects(RDF.type, DCAT.Dataset)]
    assert len(datasets) == len(DATASETS)


def test_every_serialisation_answers_304_and_changes_with_the_data(client, world):
    for suffix in ("jsonld", "ttl", "rdf"):
        first = client.get(f"/opendata/catalog.{suffix}?page=2")
        again = client.get(
            f"/opendata/catalog.{suffix}?page=2", HTTP_IF_NONE_MATCH=first["ETag"]
        )
        assert again.status_code == 304
    etags = {
        suffix: client.get(f"/opendata/catalog.{suffix}?page=1")["ETag"]
        for suffix in ("jsonld", "ttl", "rdf")
    }
    assert len(set(etags.values())) == 3  # one ETag per serialisation


def test_the_json_ld_is_plain_json_with_its_context(client, world):
    document = json.loads(client.get("/opendata/catalog.jsonld").content)
    assert document["@context"]["dcat"] == str(DCAT)
    assert document["@context"]["hydra"] == str(HYDRA)
    assert document["@context"]["rdfs"] == str(RDFS)
