from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tillid.actionplans.services import plans_anonymise


class Command(BaseCommand):
    help = (
        "Anonymise action plans closed longer ago than TILLID_ACTIONPLAN_RETENTION_DAYS "
        "(default 730): identity, contact and every version's content removed, dates kept. "
        "Idempotent and audited; run it daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=None, help="Override the retention period in days."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ids = plans_anonymise(days=options["days"])
        self.stdout.write(f"Anonymiserede handleplaner: {len(ids)}.")
