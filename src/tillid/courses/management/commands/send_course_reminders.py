from typing import Any

from django.core.management.base import BaseCommand

from tillid.courses.services.reminders import evaluations_invite_due, reminders_send_due


class Command(BaseCommand):
    help = (
        "Send due course reminders and evaluation invitations that were not sent yet "
        "(idempotent; run it every 15 minutes from cron or a systemd timer)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        reminders = reminders_send_due()
        invitations = evaluations_invite_due()
        self.stdout.write(
            f"Påmindelser sendt: {reminders}. Evalueringsinvitationer sendt: {invitations}."
        )
