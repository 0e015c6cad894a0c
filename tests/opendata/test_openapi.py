"""/api/v1/openapi.json: one path per dataset with exactly its parameters, a row
schema matching its fields, and real answers that validate against it."""

from django.core.cache import cache
from django.urls import reverse

import jsonschema
import pytest

from opendata.datasets import DATASETS
from opendata.schema import BOOLEAN, DATE, DATETIME, INTEGER, NUMBER, STRING

JSON_TYPES = {
    STRING: ("string", None),
    INTEGER: ("integer", None),
    NUMBER: ("number", None),
    BOOLEAN: ("boolean", None),
    DATE: ("string", "date"),
    DATETIME: ("string", "date-time"),
}


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def document(client, db):
    response = client.get(reverse("opendata-openapi"), HTTP_ORIGIN="https://a.example")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def resolve(document, node):
    """Follow a local $ref."""
    while "$ref" in node:
        target = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def test_the_document_is_openapi_31(document):
    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": "http://testserver"}]
    assert document["info"]["title"]
    assert "x-title-en" in document["info"]


def test_the_document_validates(document):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(document)


def test_every_dataset_has_its_path(document):
    assert set(document["paths"]) == {f"/api/v1/{slug}" for slug in DATASETS}
    for slug, dataset in DATASETS.items():
        operation = document["paths"][f"/api/v1/{slug}"]["get"]
        assert operation["summary"] == str(dataset.title)
        assert set(operation["responses"]) == {"200", "400", "404", "405", "429"}
        assert resolve(document, operation["responses"]["429"])["headers"][
            "Retry-After"
        ]


@pytest.mark.parametrize("slug", list(DATASETS))
def test_parameters_are_exactly_those_offered(document, slug):
    dataset = DATASETS[slug]
    operation = document["paths"][f"/api/v1/{slug}"]["get"]
    parameters = [resolve(document, p) for p in operation["parameters"]]
    names = [parameter["name"] for parameter in parameters]
    assert names == [*dataset.offers(), "cursor", "page_size", "lang"]
    assert all(parameter["in"] == "query" for parameter in parameters)
    by_name = {parameter["name"]: parameter for parameter in parameters}
    if "status" in by_name:
        assert by_name["status"]["schema"]["enum"] == list(dataset.statuses)
    if "list" in by_name:
        assert by_name["list"]["schema"]["enum"] == ["abnormal", "serious"]
    assert by_name["page_size"]["schema"]["maximum"] == 1000


@pytest.mark.parametrize("slug", list(DATASETS))
def test_every_field_is_a_property_of_its_type(document, slug):
    dataset = DATASETS[slug]
    row = document["components"]["schemas"][f"{slug}.row"]
    assert list(row["properties"]) == dataset.field_names
    assert row["required"] == dataset.field_names
    for column in dataset.fields:
        schema = row["properties"][column.name]
        json_type, json_format = JSON_TYPES[column.type]
        if column.required:
            assert schema["type"] == json_type
        else:
            assert schema["type"] == [json_type, "null"]
        assert schema.get("format") == json_format
        assert schema["title"] == str(column.title)
        assert "x-title-en" in schema
        if column.choices is not None:
            assert set(schema["enum"]) - {None} == set(column.choices.values)
            assert (None in schema["enum"]) is not column.required
        if column.pattern:
            assert schema["pattern"] == column.pattern


@pytest.mark.parametrize("slug", list(DATASETS))
def test_real_answers_match_the_document(client, world, document, slug):
    page = {
        "$ref": f"#/components/schemas/{slug}.page",
        "components": document["components"],
    }
    body = client.get(reverse("opendata-api", kwargs={"slug": slug})).json()
    assert body["results"]
    jsonschema.Draft202012Validator(
        page, format_checker=jsonschema.FormatChecker()
    ).validate(body)


def test_a_wrong_answer_fails_the_schema(document):
    page = {
        "$ref": "#/components/schemas/regions.page",
        "components": document["components"],
    }
    wrong = {
        "dataset": "regions",
        "count": 1,
        "results": [{"id": "1", "code": None}],
        "next": None,
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(page).validate(wrong)


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/v1/regions", {"page_size": "0"}, 400),
        ("/api/v1/no-such-data", {}, 404),
        ("/api/v1/search", {"page_size": "0"}, 400),
        ("/api/v1/ledger", {"cursor": "!"}, 400),
    ],
)
def test_real_errors_match_the_error_schema(client, db, document, path, params, status):
    error = {"$ref": "#/components/schemas/Error", "components": document["components"]}
    response = client.get(path, params)
    assert response.status_code == status
    jsonschema.Draft202012Validator(error).validate(response.json())
