from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tillid.consultations.services import consultations_anonymise


class Command(BaseCommand):
    help = (
        "Anonymise consultations closed longer ago than TILLID_CONSULTATION_RETENTION_MONTHS "
        "(default 24): free text removed, figures kept. Idempotent and audited; run it daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--months", type=int, default=None, help="Override the retention period in months."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ids = consultations_anonymise(months=options["months"])
        self.stdout.write(f"Anonymiserede henvendelser: {len(ids)}.")
