"""``manage.py backup <archive>``: one encrypted archive of the database, media and a manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tillid.core.backup import BackupRefusedError, create_backup
from tillid.core.backup_crypto import BackupKeyError
from tillid.core.backup_db import DatabaseToolError


class Command(BaseCommand):
    help = (
        "Write one archive (database dump, media files, manifest with SHA-256 checksums and the "
        "audit head) encrypted with the newest key in TILLID_BACKUP_KEYS. Safe while Tillid runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="the archive to write (must not exist)")

    def handle(self, *args: Any, archive: Path, **options: Any) -> None:
        if archive.exists():
            raise CommandError(
                f"{archive} findes allerede; vælg et nyt navn. / {archive} already exists."
            )
        try:
            result = create_backup(archive)
        except BackupKeyError as error:
            raise CommandError(f"Ingen brugbar nøgle til sikkerhedskopien. / {error}") from None
        except BackupRefusedError as error:
            raise CommandError(f"{error.message_da} / {error}") from None
        except DatabaseToolError as error:
            archive.unlink(missing_ok=True)
            raise CommandError(f"Databasen kunne ikke kopieres. / {error}") from None
        manifest = result.manifest
        head = manifest["audit_head"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Sikkerhedskopi skrevet / backup written: {archive} ({result.size:,} bytes, "
                f"{manifest['database']}, {sum(manifest['tables'].values()):,} rows, "
                f"{len(manifest['files']) - 1} media files, audit head entry "
                f"{head['last_entry_id']}, seal {head['last_seal_id']})."
            )
        )
