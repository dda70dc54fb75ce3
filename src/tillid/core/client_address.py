"""Which address is the client's when Tillid runs behind reverse proxies.

django-axes keys its lockouts on the client address and asks django-ipware for it; settings.py
configures both from ``TILLID_PROXY_COUNT`` through this module (which imports nothing from
Django, so settings can use it).

Each proxy appends the address it received the request from to ``X-Forwarded-For`` (nginx's
``$proxy_add_x_forwarded_for``), and the last proxy is ``REMOTE_ADDR``. Behind N proxies the
client is therefore the N-th entry from the right; entries further left are whatever the client
sent and never count, so nobody can lock another person's account by naming their address.
Without proxies only ``REMOTE_ADDR`` counts.
"""

from __future__ import annotations

from typing import Any


def ipware_settings(proxy_count: int) -> dict[str, Any]:
    """The django-axes/django-ipware settings for ``proxy_count`` reverse proxies."""
    if proxy_count < 0:
        raise ValueError("TILLID_PROXY_COUNT cannot be negative")
    if proxy_count == 0:
        return {
            "AXES_IPWARE_PROXY_COUNT": None,
            "AXES_IPWARE_META_PRECEDENCE_ORDER": ("REMOTE_ADDR",),
            "AXES_IPWARE_PROXY_ORDER": "left-most",
        }
    return {
        # ipware counts the proxies named inside X-Forwarded-For: all but the last one.
        "AXES_IPWARE_PROXY_COUNT": proxy_count - 1,
        # Only the header our proxies write; REMOTE_ADDR when a request comes without it.
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"),
        "AXES_IPWARE_PROXY_ORDER": "left-most",
    }
