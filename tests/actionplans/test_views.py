"""The pages of action plans through HTTP: start (adults only), edit the parts, finalise,
revise, compare; the list and the plan page in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from tests.actionplans.conftest import TODAY, adult_assessment, fill_plan, new_plan
from tillid.accounts.models import User
from tillid.actionplans import services
from tillid.actionplans.models import ActionPlan, PlanVersion

pytestmark = pytest.mark.django_db


def test_starting_a_plan_for_a_minor_shows_the_way_to_a_concern_report(
    now: Any, worker: User, login: Callable[[User], Client]
) -> None:
    response = login(worker).post(
        "/handleplaner/ny/",
        {"citizen_name": "Mina", "birth_date": (TODAY - timedelta(days=365 * 16)).isoformat()},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Borgeren er under 18 år" in page
    assert "underrette" in page
    assert not ActionPlan.objects.exists()


def test_a_case_worker_makes_a_plan_page_by_page(
    now: Any, instrument: Any, worker: User, login: Callable[[User], Client]
) -> None:
    client = login(worker)
    response = client.post(
        "/handleplaner/ny/", {"citizen_name": "Aisha Hansen", "birth_date": "1995-05-17"}
    )
    plan = ActionPlan.objects.get()
    assert response["Location"] == f"/handleplaner/{plan.pk}/"
    base = f"/handleplaner/{plan.pk}/del"
    assessment = adult_assessment(worker)
    risk_page = client.get(f"{base}/risiko/")
    assert f"Nr. {assessment.pk}" in risk_page.content.decode()
    posts = [
        ("risiko", {"assessment": assessment.pk}),
        (
            "situation",
            {"housing": "Hos forældre", "work": "Ingen", "education": "VUC", "relatives": "Svært"},
        ),
        (
            "stoette",
            {"area": "bolig", "service": "", "text": "Krisecenter", "purpose": "Sikkerhed"},
        ),
        ("anden-stoette", {"text": "Psykolog", "law": "", "purpose": "Bearbejde"}),
        ("maal", {"goals": "Egen bolig", "citizen_words": "Jeg vil bestemme selv"}),
        (
            "handlinger",
            {"what": "Søg bolig", "who": "Sofie", "due": "2026-04-01", "status": "planlagt"},
        ),
        (
            "moeder",
            {
                "day": TODAY.isoformat(),
                "participants": "Aisha, Sofie",
                "interpreter": "on",
                "language": "arabisk",
            },
        ),
        ("enighed", {"kind": "enig", "day": TODAY.isoformat(), "how": "papir", "reasons": ""}),
        ("opfoelgning", {"review_date": (TODAY + timedelta(days=30)).isoformat()}),
    ]
    for part, data in posts:
        response = client.post(f"{base}/{part}/", data)
        assert response.status_code == 302, (part, response.content.decode()[:3000])
    # An action without a responsible person is refused on the form.
    response = client.post(
        f"{base}/handlinger/",
        {"what": "Ring", "who": "", "due": "2026-04-01", "status": "planlagt"},
    )
    assert response.status_code == 200
    page = client.get(f"/handleplaner/{plan.pk}/").content.decode()
    assert "Før planen kan afsluttes" not in page
    response = client.post(f"/handleplaner/{plan.pk}/afslut/", {"draft_number": 1})
    assert response["Location"] == f"/handleplaner/{plan.pk}/version/1/"
    # The same form sent again (a second tab, a colleague): told, nothing changes.
    response = client.post(f"/handleplaner/{plan.pk}/afslut/", {"draft_number": 1}, follow=True)
    assert "allerede afsluttet" in response.content.decode()
    assert PlanVersion.objects.count() == 1
    client.post(f"/handleplaner/{plan.pk}/revider/")
    client.post(f"{base}/situation/", posts[1][1] | {"housing": "Krisecenter"})
    client.post(f"{base}/enighed/", posts[7][1])
    client.post(f"/handleplaner/{plan.pk}/afslut/", {"draft_number": 2})
    assert PlanVersion.objects.count() == 2
    compare = client.get(f"/handleplaner/{plan.pk}/sammenlign/?fra=1&til=2").content.decode()
    assert "<del>" in compare
    assert "Hos forældre" in compare
    assert "<ins>" in compare


def test_the_list_and_the_plan_page_cost_a_fixed_number_of_queries(
    now: Any,
    instrument: Any,
    worker: User,
    login: Callable[[User], Client],
    django_assert_max_num_queries: Any,
) -> None:
    assessment = adult_assessment(worker)
    plans = [fill_plan(worker, new_plan(worker), assessment=assessment) for _ in range(3)]
    for plan in plans:
        services.plan_finalise(actor=worker, plan=plan, draft_number=1)
    client = login(worker)
    client.get("/handleplaner/")
    with django_assert_max_num_queries(14):
        assert client.get("/handleplaner/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(f"/handleplaner/{plans[0].pk}/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(f"/handleplaner/{plans[0].pk}/version/1/").status_code == 200


def test_a_plan_started_from_an_adults_risk_assessment_links_it(
    now: Any, instrument: Any, worker: User, login: Callable[[User], Client]
) -> None:
    assessment = adult_assessment(worker)
    client = login(worker)
    detail = client.get(f"/risikovurdering/{assessment.pk}/").content.decode()
    start_url = f"/handleplaner/ny/?vurdering={assessment.pk}"
    assert start_url in detail.replace("&amp;", "&")
    client.post(start_url, {"citizen_name": "Aisha Hansen", "birth_date": "1995-05-17"})
    plan = ActionPlan.objects.get()
    assert plan.risk_assessment_id == assessment.pk
    assert plan.draft_content["risk"]["assessment_id"] == assessment.pk


def test_a_consultation_case_about_an_adult_offers_the_handover(
    now: Any, consultation_world: dict[str, Any], login: Callable[[User], Client]
) -> None:
    case = consultation_world["case"]
    page = login(consultation_world["consultant"]).get(f"/konsulent/sager/{case.pk}/")
    assert f"/handleplaner/fra-konsultation/{case.pk}/" in page.content.decode()
