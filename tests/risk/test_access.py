"""Who reaches which risk page: every role, the author and everyone else.

Professionals and consultants reach the list and their own assessments; another author's
assessment is a 404 (never the object). Every other role gets 403, administrators included,
and anonymous visitors are sent to log in.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tests.risk.conftest import finish, start
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.risk.models import Assessment

pytestmark = pytest.mark.usefixtures("instrument")

ASSESSING = {Role.PROFESSIONAL.value, Role.CONSULTANT.value, Role.CASE_WORKER.value}
SECRET = "Hemmelig reference 7.c"


def object_urls(final: Assessment, draft: Assessment) -> list[tuple[str, str]]:
    return [
        ("get", reverse("risk:detail", args=[final.pk])),
        ("get", reverse("risk:pdf", args=[final.pk])),
        ("get", reverse("risk:history", args=[final.subject_id])),
        ("post", reverse("risk:reassess", args=[final.subject_id])),
        ("get", reverse("risk:step", args=[draft.pk, "person"])),
        ("post", reverse("risk:step", args=[draft.pk, "vold"])),
        ("get", reverse("risk:delete", args=[draft.pk])),
        ("post", reverse("risk:delete", args=[draft.pk])),
    ]


@pytest.fixture
def author(make_user: Callable[..., User]) -> User:
    return make_user(Role.PROFESSIONAL)


@pytest.fixture
def objects(author: User) -> tuple[Assessment, Assessment]:
    final = finish(author, F1=("ja", "nej"))
    draft = start(author, reference=SECRET)
    return final, draft


def test_anonymous_visitors_are_sent_to_log_in(
    client: Client, objects: tuple[Assessment, Assessment]
) -> None:
    urls = [("get", reverse("risk:index")), ("get", reverse("risk:new")), *object_urls(*objects)]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url


def test_every_role_on_the_list_and_new_pages(
    any_role: str, make_user: Callable[..., User], login: Callable[[User], Client]
) -> None:
    client = login(make_user(any_role))
    for name in ("risk:index", "risk:new"):
        response = client.get(reverse(name))
        assert response.status_code == (200 if any_role in ASSESSING else 403), (any_role, name)


def test_every_role_on_someone_else_s_assessment(
    any_role: str,
    make_user: Callable[..., User],
    login: Callable[[User], Client],
    objects: tuple[Assessment, Assessment],
) -> None:
    client = login(make_user(any_role))
    expected = 404 if any_role in ASSESSING else 403
    for method, url in object_urls(*objects):
        response = getattr(client, method)(url)
        assert response.status_code == expected, (any_role, method, url)
        assert SECRET not in response.content.decode()
    # Nor does the list give anything away.
    if any_role in ASSESSING:
        listing = client.get(reverse("risk:index")).content.decode()
        assert SECRET not in listing
        assert reverse("risk:detail", args=[objects[0].pk]) not in listing
        assert reverse("risk:history", args=[objects[0].subject_id]) not in listing
    assert Assessment.objects.count() == 2


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.CONSULTANT])
def test_the_author_reaches_every_page(
    role: str, make_user: Callable[..., User], login: Callable[[User], Client]
) -> None:
    author = make_user(role)
    client = login(author)
    final = finish(author, F1=("ja", "nej"))
    draft = start(author, reference=SECRET)
    for method, url in object_urls(final, draft)[:5]:
        response = getattr(client, method)(url)
        assert response.status_code in (200, 302), (method, url)
    assert client.get(reverse("risk:step", args=[draft.pk, "person"])).status_code == 200
    assert SECRET in client.get(reverse("risk:index")).content.decode()


def test_a_superuser_administrator_sees_no_content(
    make_user: Callable[..., User],
    login: Callable[[User], Client],
    objects: tuple[Assessment, Assessment],
) -> None:
    admin = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client = login(admin)
    for method, url in object_urls(*objects):
        assert getattr(client, method)(url).status_code == 403
    # The Django admin has no risk models either.
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "/admin/risk/" not in response.content.decode()
