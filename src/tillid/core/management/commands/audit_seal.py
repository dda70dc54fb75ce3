from typing import Any

from django.core.management.base import BaseCommand

from tillid.core.audit_seal import seal_pending


class Command(BaseCommand):
    help = (
        "Seal every committed audit entry that is not sealed yet. The task worker seals within "
        "seconds; schedule this every minute as the safety net (e.g. from cron)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        run = seal_pending()
        message = f"Sealed {run.sealed} audit entries in {run.seals} seals."
        if not run.waited:
            message += " A transaction writing entries is still open; the rest waits for it."
        self.stdout.write(message)
