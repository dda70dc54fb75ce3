"""Administrators map the provider's groups to roles in the Django admin; a mapping to a case
role takes a second administrator's approval there, like a role grant."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tillid.accounts.models import GroupMapping, OrgUnit, User
from tillid.accounts.roles import Role
from tillid.core.models import AuditEntry

pytestmark = pytest.mark.django_db

PAGE = "/admin/accounts/groupmapping/"


def test_a_case_role_mapping_made_in_the_admin_waits_for_a_second_administrator(
    client: Client, login: Callable[[User], Client], make_user: Callable[..., User]
) -> None:
    first = make_user(Role.ADMINISTRATOR)
    unit = OrgUnit.objects.create(name="Socialforvaltningen", kind=OrgUnit.Kind.ADMINISTRATION)
    login(first)
    assert client.get(PAGE).status_code == 200
    assert client.get(f"{PAGE}add/").status_code == 200
    response = client.post(
        f"{PAGE}add/", {"group": "sg-konsulenter", "role": Role.CONSULTANT, "org_unit": unit.pk}
    )
    assert response.status_code == 302
    mapping = GroupMapping.objects.get()
    assert (mapping.status, mapping.requested_by, mapping.org_unit) == (
        GroupMapping.Status.PENDING,
        first,
        unit,
    )
    # Asking again for the same group and role is refused on the form.
    again = client.post(f"{PAGE}add/", {"group": "sg-konsulenter", "role": Role.CONSULTANT})
    assert again.status_code == 200
    assert "afventer godkendelse" in again.content.decode()
    # The requester's own approval does nothing.
    client.post(PAGE, {"action": "approve", "_selected_action": [mapping.pk]})
    mapping.refresh_from_db()
    assert mapping.status == GroupMapping.Status.PENDING
    # Mappings are never edited.
    assert client.post(f"{PAGE}{mapping.pk}/change/", {"role": Role.EDITOR}).status_code == 403

    second = make_user(Role.ADMINISTRATOR)
    login(second)
    client.post(PAGE, {"action": "approve", "_selected_action": [mapping.pk]})
    mapping.refresh_from_db()
    assert (mapping.status, mapping.decided_by) == (GroupMapping.Status.APPROVED, second)

    response = client.post(f"{PAGE}{mapping.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not GroupMapping.objects.exists()
    actions = list(
        AuditEntry.objects.filter(action__startswith="accounts.group_mapping.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "accounts.group_mapping.requested",
        "accounts.group_mapping.approved",
        "accounts.group_mapping.deleted",
    ]


def test_a_mapping_without_a_case_role_takes_effect_at_once(
    client: Client, login: Callable[[User], Client], make_user: Callable[..., User]
) -> None:
    login(make_user(Role.ADMINISTRATOR))
    client.post(f"{PAGE}add/", {"group": "sg-redaktoerer", "role": Role.EDITOR})
    assert GroupMapping.objects.get().status == GroupMapping.Status.APPROVED


def test_only_administrators_reach_the_mappings(
    client: Client, login: Callable[[User], Client], make_user: Callable[..., User]
) -> None:
    login(make_user(Role.EDITOR))
    assert client.get(PAGE).status_code == 302  # the admin site's login: not an administrator
    assert client.get("/admin/accounts/provideridentity/").status_code == 302
