"""An editor approves a translation of /hjaelp/; until then the page says it is a draft."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.core.models import AuditEntry
from tillid.core.refusals import NotPermittedError
from tillid.directory.models import CitizenLanguageApproval
from tillid.directory.services import citizen_language_approve

pytestmark = pytest.mark.django_db
DRAFT = "Udkast – ikke godkendt af translatør."
ADMIN_URL = "directory_admin:citizen_languages"


def page_text(client: Client, code: str) -> str:
    response = client.get(f"/hjaelp/?sprog={code}")
    assert response.status_code == 200
    return response.content.decode()


def test_a_language_is_a_draft_until_an_editor_approves_it(
    client: Client, login: Callable[[User], Client], make_user: Callable[..., User]
) -> None:
    editor = make_user(Role.EDITOR)
    assert DRAFT in page_text(client, "ar")

    response = login(editor).post(reverse(ADMIN_URL), {"sprog": "ar"})

    assert response.status_code == 302
    approval = CitizenLanguageApproval.objects.get(language="ar")
    assert approval.approved_by == editor
    anonymous = Client()
    assert DRAFT not in page_text(anonymous, "ar")
    assert DRAFT in page_text(anonymous, "ur")  # approving one language approves only that one
    entry = AuditEntry.objects.get(action="directory.citizen_language.approved")
    assert entry.actor_id == editor.pk
    assert entry.details["language"] == "ar"


def test_the_editors_page_lists_the_drafts(
    login: Callable[[User], Client], make_user: Callable[..., User]
) -> None:
    editor = make_user(Role.EDITOR, name="Eva Redaktør")
    citizen_language_approve(actor=editor, language="ur")
    html = login(editor).get(reverse(ADMIN_URL)).content.decode()
    assert 'name="sprog" value="ar"' in html
    assert 'name="sprog" value="ur"' not in html
    assert "Godkendt af Eva Redaktør" in html


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.CONSULTANT, Role.ADMINISTRATOR])
def test_a_non_editor_cannot_approve(
    client: Client, login: Callable[[User], Client], make_user: Callable[..., User], role: str
) -> None:
    user = make_user(role)
    with pytest.raises(NotPermittedError):
        citizen_language_approve(actor=user, language="ar")
    response = login(user).post(reverse(ADMIN_URL), {"sprog": "ar"})
    assert response.status_code in (302, 403)
    assert not CitizenLanguageApproval.objects.exists()
    assert DRAFT in page_text(Client(), "ar")


def test_only_page_only_languages_can_be_approved(make_user: Callable[..., User]) -> None:
    editor = make_user(Role.EDITOR)
    for code in ("da", "en", "xx"):
        with pytest.raises(ValueError, match=code):
            citizen_language_approve(actor=editor, language=code)
    assert not CitizenLanguageApproval.objects.exists()
