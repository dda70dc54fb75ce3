""" "Hvem skal jeg ringe til?": the routing for every answer combination, on the demo directory."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse

from tillid.directory import demo
from tillid.directory.guide import GuideAnswers, guide_recommendations
from tillid.directory.opening_hours import COPENHAGEN

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=COPENHAGEN)  # a Tuesday morning
EK = "Etnisk Konsulentteam"
RED = "RED Rådgivning"
SAFEHOUSE = "RED Safehouse"
ACUTE = "Den Sociale Døgnvagt"


@pytest.fixture
def directory() -> None:
    demo.load()


COMBINATIONS = list(
    itertools.product(
        [True, False], [True, False], ["barn", "ung", "ung_voksen", "voksen"], ["self", "citizen"]
    )
)


@pytest.mark.parametrize(("acute", "employed", "age_group", "need"), COMBINATIONS)
def test_guide_routing_for_every_answer_combination(
    directory: None, acute: bool, employed: bool, age_group: str, need: str
) -> None:
    result = guide_recommendations(answers=GuideAnswers(acute, employed, age_group, need), now=NOW)
    names = [card.name for card in result.services]
    # Acute danger: 112 first, then the social emergency service; never otherwise.
    assert result.show_emergency_number is acute
    assert [card.name for card in result.acute_services] == ([ACUTE] if acute else [])
    assert ACUTE not in names
    # Every service fits the need.
    for card in result.services:
        assert card.for_professionals if need == "self" else card.for_citizens
    # Etnisk Konsulentteam only for the municipality's own employees, and then first.
    if employed and need == "self":
        assert names[0] == EK
    else:
        assert EK not in names
    if not employed and need == "self":
        assert names[0] == RED  # the other specialised sparring line
    # RED Safehouse (16-30): young people, and adults up to 30, never children.
    assert (SAFEHOUSE in names) is (age_group != "barn")
    if need == "citizen":
        assert names[0] == (
            SAFEHOUSE if age_group in {"ung", "ung_voksen"} else "LOKK's rådgivning"
        )
    assert result.duty_to_notify is (age_group in {"barn", "ung"})  # under 18
    assert names, "every combination leads somewhere"


def test_guide_full_order_for_a_municipal_teacher_worried_about_a_young_person(
    directory: None,
) -> None:
    result = guide_recommendations(answers=GuideAnswers(False, True, "ung", "self"), now=NOW)
    assert [card.name for card in result.services] == [
        EK,
        RED,
        SAFEHOUSE,
        "LOKK's rådgivning",
        "MÆRK",
        "Politiets kontaktpersoner",
        "Sikkerhedskonsulenterne",
        "VISO",
    ]


def test_acute_alone_leads_to_112_without_other_answers(directory: None) -> None:
    result = guide_recommendations(answers=GuideAnswers(acute=True), now=NOW)
    assert result.show_emergency_number
    assert [card.name for card in result.acute_services] == [ACUTE]
    assert result.services == []


def test_guide_page_works_as_a_plain_get_form(client: Client, directory: None) -> None:
    url = reverse("directory:guide")
    html = client.get(url).content.decode()
    assert 'method="get"' in html
    assert 'type="radio"' in html
    response = client.get(url, {"akut": "ja", "ansat": "ja", "alder": "ung", "behov": "sparring"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index('href="tel:112"') < html.index(ACUTE) < html.index(EK)
    assert "skærpet underretningspligt" in html
    assert 'name="tilbud"' in html  # pick services for the referral slip


def test_guide_page_with_acute_only_shows_112(client: Client, directory: None) -> None:
    html = client.get(reverse("directory:guide"), {"akut": "ja"}).content.decode()
    assert 'href="tel:112"' in html
    assert "Ring i denne rækkefølge" not in html


def test_guide_page_asks_for_missing_answers(client: Client, directory: None) -> None:
    response = client.get(reverse("directory:guide"), {"akut": "nej", "ansat": "ja"})
    html = response.content.decode()
    assert "Der er problemer" in html
    assert html.count("Vælg et svar.") >= 2
    assert 'href="#id_alder"' in html
    assert 'id="id_alder"' in html
    assert 'href="tel:112"' not in html


def test_guide_page_rejects_unknown_answers(client: Client, directory: None) -> None:
    response = client.get(
        reverse("directory:guide"), {"akut": "maaske", "alder": "<script>", "behov": "x" * 500}
    )
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()
