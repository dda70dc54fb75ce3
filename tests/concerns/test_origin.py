"""Started where the worry arises: a finalised risk assessment of a minor at high or acute risk
and a consultation case link to the concern report, carrying nothing but the page's path."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.risk.conftest import finish
from tillid.accounts.models import User
from tillid.concerns.models import Report
from tillid.risk import services as risk_services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _instruments(db: None) -> None:
    risk_services.instruments_load()


def test_a_high_risk_assessment_of_a_minor_links_to_the_report_and_only_the_path_goes_along(
    professional: User, login: Callable[[User], Client]
) -> None:
    assessment = finish(professional, final_level="hoej", justification="Truslerne er alvorlige.")
    client = login(professional)
    page = client.get(f"/risikovurdering/{assessment.pk}/").content.decode()
    link = f"/underretning/?fra=/risikovurdering/{assessment.pk}/"
    assert link in page
    start = client.get(link).content.decode()
    assert f'name="fra" value="/risikovurdering/{assessment.pk}/"' in start
    client.post("/underretning/ny/", {"fra": f"/risikovurdering/{assessment.pk}/"})
    report = Report.objects.get(notifier=professional)
    assert report.origin_path == f"/risikovurdering/{assessment.pk}/"
    assert report.child_name == ""
    assert report.observations == ""
    assert report.concerns == []


def test_a_low_risk_assessment_shows_no_link(
    professional: User, login: Callable[[User], Client]
) -> None:
    assessment = finish(professional, final_level="lav", justification="Lav risiko.")
    page = login(professional).get(f"/risikovurdering/{assessment.pk}/").content.decode()
    assert "?fra=" not in page
