"""Mails about consultations. They never carry case content or names: each template gets only
a link (``url``) and says that something happened, so a forwarded or misdelivered mail reveals
nothing. ``core.mail.send_mail`` stores them in the caller's transaction and refuses CPR numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tillid.core import mail
from tillid.core.links import absolute_reverse

TEMPLATE_PREFIX = "consultations/email/"


def notify(*, recipients: Iterable[Any], template: str, url: str) -> int:
    """Queue ``template`` to each active recipient with an address; returns how many."""
    sent = 0
    seen: set[str] = set()
    for user in recipients:
        if user is None or not user.is_active or not user.email or user.email in seen:
            continue
        seen.add(user.email)
        mail.send_mail(to=user.email, template=TEMPLATE_PREFIX + template, context={"url": url})
        sent += 1
    return sent


def case_url(consultation_pk: int) -> str:
    return absolute_reverse("consultations:case", pk=consultation_pk)


def request_url(consultation_pk: int) -> str:
    return absolute_reverse("consultations:mine_detail", pk=consultation_pk)
