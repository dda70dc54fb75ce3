"""Repair the outbox after killed processes: schedule every few minutes (cron, systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tillid.core.tasks import outbox_sweep


class Command(BaseCommand):
    help = (
        "Queue again mails whose worker died mid-send, fail tasks stuck RUNNING, and enqueue "
        "every due queued mail that has no live delivery task. Safe to run at any time."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = outbox_sweep()
        self.stdout.write(
            f"{report.tasks_failed} stuck tasks failed, {report.claims_released} stuck mails "
            f"queued again, {report.enqueued} mails enqueued."
        )
