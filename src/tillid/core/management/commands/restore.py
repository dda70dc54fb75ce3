"""``manage.py restore <archive>``: check the archive, restore it, and check the result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tillid.core.backup import (
    BackupRefusedError,
    RestoreCheckError,
    restore_backup,
    verify_archive,
)
from tillid.core.backup_crypto import BackupKeyError
from tillid.core.backup_db import DatabaseToolError


class Command(BaseCommand):
    help = (
        "Restore an archive written by 'backup': refuses it unless every chunk authenticates and "
        "every checksum matches, replaces the database and MEDIA_ROOT, then checks the row "
        "counts, the audit head, the audit trail and that every encrypted value decrypts. Stop "
        "the web server and the task worker first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--check-only",
            action="store_true",
            help="only authenticate the archive and its checksums; change nothing",
        )
        parser.add_argument(
            "--work-dir", type=Path, default=None, help="where to unpack (needs the archive's size)"
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask before replacing the database",
        )

    def handle(self, *args: Any, archive: Path, **options: Any) -> None:
        if not archive.is_file():
            raise CommandError(f"{archive} findes ikke. / {archive} does not exist.")
        try:
            if options["check_only"]:
                manifest = verify_archive(archive)
                self.stdout.write(
                    self.style.SUCCESS(
                        "Arkivet er i orden / the archive is intact: "
                        f"{len(manifest['files'])} files, made {manifest['created_at']}."
                    )
                )
                return
            if options["interactive"] and not self._confirmed():
                raise CommandError("Afbrudt; intet er ændret. / Cancelled; nothing was changed.")
            result = restore_backup(
                archive, work_dir=options["work_dir"], progress=lambda line: self.stdout.write(line)
            )
        except BackupKeyError as error:
            raise CommandError(
                f"Ingen brugbar nøgle til arkivet; intet er ændret. / {error}"
            ) from None
        except BackupRefusedError as error:
            raise CommandError(f"Arkivet afvises. {error.message_da} / {error}") from None
        except DatabaseToolError as error:
            raise CommandError(
                "Databasen kunne ikke gendannes; den kan være delvist ændret. Gendan igen. / "
                f"{error}"
            ) from None
        except RestoreCheckError as error:
            raise CommandError(
                f"GENDANNELSEN ER IKKE GODKENDT: {error.message_da} Brug ikke dataene. / "
                f"RESTORE NOT VERIFIED: {error}"
            ) from None
        for note in result.notes:
            self.stdout.write(self.style.WARNING(note))
        self.stdout.write(
            self.style.SUCCESS(
                "Gendannet og kontrolleret / restored and verified: "
                f"{result.rows:,} rows, {result.media_files} media files, audit trail intact "
                f"({result.audit_entries:,} entries), {result.encrypted_values:,} encrypted "
                "values decrypt. Run mail_sweep, retention and audit_verify --anchors next."
            )
        )

    def _confirmed(self) -> bool:
        answer = input(
            "Databasen og mediefilerne erstattes med arkivets. Skriv 'ja' for at fortsætte. / "
            "The database and media files will be replaced. Type 'ja' to continue: "
        )
        return answer.strip().lower() in {"ja", "yes"}
