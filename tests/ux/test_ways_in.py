"""Ways in: the home page's three choices, the request form from the team's directory page,
the knowledge sections in the menu, and each role's tasks on "Mit arbejde"."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.consultations.models import Team

pytestmark = pytest.mark.django_db


def main_links(html: str) -> dict[str, str]:
    main = BeautifulSoup(html, "html.parser").find("main")
    assert main is not None
    return {link.get_text(" ", strip=True): link["href"] for link in main.select("a[href]")}


def test_the_home_page_opens_with_three_plain_choices(client: Client) -> None:
    html = client.get("/").content.decode()
    ways = BeautifulSoup(html, "html.parser").select(".tillid-ways-in a")
    assert [way.select_one(".tillid-way-title").get_text(strip=True) for way in ways] == [
        "Er det akut?",
        "Bed Etnisk Konsulentteam om sparring",
        "Hvad skal jeg gøre?",
    ]
    assert ways[0]["href"].startswith(reverse("directory:guide") + "?akut=ja")
    assert ways[1]["href"] == reverse("consultations:request")
    assert ways[2]["href"] == reverse("directory:guide")
    # First thing in the page's content, before any other link or text block.
    main = BeautifulSoup(html, "html.parser").find("main")
    assert main.select("a[href]")[0] == ways[0]


def test_the_menu_reaches_the_knowledge_sections(client: Client) -> None:
    html = client.get("/").content.decode()
    menu = BeautifulSoup(html, "html.parser").select_one("nav.navigation-menu")
    labels = {link.get_text(strip=True): link["href"] for link in menu.select("a")}
    for label, path in {
        "Værktøjskasse": "/vaerktoejskasse/",
        "Lovgivning": "/lovgivning/",
        "Forskning": "/forskning/",
        "Inspiration": "/inspiration/",
    }.items():
        assert labels[label] == path
        assert client.get(path).status_code == 200


def test_the_teams_directory_page_links_to_the_request_form(
    client: Client, team: Team, directory_demo: None
) -> None:
    links = main_links(
        client.get(reverse("directory:service", args=[team.directory_slug])).content.decode()
    )
    assert links["Send en henvendelse til Etnisk Konsulentteam"] == reverse("consultations:request")
    other = main_links(
        client.get(reverse("directory:service", args=["lokk-raadgivning"])).content.decode()
    )
    assert reverse("consultations:request") not in other.values()


@pytest.mark.parametrize(
    ("role", "task"),
    [
        (Role.EDITOR, "Redigér indhold"),
        (Role.PROFESSIONAL, "Bed Etnisk Konsulentteam om sparring"),
        (Role.CONSULTANT, "Konsulentteamets kø"),
        (Role.ADMINISTRATOR, "Revisionsspor"),
    ],
)
def test_mit_arbejde_shows_each_role_what_it_can_do(
    make_user: Callable[..., User], login: Callable[[User], Client], role: str, task: str
) -> None:
    html = login(make_user(role)).get(reverse("my_work")).content.decode()
    links = main_links(html)
    assert task in links
    assert "Du kan" in html  # the role's description
    if role == Role.EDITOR:
        assert links[task] == "/cms/"
    else:
        assert "Redigér indhold" not in links
