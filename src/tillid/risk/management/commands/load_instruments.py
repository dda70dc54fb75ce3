"""Load risk-assessment instrument files (the shipped ones by default)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tillid.risk import definitions
from tillid.risk.instrument_files import instrument_file_paths, read_instrument_file
from tillid.risk.services import instruments_load


class Command(BaseCommand):
    help = (
        "Validate and publish instrument files (JSON). Every error is listed with its path; "
        "nothing is loaded unless every file is valid. Published versions never change."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path, help="files (default: the shipped ones)")
        parser.add_argument(
            "--check", action="store_true", help="only validate the files; write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paths: list[Path] = options["paths"] or instrument_file_paths()
        if not paths:
            raise CommandError("No instrument files found.")
        try:
            if options["check"]:
                self._check(paths)
                return
            results = instruments_load(paths=paths)
        except definitions.InstrumentError as error:
            for message in error.errors:
                self.stderr.write(message)
            raise CommandError(
                f"{len(error.errors)} error(s); nothing was loaded. Fix the files and try again."
            ) from None
        for instrument, created in results:
            state = "published" if created else "unchanged"
            self.stdout.write(f"{instrument.key} version {instrument.version}: {state}")

    def _check(self, paths: list[Path]) -> None:
        errors: list[str] = []
        for path in paths:
            try:
                document = read_instrument_file(path)
            except definitions.InstrumentError as error:
                errors.extend(f"{path.name}: {message}" for message in error.errors)
                continue
            errors.extend(f"{path.name}: {message}" for message in definitions.validate(document))
        if errors:
            raise definitions.InstrumentError(errors)
        for path in paths:
            self.stdout.write(f"{path.name}: valid")
