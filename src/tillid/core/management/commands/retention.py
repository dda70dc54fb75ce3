"""``manage.py retention``: end every record whose time has come, by the registry's rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from tillid.core import retention


class Command(BaseCommand):
    help = (
        "Run every retention rule (tillid.core.retention): delete or anonymise what has been "
        "kept long enough, and audit the run (core.retention.run). Schedule it nightly. "
        "--docs FILE rewrites the rule table in that Markdown file instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--only", nargs="*", default=None, help="rule keys to run")
        parser.add_argument(
            "--docs", type=Path, default=None, help="rewrite the table in this file (docs)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["docs"] is not None:
            path: Path = options["docs"]
            with translation.override("en"):
                table = retention.docs_table()
            path.write_text(retention.replace_docs_table(path.read_text(), table))
            self.stdout.write(f"Wrote the retention table to {path}.")
            return
        known = {rule.key for rule in retention.rules()}
        unknown = sorted(set(options["only"] or []) - known)
        if unknown:
            raise CommandError(f"Unknown rules: {', '.join(unknown)}.")
        result = retention.run_all(only=options["only"])
        for key, count in result.counts.items():
            self.stdout.write(f"{key}: {count}")
