"""The login throttle (django-axes) never stores a CPR number typed as a login name."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client

from tillid.core.models import AuditEntry

LOGIN = "/konto/log-ind/"
CPR_LOGIN = "010203-1234@example.dk"


def _post_login(client: Client, name: str) -> int:
    response = client.post(LOGIN, {"username": name, "password": "wrong"}, REMOTE_ADDR="10.9.8.7")
    return response.status_code


@pytest.mark.django_db
def test_a_cpr_shaped_login_name_is_stored_pseudonymised_and_still_locks_out(
    client: Client,
) -> None:
    statuses = [_post_login(client, CPR_LOGIN) for _attempt in range(5)]

    assert statuses[-1] == 429  # the throttle still counts the same (pseudonymised) name
    stored = [
        *AccessAttempt.objects.values_list("username", "get_data", "post_data"),
        *AccessFailureLog.objects.values_list("username", "path_info"),
    ]
    assert stored
    assert "1234" not in repr(stored)
    assert "010203" not in repr(stored)
    assert all(row[0].startswith("cpr:") for row in stored)
    assert "1234" not in repr(list(AuditEntry.objects.values_list("details", flat=True)))


@pytest.mark.django_db
def test_different_cpr_numbers_are_counted_apart(client: Client) -> None:
    for _attempt in range(4):
        _post_login(client, CPR_LOGIN)

    assert _post_login(client, "050607-4321@example.dk") == 200
