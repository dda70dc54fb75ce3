from typing import Any

from django.core.management.base import BaseCommand

from tillid.actionplans.services import reviews_remind_due


class Command(BaseCommand):
    help = (
        "Remind responsible case workers of action plan reviews due within "
        "TILLID_ACTIONPLAN_REMINDER_WORKING_DAYS working days (default 5). Idempotent: each "
        "review date is reminded once. Run it daily from cron or a systemd timer."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reviews_remind_due()
        self.stdout.write(f"Påmindelser om opfølgning sendt: {sent}.")
