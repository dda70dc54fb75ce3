"""The report's pages over HTTP: the wizard's redirects (adult, resume, steps not reached yet),
a double click on "Send" (one report), and bounded queries on the list pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tests.concerns.conftest import MONDAY_10, fill
from tillid.accounts.models import User
from tillid.concerns import services
from tillid.concerns.models import IntakeUnit, Report, Status

pytestmark = pytest.mark.django_db


def test_a_child_aged_18_is_redirected_to_adult_advice(
    professional: User, login: Callable[[User], Client]
) -> None:
    client = login(professional)
    report = services.report_start(actor=professional)
    client.post(f"/underretning/{report.pk}/trin/akut/", {"acute": "nej"})
    response = client.post(f"/underretning/{report.pk}/trin/barnet/", {"name": "Ali", "age": "18"})
    assert response.status_code == 302
    assert response["Location"] == "/underretning/voksen/"
    assert "rådgivning" in client.get("/underretning/voksen/").content.decode()


def test_a_step_not_reached_yet_sends_back_to_the_first_open_step(
    professional: User, login: Callable[[User], Client]
) -> None:
    client = login(professional)
    report = services.report_start(actor=professional)
    response = client.get(f"/underretning/{report.pk}/trin/gennemse/")
    assert response["Location"] == f"/underretning/{report.pk}/trin/akut/"
    assert client.get(f"/underretning/{report.pk}/")["Location"].endswith("/trin/akut/")


def test_the_cpr_number_is_shown_masked_and_never_in_the_form(
    professional: User, login: Callable[[User], Client]
) -> None:
    client = login(professional)
    report = fill(services.report_start(actor=professional), professional, cpr="0505144234")
    page = client.get(f"/underretning/{report.pk}/trin/barnet/").content.decode()
    assert "050514-XXXX" in page
    assert "0505144234" not in page
    review = client.get(f"/underretning/{report.pk}/trin/gennemse/").content.decode()
    assert "050514-XXXX" in review
    assert "0505144234" not in review


def test_a_double_click_on_send_sends_one_report(
    professional: User, intake_unit: IntakeUnit, login: Callable[[User], Client]
) -> None:
    client = login(professional)
    report = fill(services.report_start(actor=professional), professional)
    first = client.post(f"/underretning/{report.pk}/trin/gennemse/")
    second = client.post(f"/underretning/{report.pk}/trin/gennemse/", follow=True)
    assert first["Location"] == f"/underretning/{report.pk}/status/"
    assert "kun sendt én gang" in second.content.decode()
    assert Report.objects.filter(status=Status.RECEIVED).count() == 1


def test_sending_without_observations_names_the_step(
    professional: User, intake_unit: IntakeUnit, login: Callable[[User], Client]
) -> None:
    client = login(professional)
    report = fill(services.report_start(actor=professional), professional)
    response = client.post(f"/underretning/{report.pk}/trin/bekymringen/", {"observations": ""})
    assert "Beskriv, hvad du konkret har set og hørt" in response.content.decode()
    report.refresh_from_db()
    assert report.observations  # the saved observations are kept


def test_list_pages_need_a_fixed_number_of_queries(
    submit: Callable[..., Report],
    professional: User,
    intake_worker: User,
    login: Callable[[User], Client],
    django_assert_max_num_queries: Any,
) -> None:
    reports = [submit(at=MONDAY_10, cpr="0505144234") for _ in range(4)]
    client = login(intake_worker)
    with django_assert_max_num_queries(25):
        assert client.get("/modtagelse/").status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(f"/modtagelse/{reports[-1].pk}/").status_code == 200
    client = login(professional)
    with django_assert_max_num_queries(15):
        assert client.get("/underretning/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(f"/underretning/{reports[0].pk}/status/").status_code == 200
