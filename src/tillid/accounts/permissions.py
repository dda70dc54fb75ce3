"""Role groups and the model permissions each role needs in the Django admin.

Runs after every migrate (and after a test database flush), so the groups always exist.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

from tillid.accounts.roles import Role

# Administrators manage people, roles and units; they get no permission on case data.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.ADMINISTRATOR: [
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_orgunit",
        "accounts.add_orgunit",
        "accounts.change_orgunit",
        "auth.view_group",
    ],
}


def ensure_role_groups(**kwargs: Any) -> None:
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        codenames = ROLE_PERMISSIONS.get(role, [])
        wanted = [
            Permission.objects.filter(
                content_type__app_label=name.split(".")[0], codename=name.split(".")[1]
            ).first()
            for name in codenames
        ]
        group.permissions.add(*[permission for permission in wanted if permission is not None])
