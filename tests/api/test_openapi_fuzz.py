"""Schemathesis: generated requests against the API's own OpenAPI document, through the Django
WSGI app (no server, no network). No 5xx, and every response conforms to the document.
Kept small (few examples per operation) so the suite stays fast.

The schema is loaded at import (the OpenAPI view needs no database): schemathesis's lazy
``from_fixture`` loader does not work with pytest 9.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tillid.directory import demo

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def directory(db: None) -> Iterator[None]:
    """Demo data, and the test's database connection kept open across requests: a bare WSGI call
    (unlike Django's test client) would close it at the end of each request, as in production."""
    demo.load()
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(directory: None, case: schemathesis.Case) -> None:
    case.call_and_validate()
