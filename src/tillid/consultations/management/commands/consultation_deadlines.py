from typing import Any

from django.core.management.base import BaseCommand

from tillid.consultations.services import deadlines_escalate


class Command(BaseCommand):
    help = (
        "Mail the team lead about consultations whose first-response deadline has passed "
        "(once per case; idempotent). Run it every 15 minutes from cron or a systemd timer."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = deadlines_escalate()
        self.stdout.write(f"Overskredne frister meldt til teamlederen: {count}.")
