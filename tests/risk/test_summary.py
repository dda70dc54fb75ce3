"""The summary lists each answer once, though one answer often supports several reasons."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from tests.risk.conftest import fill, finish, start
from tillid.accounts.models import User
from tillid.risk.summary import assessment_summary

pytestmark = pytest.mark.usefixtures("instrument")

# V1-V3 now support both "three or more violence items now" and "one violence item now";
# F1 now and earlier supports both the red flag rules.
GIVEN = {"V1": ("ja", "ja"), "V2": ("ja", "nej"), "V3": ("delvist", "ja"), "F1": ("ja", "ja")}


def reasons_section(html: str) -> str:
    reasons = BeautifulSoup(html, "html.parser").select_one("ul.risk-reasons")
    assert reasons is not None, "the page lists the suggestion's reasons"
    return str(reasons)


def test_each_answered_item_is_listed_under_one_reason(
    professional: User, login: Callable[[User], Client]
) -> None:
    final = finish(professional, **GIVEN)
    summary = assessment_summary(final)
    listed = [item.code for reason in summary.reasons for item in reason.items]
    assert sorted(listed) == sorted(GIVEN)
    assert len(summary.reasons) >= 4  # every matching rule is still given as a reason

    html = login(professional).get(reverse("risk:detail", args=[final.pk])).content.decode()
    reasons = reasons_section(html)
    for code in GIVEN:
        assert reasons.count(f"<li>{code}. ") == 1, code
    answers = html.split("risk-answers", 1)[1]
    for code in GIVEN:
        assert answers.count(f">{code}. ") == 1, code


def test_the_judgement_step_of_a_draft_lists_each_answer_once(
    professional: User, login: Callable[[User], Client]
) -> None:
    draft = fill(professional, start(professional), **GIVEN)
    client = login(professional)
    html = client.get(reverse("risk:step", args=[draft.pk, "vurdering"])).content.decode()
    reasons = reasons_section(html)
    for code in GIVEN:
        assert reasons.count(f"<li>{code}. ") == 1, code
