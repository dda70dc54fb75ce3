from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tillid.core.audit_seal import read_anchors, verify_trail


class Command(BaseCommand):
    help = (
        "Verify the audit trail: every entry against its hash and its seal, every seal's "
        "signature, and (with --anchors) the seals against the application log. Names the first "
        "broken entry and reports the entries not sealed yet."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--anchors",
            type=Path,
            help="an application log holding the 'tillid.audit.seal' lines to check the seals by",
        )
        parser.add_argument("--chunk-size", type=int, default=20_000)

    def handle(self, *args: Any, **options: Any) -> None:
        anchors = read_anchors(options["anchors"]) if options["anchors"] else None

        def progress(entries: int, seconds: float) -> None:
            self.stderr.write(f"… {entries} entries checked ({entries / seconds:,.0f}/s)")

        report = verify_trail(chunk_size=options["chunk_size"], anchors=anchors, progress=progress)
        if report.problem is not None:
            raise CommandError(
                f"Audit trail broken after {report.entries} intact entries: "
                f"{report.problem.reason}."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit trail intact: {report.entries} entries, {report.sealed} sealed in "
                f"{report.seals} seals, verified in {report.seconds:.1f} s "
                f"({report.rate:,.0f} entries/s)."
            )
        )
        if anchors is not None:
            self.stdout.write(f"{report.anchors} seals match the log's anchors.")
        if report.unsealed:
            assert report.oldest_unsealed_at is not None
            age = (timezone.now() - report.oldest_unsealed_at).total_seconds()
            self.stdout.write(
                self.style.WARNING(
                    f"Not sealed yet: {report.unsealed} entries (the oldest written {age:.0f} s "
                    "ago). They are protected only by the triggers until the next seal."
                )
            )
        else:
            self.stdout.write("Not sealed yet: 0 entries.")
