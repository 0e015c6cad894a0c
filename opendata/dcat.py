"""The DCAT-AP 3.0 catalogue of every dataset (https://semiceu.github.io/DCAT-AP/),
as JSON-LD; ``catalog_views`` also serves it as Turtle and RDF/XML (rdflib).

Where DCAT-AP asks for a controlled vocabulary it gets its IRI, never a literal:
IANA media types (``dcat:mediaType``), the EU file-type, data-theme, frequency,
language, country, licence and planned-availability tables, and the ADMS publisher
and licence types. Texts are in Chinese and English whatever the reader's language.

The catalogue is paged with Hydra (``?page=N``, ``hydra:PartialCollectionView`` with
first / previous / next / last) so a harvester can walk it; every page describes the
same catalogue (the same ``@id``) with a slice of its datasets and their services,
so the pages merged are the whole catalogue, each dataset once.
"""

import math

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from content_models.regions.models import Region

from .catalog import (
    CATALOG_DESCRIPTION,
    CATALOG_TITLE,
    LANGUAGE_TAGS,
    absolute,
    datapackage_url,
    file_url,
    moment,
    page_url,
    release_file_url,
    releases,
    tagged,
    typed,
)
from .changes import states_of
from .datasets import DATASETS
from .licences import current_terms

PAGE_SIZE = 4  # datasets per page: each carries its releases' distributions

EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"
ADMS = "http://purl.org/adms/"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatap": "http://data.europa.eu/r5r/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "hydra": "http://www.w3.org/ns/hydra/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "spdx": "http://spdx.org/rdf/terms#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# fmt -> (EU file type, IANA media type). JSON Lines has neither a registered media
# type nor a file type of its own: it is described as JSON conforming to JSON Lines.
FILE_TYPES = {
    "csv": ("CSV", "text/csv"),
    "xlsx": (
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "jsonl": ("JSON", None),
    "json": ("JSON", "application/json"),
}
JSON_LINES = "https://jsonlines.org/"
FORMAT_ORDER = ("csv", "xlsx", "jsonl", "json")
FORMAT_NAMES = {"csv": "CSV", "xlsx": "XLSX", "jsonl": "JSON Lines", "json": "JSON"}
LANGUAGES = {"zh-hans": "ZHO", "en": "ENG"}
LICENCE_TYPES = {
    "CC-BY-4.0": ["Attribution"],
    "CC0-1.0": ["PublicDomain"],
    "ODC-By-1.0": ["Attribution"],
    "ODbL-1.0": ["Attribution", "ShareAlike"],
}

CURRENT_FILE = _("当前公开的全部行（%(format)s），随信息的发布、更正和撤回即时更新。")
RELEASE_FILE = _("%(label)s 版本的全部行（%(format)s），生成后不再改动。")
API_ACCESS = _("按条件查询、分页读取的接口（JSON），说明见 OpenAPI 文档。")
SERVICE_TITLE = _("“%(title)s”查询接口")


def page_count():
    return max(1, math.ceil(len(DATASETS) / PAGE_SIZE))


def iri(table, code):
    return {"@id": f"{EU}{table}/{code}"}


def concept(table, code):
    return {**iri(table, code), "@type": "skos:Concept"}


def formatted(text, **values):
    """``text % values`` in each language, as language-tagged values; lazy texts
    among the values are translated too."""
    result = []
    for language in (settings.LANGUAGE_CODE, "en"):
        with translation.override(language):
            plain = {name: str(value) for name, value in values.items()}
            result.append(
                {
                    "@value": str(text) % plain,
                    "@language": LANGUAGE_TAGS.get(language, language),
                }
            )
    return result


# -- agents, licence, rights, contact ------------------------------------------------


def agent(name, url="", identifier=None):
    """A foaf:Agent: DCAT-AP wants a name and recommends a type (ADMS)."""
    node = {
        **({"@id": identifier} if identifier else {}),
        "@type": "foaf:Agent",
        "foaf:name": name,
        "dct:type": {
            "@id": f"{ADMS}publishertype/LocalAuthority",
            "@type": "skos:Concept",
        },
    }
    if url:
        node["foaf:homepage"] = {"@id": url}
    return node


def licence(terms):
    """dct:license: the EU licence table's IRI where it has one (what harvesters
    compare), the licence's own page beside it."""
    node = {
        "@id": terms.eu_iri or terms.url,
        "@type": "dct:LicenseDocument",
        "dct:title": tagged(terms.title),
        "rdfs:seeAlso": {"@id": terms.url},
    }
    kinds = LICENCE_TYPES.get(terms.key)
    if kinds:
        node["dct:type"] = [
            {"@id": f"{ADMS}licencetype/{kind}", "@type": "skos:Concept"}
            for kind in kinds
        ]
    return node


def rights(terms):
    """dct:rights: the terms of use, as a rights statement."""
    # Named, not blank: every page of the catalogue repeats it, and a harvester
    # merging the pages must find one statement, one contact point, one publisher.
    return {
        "@id": terms.page_url + "#terms-of-use",
        "@type": "dct:RightsStatement",
        "rdfs:label": tagged(terms.terms_of_use),
        "rdfs:seeAlso": {"@id": terms.page_url},
    }


def contact(terms):
    """dcat:contactPoint: a vCard (DCAT-AP: vcard:Kind)."""
    node = {
        "@id": terms.page_url + "#contact",
        "@type": ["vcard:Kind", "vcard:Organization"],
        "vcard:fn": terms.contact_name,
        "vcard:hasURL": {"@id": terms.page_url},
    }
    if terms.contact_email:
        node["vcard:hasEmail"] = {"@id": f"mailto:{terms.contact_email}"}
    if terms.contact_phone:
        node["vcard:hasTelephone"] = {
            "@id": "tel:" + "".join(terms.contact_phone.split())
        }
    return node


def languages(*codes):
    return [
        {**iri("language", code), "@type": "dct:LinguisticSystem"} for code in codes
    ]


def spatial(request):
    """China, and the regions at the top of this site's list (its jurisdiction)."""
    places = [{**iri("country", "CHN"), "@type": "dct:Location"}]
    regions = page_url(request, "opendata-dataset", slug="regions")
    for region in Region.objects.filter(parent__isnull=True).order_by("code"):
        places.append(
            {
                "@id": f"{regions}#{region.code}",
                "@type": "dct:Location",
                "skos:prefLabel": {"@value": region.name, "@language": "zh-Hans"},
                "dct:identifier": region.code,
            }
        )
    return places


def temporal(dataset, state):
    """dct:temporal: from the first to the last date the public rows are about;
    for a dataset with no dates (the region list), the day it was last true."""
    key = f"opendata-coverage:{dataset.slug}:{state.generation}:{state.changed_at}"
    found = cache.get_or_set(key, dataset.coverage, 3600)
    period = {"@type": "dct:PeriodOfTime"}
    if found is not None:
        period["dcat:startDate"] = typed(found[0].isoformat(), "xsd:date")
        period["dcat:endDate"] = typed(found[1].isoformat(), "xsd:date")
    else:
        day = moment(state.changed_at)[:10]
        period["dcat:endDate"] = typed(day, "xsd:date")
    return period


# -- the catalogue, a page at a time -------------------------------------------------


def catalog_page(request, number, address):
    """Page ``number`` (from 1) of the catalogue; ``address`` is the document's own
    address without a query (catalog.jsonld, .ttl or .rdf), for the Hydra links."""
    terms = current_terms(request)
    slugs = list(DATASETS)[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    datasets = [DATASETS[slug] for slug in slugs]
    states = states_of(DATASETS.values())
    release_files = {}
    for entry in releases():
        for release_file in entry.files:
            release_files.setdefault(release_file.dataset, []).append(release_file)
    first_release = min(
        (f.release.cut_at for files in release_files.values() for f in files),
        default=None,
    )
    from .models import OpenDataSettings

    issued = OpenDataSettings.load().opened_at
    if first_release is not None:
        issued = min(issued, first_release)
    places = spatial(request)
    nodes = [
        dataset_node(
            dataset,
            request,
            release_files.get(dataset.slug, []),
            states[dataset.slug],
            terms,
            places,
        )
        for dataset in datasets
    ]
    last = page_count()
    view = {
        "@id": f"{address}?page={number}",
        "@type": "hydra:PartialCollectionView",
        "hydra:first": {"@id": f"{address}?page=1"},
        "hydra:last": {"@id": f"{address}?page={last}"},
    }
    if number > 1:
        view["hydra:previous"] = {"@id": f"{address}?page={number - 1}"}
    if number < last:
        view["hydra:next"] = {"@id": f"{address}?page={number + 1}"}
    return {
        "@context": CONTEXT,
        "@id": absolute(request, "opendata-catalog"),
        "@type": ["dcat:Catalog", "hydra:Collection"],
        "dct:title": tagged(CATALOG_TITLE),
        "dct:description": tagged(CATALOG_DESCRIPTION),
        "dct:publisher": agent(
            terms.publisher, identifier=terms.page_url + "#publisher"
        ),
        "foaf:homepage": {"@id": page_url(request, "opendata-index")},
        "dct:language": languages(*LANGUAGES.values()),
        "dct:license": licence(terms),
        "dct:rights": rights(terms),
        "dct:issued": typed(moment(issued), "xsd:dateTime"),
        "dct:modified": typed(
            moment(max(state.changed_at for state in states.values())),
            "xsd:dateTime",
        ),
        "dct:spatial": places,
        "dcat:themeTaxonomy": {
            "@id": f"{EU}data-theme",
            "@type": "skos:ConceptScheme",
            "dct:title": {"@value": "Data theme", "@language": "en"},
        },
        "dcat:contactPoint": contact(terms),
        "dcat:dataset": nodes,
        "dcat:service": [service_node(dataset, request, terms) for dataset in datasets],
        "hydra:totalItems": len(DATASETS),
        "hydra:view": view,
    }


def dataset_node(dataset, request, release_files, state, terms, places):
    page = page_url(request, "opendata-dataset", slug=dataset.slug)
    rules = {"dct:license": licence(terms), "dct:rights": rights(terms)}
    return {
        "@id": page,
        "@type": "dcat:Dataset",
        "dct:identifier": dataset.slug,
        "dct:title": tagged(dataset.title),
        "dct:description": tagged(dataset.description),
        "dct:modified": typed(moment(state.changed_at), "xsd:dateTime"),
        "dcat:landingPage": {"@id": page},
        "dct:conformsTo": {"@id": datapackage_url(request, dataset)},
        "dct:publisher": agent(*terms.publisher_of(dataset.slug)),
        "dcat:contactPoint": contact(terms),
        "dcat:keyword": [
            value for keyword in dataset.keywords for value in tagged(keyword)
        ],
        "dcat:theme": [concept("data-theme", code) for code in dataset.themes],
        "dct:spatial": places,
        "dct:temporal": temporal(dataset, state),
        # The files follow every publication; releases are cut each quarter.
        "dct:accrualPeriodicity": {
            **iri("frequency", "UPDATE_CONT"),
            "@type": "dct:Frequency",
        },
        "dct:language": languages(LANGUAGES[settings.LANGUAGE_CODE]),
        "dcat:distribution": [
            {**distribution, **rules}
            for distribution in (
                *(current_distribution(dataset, request, fmt) for fmt in FORMAT_ORDER),
                api_distribution(dataset, request),
                *(release_distribution(request, file) for file in release_files),
            )
        ],
    }


def format_properties(fmt):
    file_type, media_type = FILE_TYPES[fmt]
    properties = {
        "dct:format": {**iri("file-type", file_type), "@type": "dct:MediaTypeOrExtent"}
    }
    if media_type:
        properties["dcat:mediaType"] = {
            "@id": IANA + media_type,
            "@type": "dct:MediaType",
        }
    else:
        properties["dct:conformsTo"] = {"@id": JSON_LINES, "@type": "dct:Standard"}
    return properties


def current_distribution(dataset, request, fmt):
    url = file_url(request, dataset, fmt)
    return {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": f"{dataset.slug}.{fmt}",
        "dct:description": formatted(CURRENT_FILE, format=FORMAT_NAMES[fmt]),
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dcatap:availability": concept("planned-availability", "AVAILABLE"),
        **format_properties(fmt),
    }


def service_id(request, dataset):
    return absolute(request, "opendata-api", slug=dataset.slug) + "#service"


def api_distribution(dataset, request):
    url = absolute(request, "opendata-api", slug=dataset.slug)
    return {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": f"/api/v1/{dataset.slug}",
        "dct:description": tagged(API_ACCESS),
        "dcat:accessURL": {"@id": url},
        "dcatap:availability": concept("planned-availability", "AVAILABLE"),
        **format_properties("json"),
        "dcat:accessService": {"@id": service_id(request, dataset)},
    }


def service_node(dataset, request, terms):
    """The read API of one dataset: a dcat:DataService with its title (mandatory),
    endpoint, OpenAPI description and the dataset it serves."""
    url = absolute(request, "opendata-api", slug=dataset.slug)
    return {
        "@id": service_id(request, dataset),
        "@type": "dcat:DataService",
        "dct:title": formatted(SERVICE_TITLE, title=dataset.title),
        "dcat:endpointURL": {"@id": url},
        "dcat:endpointDescription": {"@id": absolute(request, "opendata-openapi")},
        "dcat:servesDataset": {
            "@id": page_url(request, "opendata-dataset", slug=dataset.slug)
        },
        "dct:publisher": agent(*terms.publisher_of(dataset.slug)),
        "dcat:contactPoint": contact(terms),
        "dct:license": licence(terms),
    }


def release_distribution(request, release_file):
    url = release_file_url(request, release_file)
    release = release_file.release
    fmt = release_file.format
    return {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": f"{release.label}/{release_file.dataset}.{fmt}",
        "dct:description": formatted(
            RELEASE_FILE, label=release.label, format=FORMAT_NAMES.get(fmt, fmt)
        ),
        "dct:issued": typed(moment(release.cut_at), "xsd:dateTime"),
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dcatap:availability": concept("planned-availability", "STABLE"),
        **format_properties(fmt),
        "dcat:byteSize": typed(release_file.size, "xsd:nonNegativeInteger"),
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
            "spdx:checksumValue": typed(release_file.sha256, "xsd:hexBinary"),
        },
    }
