"""The shared topics and audiences: kept by editors in /cms/, used by knowledge and courses."""

from __future__ import annotations

import pytest
from django.test import Client

from tillid.accounts.roles import Role
from tillid.taxonomy import selectors, services
from tillid.taxonomy.models import Audience, Topic

pytestmark = pytest.mark.django_db


def test_editors_keep_topics_and_audiences_in_the_cms(client: Client, login, make_user) -> None:
    login(make_user(Role.EDITOR))
    menu = client.get("/cms/").content.decode()
    # The sidebar menu is JSON in the page, with non-ASCII letters escaped.
    assert "Emner og m\\u00e5lgrupper" in menu
    assert "/cms/snippets/taxonomy/topic/" in menu
    assert client.get("/cms/snippets/taxonomy/topic/").status_code == 200
    assert client.get("/cms/snippets/taxonomy/audience/").status_code == 200
    response = client.post(
        "/cms/snippets/taxonomy/topic/add/",
        {"name": "Negativ social kontrol", "slug": "negativ-social-kontrol", "description": ""},
    )
    assert response.status_code == 302
    assert Topic.objects.filter(slug="negativ-social-kontrol").exists()


def test_other_roles_do_not_reach_the_taxonomy(client: Client, login, make_user) -> None:
    login(make_user(Role.PROFESSIONAL))
    assert client.get("/cms/snippets/taxonomy/topic/").status_code == 403


def test_the_standard_taxonomy_is_ensured_once() -> None:
    services.taxonomy_ensure()
    Topic.objects.filter(slug="lgbt").update(name="LGBT+ og køn")  # an editor's rename stays
    services.taxonomy_ensure()
    assert Topic.objects.get(slug="lgbt").name == "LGBT+ og køn"
    assert Topic.objects.count() == len(services.TOPICS)
    assert [audience.slug for audience in selectors.audience_list()] == ["boern", "unge", "voksne"]
    assert list(selectors.topic_list()) == sorted(Topic.objects.all(), key=lambda t: t.name)
    assert set(selectors.audience_list_by_slugs(["unge"])) == {Audience.objects.get(slug="unge")}
