from typing import Any

from django.core.management.base import BaseCommand

from tillid.concerns.services import concerns_retain


class Command(BaseCommand):
    help = (
        "Anonymise concern reports received more than TILLID_CONCERN_RETENTION_MONTHS (24) "
        "months ago; remind about drafts untouched for TILLID_CONCERN_DRAFT_REMINDER_DAYS (30) "
        "days and remove them TILLID_CONCERN_DRAFT_REMOVAL_DAYS (14) days after the reminder. "
        "Idempotent and audited; run it daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = concerns_retain()
        self.stdout.write(
            f"Anonymiserede underretninger: {len(result['anonymised'])}. "
            f"Påmindelser om kladder: {len(result['reminded'])}. "
            f"Slettede kladder: {len(result['removed'])}."
        )
