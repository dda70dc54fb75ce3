"""The data protection page: every retention rule on it, periods from the live settings."""

from __future__ import annotations

import pytest
from django.test import Client

from tillid.core import retention

pytestmark = pytest.mark.django_db


def test_the_page_shows_every_rule_with_the_configured_period(
    client: Client, settings, django_assert_max_num_queries
) -> None:
    settings.TILLID_CONSULTATION_RETENTION_MONTHS = 36
    with django_assert_max_num_queries(3):
        response = client.get("/databeskyttelse/")

    assert response.status_code == 200
    html = response.content.decode()
    for rule in retention.rules():
        assert f'id="regel-{rule.key.replace(".", "")}"' in html
    assert "36 måneder efter at sagen er lukket" in html
    assert "24 måneder efter at sagen er lukket" not in html


def test_the_page_says_how_to_ask_who_has_looked_at_a_case(client: Client, settings) -> None:
    html = client.get("/databeskyttelse/").content.decode()

    assert "Hvem har set min sag?" in html
    assert f'href="mailto:{settings.TILLID_CONTACT_EMAIL}"' in html
    assert "Datatilsynet" in html


def test_the_page_is_in_english_under_en(client: Client) -> None:
    html = client.get("/en/databeskyttelse/").content.decode()

    assert "Who has looked at my case?" in html
    assert "months after the case was closed" in html
