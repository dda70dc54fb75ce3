"""The public HSDS API: envelope, filters, limits, errors, caching and redaction."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.directory.factories import (
    LocationFactory,
    PhoneFactory,
    ServiceFactory,
    confidential_location,
    weekday_hours,
)
from tillid.directory import demo
from tillid.directory.models import Service, ServiceAtLocation, TaxonomyTerm

pytestmark = pytest.mark.django_db
API = "/api/v1"


def get(client: Client, path: str, **params: object) -> tuple[int, dict]:
    response = client.get(API + path, params)
    return response.status_code, response.json()


def test_services_page_envelope(client: Client) -> None:
    demo.load()
    status, body = get(client, "/services", per_page=4, page=2)
    assert status == 200
    assert {key: body[key] for key in body if key != "contents"} == {
        "total_items": 9,
        "total_pages": 3,
        "page_number": 2,
        "size": 4,
        "first_page": False,
        "last_page": False,
        "empty": False,
    }
    assert [service["name"] for service in body["contents"]] == [
        "Politiets kontaktpersoner",
        "RED Rådgivning",
        "RED Safehouse",
        "Sikkerhedskonsulenterne",
    ]
    status, body = get(client, "/services", per_page=4, page=9)
    assert status == 200
    assert body["empty"]
    assert body["contents"] == []
    assert body["last_page"]


@pytest.mark.parametrize(
    "params",
    [
        {"per_page": 100000},
        {"per_page": 0},
        {"page": -1},
        {"page": 0},
        {"page": "abc"},
        {"taxonomy_term_id": "not-a-uuid"},
        {"modified_after": "yesterday"},
        {"search": "x" * 201},
    ],
)
def test_bad_parameters_get_422_with_a_json_body(client: Client, params: dict) -> None:
    response = client.get(API + "/services", params)
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "params",
    [
        {"taxonomy_term_id": str(uuid.uuid4())},
        {"taxonomy_id": str(uuid.uuid4())},
        {"organization_id": str(uuid.uuid4())},
    ],
)
def test_unknown_ids_get_404_with_a_json_body(client: Client, params: dict) -> None:
    status, body = get(client, "/services", **params)
    assert status == 404
    assert body["detail"].startswith("Unknown")


def test_unknown_service_and_organization_are_404(client: Client) -> None:
    for path in (f"/services/{uuid.uuid4()}", f"/organizations/{uuid.uuid4()}"):
        status, body = get(client, path)
        assert status == 404
        assert body["detail"]
    assert client.get(API + "/services/123").status_code == 422


def test_filters_by_taxonomy_term_organization_search_and_modified_after(client: Client) -> None:
    demo.load()
    term = TaxonomyTerm.objects.get(code="opholdssted")
    _status, body = get(client, "/services", taxonomy_term_id=str(term.uuid))
    assert [service["name"] for service in body["contents"]] == ["RED Safehouse"]
    red = Service.objects.get(slug="red-raadgivning").organization
    _status, body = get(client, "/services", organization_id=str(red.uuid))
    assert {service["name"] for service in body["contents"]} == {"RED Rådgivning", "RED Safehouse"}
    _status, body = get(client, "/services", search="etnisk ung")
    assert [service["name"] for service in body["contents"]] == ["RED Rådgivning"]
    later = timezone.now() + timedelta(minutes=5)
    Service.objects.filter(slug="viso").update(last_modified=later)
    _status, body = get(client, "/services", modified_after=later.isoformat())
    assert [service["name"] for service in body["contents"]] == ["VISO"]
    naive = later.astimezone(timezone.get_fixed_timezone(0)).replace(tzinfo=None).isoformat()
    _status, body = get(client, "/services", modified_after=naive)  # naive means UTC
    assert [service["name"] for service in body["contents"]] == ["VISO"]


def test_inactive_services_are_not_in_the_api(client: Client) -> None:
    service = ServiceFactory(status=Service.Status.INACTIVE)
    _status, body = get(client, "/services")
    assert body["total_items"] == 0
    assert get(client, f"/services/{service.uuid}")[0] == 404


def test_full_service_has_phones_schedules_and_attributes(client: Client) -> None:
    demo.load()
    service = Service.objects.get(slug="etnisk-konsulentteam")
    status, body = get(client, f"/services/{service.uuid}")
    assert status == 200
    assert body["id"] == str(service.uuid)
    assert body["phones"][0]["number"] == "+45 26 77 91 98"
    assert "Verificeret" in body["phones"][0]["description"]
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in body["schedules"]] == [
        ("MO", "08:00", "16:00"),
        ("TU", "08:00", "16:00"),
        ("WE", "08:00", "16:00"),
        ("TH", "08:00", "16:00"),
        ("FR", "08:00", "15:00"),
    ]
    assert "kommunens lukkedage" in body["schedules"][0]["notes"]
    assert {attribute["taxonomy_term"]["code"] for attribute in body["attributes"]} >= {
        "sparring",
        "konfliktmaegling",
    }
    assert body["cost_options"][0]["amount"] == 0
    lokk = Service.objects.get(slug="lokk-raadgivning")
    _status, body = get(client, f"/services/{lokk.uuid}")
    assert "Ikke verificeret" in body["phones"][0]["description"]
    assert body["schedules"][0]["description"] == "Døgnåben"


def test_confidential_location_never_leaks(client: Client) -> None:
    service = ServiceFactory()
    weekday_hours(service)
    confidential_location(service, area="Storkøbenhavn")
    public = LocationFactory(organization=service.organization, latitude=55.6761, longitude=12.5683)
    ServiceAtLocation.objects.create(service=service, location=public)
    documents = [
        client.get(f"{API}/services/{service.uuid}").content.decode(),
        client.get(f"{API}/organizations/{service.organization.uuid}").content.decode(),
        client.get(f"{API}/services").content.decode(),
    ]
    full = json.loads(documents[0])
    by_name = {link["location"]["name"]: link["location"] for link in full["service_at_locations"]}
    hidden = by_name["Skjult bolig"]
    assert hidden["description"] == "Hemmelig adresse. Område: Storkøbenhavn"
    assert hidden["addresses"] == []
    assert "latitude" not in hidden
    assert "longitude" not in hidden
    assert by_name["Rådgivningen"]["addresses"][0]["address_1"] == "Rådhuspladsen 1"
    assert by_name["Rådgivningen"]["latitude"] == pytest.approx(55.6761)


def test_organizations_taxonomies_and_terms(client: Client) -> None:
    demo.load()
    _status, body = get(client, "/organizations", search="safehouse")
    assert [organization["name"] for organization in body["contents"]] == ["RED"]
    red = body["contents"][0]
    _status, full = get(client, f"/organizations/{red['id']}")
    assert {service["name"] for service in full["services"]} == {"RED Rådgivning", "RED Safehouse"}
    _status, body = get(client, "/taxonomies")
    assert body["contents"][0]["name"] == "Tillid: ydelsestyper"
    taxonomy_id = body["contents"][0]["id"]
    _status, body = get(client, "/taxonomy_terms", taxonomy_id=taxonomy_id, per_page=100)
    assert body["total_items"] == 10
    assert "akut" in {term["code"] for term in body["contents"]}
    _status, body = get(client, "/taxonomy_terms", search="konflikt")
    assert [term["code"] for term in body["contents"]] == ["konfliktmaegling"]


def test_etag_and_last_modified_give_304(client: Client) -> None:
    service = ServiceFactory()
    PhoneFactory(service=service)
    for path in ("/services", f"/services/{service.uuid}", "/organizations", "/taxonomy_terms"):
        first = client.get(API + path)
        assert first.status_code == 200
        etag, last_modified = first["ETag"], first["Last-Modified"]
        assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
        again = client.get(API + path, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304
        assert again.content == b""
        assert again["ETag"] == etag
        assert client.get(API + path, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    stale = client.get(API + "/services")["ETag"]
    Service.objects.filter(pk=service.pk).update(name="Nyt navn")
    assert client.get(API + "/services", HTTP_IF_NONE_MATCH=stale).status_code == 200


def test_api_root_and_openapi_document(client: Client) -> None:
    status, body = get(client, "/")
    assert status == 200
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("/api/v1/openapi.json")
    document = client.get(API + "/openapi.json").json()
    assert set(document["paths"]) == {
        "/api/v1/",
        "/api/v1/services",
        "/api/v1/services/{id}",
        "/api/v1/organizations",
        "/api/v1/organizations/{id}",
        "/api/v1/taxonomies",
        "/api/v1/taxonomy_terms",
    }
    per_page = next(
        parameter
        for parameter in document["paths"]["/api/v1/services"]["get"]["parameters"]
        if parameter["name"] == "per_page"
    )
    assert per_page["schema"]["maximum"] == 100
    assert client.get(API + "/docs/").status_code == 404  # no Swagger UI from a CDN


def test_api_is_read_only_and_public(
    client: Client, django_assert_max_num_queries: Callable[..., object]
) -> None:
    assert client.post(API + "/services").status_code == 405
    for count in (3, 30):
        for _ in range(count):
            PhoneFactory(service=ServiceFactory())
        with django_assert_max_num_queries(2):
            assert client.get(API + "/services", {"per_page": 100}).status_code == 200
        service = Service.objects.first()
        with django_assert_max_num_queries(8):
            assert client.get(f"{API}/services/{service.uuid}").status_code == 200


@pytest.mark.parametrize(
    "value", ["5197-09-21T15:41:53+23:42", "0001-01-01T00:30:00+01:00", "9999-12-31T23:00:00-05:00"]
)
def test_modified_after_with_extreme_offsets_is_answered(client, value: str) -> None:
    """Found by schemathesis on PostgreSQL: offsets beyond ±15:59 used to reach the database."""
    for path in ["/api/v1/services", "/api/v1/organizations"]:
        response = client.get(path, {"modified_after": value})
        assert response.status_code == 200, response.content
