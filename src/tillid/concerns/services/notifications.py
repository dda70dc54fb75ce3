"""Mails about concern reports. They never carry a name, a CPR number or anything the report
says: each says only that something changed, with a link (``url``), so a forwarded or
misdelivered mail reveals nothing. ``core.mail.send_mail`` stores them in the caller's
transaction (the outbox survives an SMTP outage) and refuses CPR numbers."""

from __future__ import annotations

from typing import Any

from tillid.core import mail
from tillid.core.links import absolute_reverse

TEMPLATE_PREFIX = "concerns/email/"
TEMPLATES = ("status_changed", "deadline_soon", "deadline_passed", "draft_reminder")


def notify(*, user: Any, template: str, url: str) -> bool:
    """Queue ``template`` to ``user`` if active with an address; whether a mail was queued."""
    if template not in TEMPLATES:
        raise ValueError(f"unknown concern mail {template!r}")
    if user is None or not user.is_active or not user.email:
        return False
    mail.send_mail(to=user.email, template=TEMPLATE_PREFIX + template, context={"url": url})
    return True


def status_url(report_pk: int) -> str:
    return absolute_reverse("concerns:status", pk=report_pk)


def intake_url(report_pk: int) -> str:
    return absolute_reverse("concerns:report", pk=report_pk)


def draft_url(report_pk: int) -> str:
    return absolute_reverse("concerns:resume", pk=report_pk)
