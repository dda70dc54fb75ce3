"""The PDF holds the four statutory sections in the law's order, is marked confidential and
names the version; the citizen's summary shows no risk details."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.test import Client
from pypdf import PdfReader

from tillid.accounts.models import User
from tillid.actionplans.models import ActionPlan
from tillid.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_pdf_holds_the_four_sections_in_the_laws_order(
    finalised_plan: ActionPlan, worker: User, login: Callable[[User], Client]
) -> None:
    response = login(worker).get(f"/handleplaner/{finalised_plan.pk}/version/1/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    positions = [
        text.index(heading)
        for heading in (
            "1. Risikovurdering",
            "2. Borgerens aktuelle situation",
            "3. Støttemuligheder",
            "4. Andre støttemuligheder",
        )
    ]
    assert positions == sorted(positions)
    assert "FORTROLIGT" in reader.pages[0].extract_text()
    assert "FORTROLIGT" in reader.pages[-1].extract_text()
    assert "Version 1" in text
    assert "Midlertidig bolig på krisecenter" in text
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged
    assert AuditEntry.objects.filter(
        action="actionplans.plan.exported", target_id=str(finalised_plan.pk)
    ).exists()


def test_the_citizens_summary_has_what_we_agreed_and_no_risk_details(
    finalised_plan: ActionPlan, worker: User, login: Callable[[User], Client]
) -> None:
    response = login(worker).get(f"/handleplaner/{finalised_plan.pk}/version/1/borger/")
    assert response.status_code == 200
    page = response.content.decode()
    for shown in ("Søg bolig", "Eget sted at bo", "Sofie Sagsbehandler", "Midlertidig bolig"):
        assert shown in page
    for hidden in ("Risikovurdering", "risiko", "Brodere holder øje"):
        assert hidden not in page
