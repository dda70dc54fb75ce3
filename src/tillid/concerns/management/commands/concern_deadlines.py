from typing import Any

from django.core.management.base import BaseCommand

from tillid.concerns.services import deadline_warnings_send


class Command(BaseCommand):
    help = (
        "Warn the intake unit's lead about concern reports not assessed 2 hours before their "
        "24-hour deadline and when it passes (once each; idempotent). Run it every 5 minutes."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = deadline_warnings_send()
        self.stdout.write(f"Varsler om 24-timersfristen sendt til lederen: {count}.")
