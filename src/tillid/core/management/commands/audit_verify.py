from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tillid.core.audit import verify_chain


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain and report the first broken link, if any."

    def handle(self, *args: Any, **options: Any) -> None:
        checked, broken = verify_chain()
        if broken is not None:
            where = f"entry #{broken.entry_id}" if broken.entry_id else "the chain head"
            raise CommandError(
                f"Audit chain broken at {where} after {checked} intact entries: {broken.reason}."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {checked} entries verified."))
