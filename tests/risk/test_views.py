"""The flow through the test client (no JavaScript), reads audited, query counts, PDF, history."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from tests.risk.conftest import finish, start
from tillid.accounts.models import User
from tillid.core.models import AuditEntry
from tillid.risk.models import Assessment

pytestmark = pytest.mark.usefixtures("instrument")


@pytest.fixture
def author_client(professional: User, login: Callable[[User], Client]) -> Client:
    return login(professional)


def step_url(assessment: Assessment, slug: str) -> str:
    return reverse("risk:step", args=[assessment.pk, slug])


def group_data(codes: list[str], now: str = "nej", earlier: str = "nej", **given: Any) -> dict:
    data: dict[str, str] = {}
    for code in codes:
        data[f"{code}_nu"], data[f"{code}_tidligere"] = given.get(code, (now, earlier))
        data[f"{code}_grundlag"] = f"Hørt af borgeren ({code})"
    return data


def test_the_whole_flow_without_javascript(author_client: Client, professional: User) -> None:
    response = author_client.get(reverse("risk:new"))
    html = response.content.decode()
    assert 'class="step-indicator"' in html
    assert 'aria-current="step"' in html
    response = author_client.post(
        reverse("risk:new"),
        {"reference": "A. i 9.b", "age_group": "ung", "action": "continue"},
    )
    assessment = Assessment.objects.get()
    assert response["Location"] == step_url(assessment, "vold")

    author_client.post(step_url(assessment, "vold"), group_data(["V1", "V2", "V3", "V4", "V5"]))
    author_client.post(step_url(assessment, "netvaerk"), group_data(["N1", "N2", "N3", "N4"]))
    author_client.post(
        step_url(assessment, "saarbarhed"), group_data(["S1", "S2", "S3", "S4", "S5"])
    )
    # Continuing without every red flag answered: an error summary, nothing lost.
    partial = group_data(["F1"], F1=("ja", "nej"))
    response = author_client.post(step_url(assessment, "faretegn"), partial)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in html
    assert 'href="#id_F2_nu_0"' in html
    assert "Et faretegn kan ikke springes over" in html
    # "Gem kladde og luk" keeps the partial answers and returns to the list.
    response = author_client.post(step_url(assessment, "faretegn"), {**partial, "action": "save"})
    assert response["Location"] == reverse("risk:index")
    assert assessment.answers.get(item_code="F1").now == "ja"
    # The list offers to resume where the draft stopped.
    assert (
        step_url(assessment, "faretegn")
        in author_client.get(reverse("risk:index")).content.decode()
    )
    response = author_client.post(
        step_url(assessment, "faretegn"),
        group_data(["F1", "F2", "F3", "F4", "F5"], F1=("ja", "nej")),
    )
    assert response["Location"] == step_url(assessment, "beskyttende-faktorer")
    author_client.post(
        step_url(assessment, "beskyttende-faktorer"), {"factors": ["B1", "B3"], "note": "Lærer"}
    )
    scenario = {
        "scenarie-TOTAL_FORMS": "1",
        "scenarie-INITIAL_FORMS": "0",
        "scenarie-MIN_NUM_FORMS": "0",
        "scenarie-MAX_NUM_FORMS": "20",
        "scenarie-0-what": "Sendes til udlandet",
        "scenarie-0-who": "Far",
        "scenarie-0-how_soon": "uger",
        "scenarie-0-severity": "alvorlig",
        "action": "add",
    }
    response = author_client.post(step_url(assessment, "scenarier"), scenario)
    assert response["Location"] == step_url(assessment, "scenarier") + "#scenarier"
    html = author_client.get(step_url(assessment, "scenarier")).content.decode()
    assert "Sendes til udlandet" in html
    assert 'name="scenarie-1-what"' in html
    response = author_client.post(
        step_url(assessment, "scenarier"),
        {
            **scenario,
            "scenarie-TOTAL_FORMS": "2",
            "scenarie-INITIAL_FORMS": "1",
            "scenarie-1-what": "",
            "action": "continue",
        },
    )
    assert response["Location"] == step_url(assessment, "vurdering")

    html = author_client.get(step_url(assessment, "vurdering")).content.decode()
    assert "risk-level--hoej" in html
    assert "Mindst ét konkret faretegn er til stede nu." in html
    assert "F1. Er der planer om en rejse til udlandet" in html
    assert 'data-controls="#akut-hjaelp"' in html
    assert "ring 112" in html
    response = author_client.post(step_url(assessment, "vurdering"), {"final_level": "akut"})
    html = response.content.decode()
    assert "Din vurdering (Akut) afviger fra forslaget (Høj)" in html
    assert 'href="#id_justification"' in html
    response = author_client.post(
        step_url(assessment, "vurdering"),
        {"final_level": "akut", "justification": "Rejsen er planlagt til i morgen."},
    )
    assert response["Location"] == step_url(assessment, "naeste-skridt")
    html = author_client.get(step_url(assessment, "naeste-skridt")).content.decode()
    # Akut shows the emergency steps at once, first on the page.
    assert html.index("Akut fare: gør dette nu") < html.index("Aftalte næste skridt")
    assert 'href="tel:112"' in html
    assert "skærpet underretningspligt" in html
    response = author_client.post(
        step_url(assessment, "naeste-skridt"),
        {"note": "Ringer til døgnvagten.", "action": "finalise"},
    )
    assert response["Location"] == reverse("risk:detail", args=[assessment.pk])
    assessment.refresh_from_db()
    assert assessment.is_final
    assert (assessment.suggested_level, assessment.final_level) == ("hoej", "akut")
    assert assessment.scenarios.count() == 1

    # Finalised means read-only: the steps send the author to the assessment.
    response = author_client.post(step_url(assessment, "vold"), group_data(["V1"], now="ja"))
    assert response["Location"] == reverse("risk:detail", args=[assessment.pk])
    assert assessment.answers.get(item_code="V1").now == "nej"


def test_finalising_with_problems_lists_them_with_links(
    author_client: Client, professional: User
) -> None:
    assessment = start(professional)
    response = author_client.post(
        step_url(assessment, "naeste-skridt"), {"note": "", "action": "finalise"}
    )
    html = response.content.decode()
    assert "Vurderingen kan ikke afsluttes endnu" in html
    assert html.count(f'href="{step_url(assessment, "faretegn")}"') >= 5
    assert f'href="{step_url(assessment, "vurdering")}"' in html
    assessment.refresh_from_db()
    assert not assessment.is_final


def test_every_read_is_audited(author_client: Client, professional: User) -> None:
    final = finish(professional, F1=("ja", "nej"))
    draft = start(professional)
    before = AuditEntry.objects.count()
    author_client.get(reverse("risk:index"))
    author_client.get(reverse("risk:detail", args=[final.pk]))
    author_client.get(reverse("risk:pdf", args=[final.pk]))
    author_client.get(reverse("risk:history", args=[final.subject_id]))
    author_client.get(step_url(draft, "vold"))
    entries = list(AuditEntry.objects.order_by("id")[before:])
    assert [(entry.action, entry.target_id) for entry in entries] == [
        ("risk.assessment.listed", ""),
        ("risk.assessment.viewed", str(final.pk)),
        ("risk.assessment.exported", str(final.pk)),
        ("risk.subject.history_viewed", str(final.subject_id)),
        ("risk.assessment.viewed", str(draft.pk)),
    ]
    assert all(entry.actor_id == professional.pk for entry in entries)
    assert entries[0].details["drafts"] == [draft.pk]
    assert entries[3].details["assessments"] == [final.pk]


def test_query_counts_stay_flat(
    author_client: Client, professional: User, django_assert_max_num_queries: Any
) -> None:
    first = finish(professional, F1=("ja", "nej"))
    for _ in range(3):
        finish(professional, subject=first.subject, V1=("ja", "nej"))
    for _ in range(3):
        finish(professional)
        start(professional)
    latest = first.subject.assessments.order_by("-id").first()
    assert latest is not None
    # Today 11-12 queries each (session, user, roles, audit entry, the page's own reads);
    # the limits leave room for the site chrome, never for a query per assessment.
    pages = {
        reverse("risk:index"): 14,
        reverse("risk:history", args=[first.subject_id]): 14,
        reverse("risk:detail", args=[latest.pk]): 16,
        step_url(start(professional), "vurdering"): 16,
    }
    for url, limit in pages.items():
        with django_assert_max_num_queries(limit):
            assert author_client.get(url).status_code == 200, url


def test_the_pdf_is_confidential_and_names_the_instrument(
    author_client: Client, professional: User
) -> None:
    final = finish(
        professional,
        final_level="akut",
        justification="Rejsen er planlagt til i morgen.",
        F1=("ja", "nej"),
    )
    response = author_client.get(reverse("risk:pdf", args=[final.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == f'attachment; filename="risikovurdering-{final.pk}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "FORTROLIGT" in reader.pages[-1].extract_text()  # on every page, the last one too
    assert "Tillids risikovurdering ved æresrelaterede konflikter, version 1" in flat
    assert "Akut" in flat
    assert "Høj" in flat
    assert "Rejsen er planlagt til i morgen." in flat
    assert "ring 112" in flat
    assert f"Side 1 af {len(reader.pages)}" in flat
    assert reader.metadata is not None
    assert "Risikovurdering" in (reader.metadata.title or "")


def test_history_chart_and_table_highlight_level_changes(
    author_client: Client, professional: User
) -> None:
    first = finish(professional, V1=("ja", "nej"))
    finish(professional, subject=first.subject, F2=("ja", "nej"))
    finish(professional, subject=first.subject)
    html = author_client.get(reverse("risk:history", args=[first.subject_id])).content.decode()
    assert 'role="img"' in html
    assert "<desc" in html
    assert "3 vurderinger. Fra Moderat til Lav. Niveauet er ændret 2 gange." in html
    assert html.count('class="risk-chart-change"') == 2
    assert html.count('class="risk-history-changed"') == 2
    assert "Hævet fra Moderat til Høj" in html
    assert "Sænket fra Høj til Lav" in html
    assert "Første vurdering" in html


def test_reassess_starts_a_new_draft_for_the_same_subject(
    author_client: Client, professional: User
) -> None:
    final = finish(professional)
    response = author_client.post(reverse("risk:reassess", args=[final.subject_id]))
    new = Assessment.objects.exclude(pk=final.pk).get()
    assert response["Location"] == step_url(new, "person")
    assert new.subject_id == final.subject_id
    assert not new.is_final
    assert author_client.get(reverse("risk:reassess", args=[final.subject_id])).status_code == 405


def test_delete_a_draft_after_confirming(author_client: Client, professional: User) -> None:
    draft = start(professional)
    assert (
        "Slet kladden?"
        in author_client.get(reverse("risk:delete", args=[draft.pk])).content.decode()
    )
    response = author_client.post(reverse("risk:delete", args=[draft.pk]))
    assert response["Location"] == reverse("risk:index")
    assert not Assessment.objects.exists()


def test_the_start_page_links_to_risk_assessments(
    author_client: Client, consultant: User, login: Callable[[User], Client]
) -> None:
    assert reverse("risk:index") in author_client.get(reverse("my_work")).content.decode()
    assert reverse("risk:index") in login(consultant).get(reverse("my_work")).content.decode()


def test_step_pages_are_in_english_too(author_client: Client, professional: User) -> None:
    draft = start(professional)
    response = author_client.get("/en" + step_url(draft, "vold"))
    assert response.status_code == 200


def test_actions_link_directory_services_when_they_exist(
    author_client: Client, professional: User
) -> None:
    from tillid.directory import demo as directory_demo

    final = finish(professional, final_level="akut", justification="Fare nu.", F4=("ja", "nej"))
    html = author_client.get(reverse("risk:detail", args=[final.pk])).content.decode()
    assert "Den Sociale Døgnvagt" in html  # the action's own text, without a link
    assert 'href="/find-hjaelp/den-sociale-doegnvagt/"' not in html
    directory_demo.load()
    html = author_client.get(reverse("risk:detail", args=[final.pk])).content.decode()
    assert 'href="/find-hjaelp/den-sociale-doegnvagt/"' in html
    assert 'href="/find-hjaelp/etnisk-konsulentteam/"' in html
    assert 'href="tel:+4526779198"' in html
