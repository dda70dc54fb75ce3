"""Login throttling behind reverse proxies (issue 17: TILLID_PROXY_COUNT had no effect).

Without django-ipware, django-axes keyed every lockout on REMOTE_ADDR, the proxy's own address:
five failures by anyone locked the account for everybody behind the proxy. Now the client is the
N-th X-Forwarded-For entry from the right, and a client cannot choose it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tests.factories import TEST_PASSWORD
from tillid.accounts.models import User
from tillid.core.client_address import ipware_settings

LOGIN = "/konto/log-ind/"
# Addresses from public ranges: ipware ranks private and loopback addresses lower.
ATTACKER = "81.161.10.1"
VICTIM = "81.161.20.2"
PROXIES = ["10.0.0.1", "10.0.0.2", "10.0.0.3"]


def behind_proxies(settings: Any, count: int) -> None:
    for name, value in ipware_settings(count).items():
        setattr(settings, name, value)
    settings.IPWARE_STRICT = False


def post_login(
    client: Client, email: str, password: str, *, sent: list[str], client_ip: str, proxies: int
) -> Any:
    """A login POST as it reaches Tillid: the client sent ``sent`` as X-Forwarded-For, and each
    of ``proxies`` proxies appended the address it got the request from."""
    chain = [*sent, client_ip, *PROXIES[: proxies - 1]]
    return client.post(
        LOGIN,
        {"username": email, "password": password},
        REMOTE_ADDR=PROXIES[proxies - 1],
        HTTP_X_FORWARDED_FOR=", ".join(chain),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("proxies", [1, 2, 3])
def test_a_lockout_hits_the_real_client_and_a_spoofed_address_locks_nobody_else(
    settings: Any, make_user: Callable[..., User], proxies: int
) -> None:
    behind_proxies(settings, proxies)
    user = make_user()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        # The attacker claims to be the victim in the leftmost entry.
        post_login(
            Client(), user.email, "wrong", sent=[VICTIM], client_ip=ATTACKER, proxies=proxies
        )
    attacker = post_login(
        Client(), user.email, TEST_PASSWORD, sent=[], client_ip=ATTACKER, proxies=proxies
    )
    assert attacker.status_code == 429, "the attacker's own address is locked"
    victim = post_login(
        Client(), user.email, TEST_PASSWORD, sent=[], client_ip=VICTIM, proxies=proxies
    )
    assert victim.status_code == 302, "the victim behind the same proxy still logs in"


def test_the_proxy_count_setting_configures_ipware() -> None:
    import ipware  # noqa: F401  django-axes uses ipware only when it is installed
    from django.conf import settings

    configured = ipware_settings(settings.TILLID_PROXY_COUNT)
    assert configured["AXES_IPWARE_PROXY_COUNT"] == settings.AXES_IPWARE_PROXY_COUNT
    assert (
        (configured["AXES_IPWARE_META_PRECEDENCE_ORDER"])
        == settings.AXES_IPWARE_META_PRECEDENCE_ORDER
    )
    assert settings.IPWARE_STRICT is False
    assert ipware_settings(0)["AXES_IPWARE_META_PRECEDENCE_ORDER"] == ("REMOTE_ADDR",)
    assert ipware_settings(2)["AXES_IPWARE_PROXY_COUNT"] == 1
    with pytest.raises(ValueError, match="negative"):
        ipware_settings(-1)


@pytest.mark.django_db
def test_without_proxies_a_forwarded_header_is_ignored(
    settings: Any, make_user: Callable[..., User]
) -> None:
    behind_proxies(settings, 0)
    user = make_user()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        Client().post(
            LOGIN,
            {"username": user.email, "password": "wrong"},
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=VICTIM,
        )
    locked = Client().post(
        LOGIN,
        {"username": user.email, "password": TEST_PASSWORD},
        REMOTE_ADDR=ATTACKER,
        HTTP_X_FORWARDED_FOR=VICTIM,
    )
    assert locked.status_code == 429
    free = Client().post(
        LOGIN, {"username": user.email, "password": TEST_PASSWORD}, REMOTE_ADDR=VICTIM
    )
    assert free.status_code == 302
