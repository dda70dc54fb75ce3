"""Every service and organisation the API returns, in full and in lists, validates against the
official HSDS 3.0 JSON schemas (vendored in vendor/hsds-3.0/), $refs resolved to local files."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT7

from tests.directory.factories import (
    LocationFactory,
    PhoneFactory,
    ScheduleExceptionFactory,
    ServiceFactory,
    confidential_location,
)
from tillid.directory import demo
from tillid.directory.models import Contact, Language, ServiceAtLocation

pytestmark = pytest.mark.django_db

HSDS = Path(__file__).resolve().parents[2] / "vendor" / "hsds-3.0"
REMOTE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/compiled/"
OPENAPI_URI = "urn:tillid:hsds-openapi"
COMPILED = ["service", "service_list", "organization", "organization_list"]


@cache
def registry() -> Registry:
    """The compiled schemas under their official URLs, and HSDS's OpenAPI document."""
    resources = [
        (REMOTE + f"{name}.json", DRAFT7.create_resource(load(f"{name}.json"))) for name in COMPILED
    ]
    resources.append((OPENAPI_URI, DRAFT7.create_resource(load("openapi.json"))))
    return Registry().with_resources(resources)


@cache
def load(name: str) -> Any:
    return json.loads((HSDS / name).read_text(encoding="utf-8"))


def validator(ref: str) -> Draft7Validator:
    return Draft7Validator({"$ref": ref}, registry=registry(), format_checker=FormatChecker())


def page_validator(path: str) -> Draft7Validator:
    """The 200 response of an HSDS list path (the Page envelope with its contents)."""
    pointer = path.replace("/", "~1")
    return validator(
        f"{OPENAPI_URI}#/paths/{pointer}/get/responses/200/content/application~1json/schema"
    )


def assert_valid(instance: Any, checker: Draft7Validator) -> None:
    errors = sorted(checker.iter_errors(instance), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_our_local_schemas_accept_the_specifications_own_examples() -> None:
    assert_valid(load("examples/service_full.json"), validator(REMOTE + "service.json"))
    assert_valid(load("examples/organization_full.json"), validator(REMOTE + "organization.json"))
    assert_valid(load("examples/service_list.json"), page_validator("/services"))


def rich_directory() -> None:
    """The demo directory, plus a service using every related record we publish."""
    demo.load()
    service = ServiceFactory(
        types=["akut"],
        alternate_name="Tidligere navn",
        url="https://example.org/hjaelp",
        email="raad@example.org",
        minimum_age=12,
        maximum_age=25,
        alert="Ændrede tider i december",
        interpretation_services="Tolk efter aftale",
        is_free=True,
    )
    PhoneFactory(service=service, hours_mode="always", is_verified=False)
    ScheduleExceptionFactory(service=service, date=service.created_at.date(), is_closed=True)
    confidential_location(service)
    ServiceAtLocation.objects.create(
        service=service,
        location=LocationFactory(organization=service.organization, latitude=55.67, longitude=12.5),
    )
    Contact.objects.create(service=service, name="Vagthavende", email="vagt@example.org")
    Language.objects.create(service=service, code="ar", name="Arabisk")


def test_every_service_validates_in_lists_and_in_full(client: Client) -> None:
    rich_directory()
    body = client.get("/api/v1/services", {"per_page": 100}).json()
    assert body["total_items"] == 10
    assert_valid(body, page_validator("/services"))
    full = validator(REMOTE + "service.json")
    listed = validator(REMOTE + "service_list.json")
    for item in body["contents"]:
        assert_valid(item, listed)
        assert_valid(client.get(f"/api/v1/services/{item['id']}").json(), full)


def test_every_organization_validates_in_lists_and_in_full(client: Client) -> None:
    rich_directory()
    body = client.get("/api/v1/organizations", {"per_page": 100}).json()
    assert body["total_items"] >= 8
    assert_valid(body, page_validator("/organizations"))
    full = validator(REMOTE + "organization.json")
    listed = validator(REMOTE + "organization_list.json")
    for item in body["contents"]:
        assert_valid(item, listed)
        assert_valid(client.get(f"/api/v1/organizations/{item['id']}").json(), full)
