"""Backups that prove themselves: one encrypted archive, and a restore that checks before and after.

``create_backup(path)`` writes one archive: the database (``backup_db``), every file under
``MEDIA_ROOT`` and ``manifest.json`` (the SHA-256 and size of every file, the row count of every
table and the audit head: the newest entry and seal), as a tar stream encrypted in chunks with
``TILLID_BACKUP_KEYS`` (``backup_crypto``). Nothing is held in memory whole.

``restore_backup(path)`` first decrypts the whole archive into a work folder, refusing it on the
first chunk that fails authentication, an unexpected member, or a file whose checksum or size
differs from the manifest; only then does it replace the database and the media files. Afterwards
it checks, before declaring success, that every table holds the manifest's number of rows, that
the audit head is the manifest's, that the audit trail verifies (``audit_seal.verify_trail``)
and that every value of every encrypted field decrypts with ``TILLID_FIELD_KEYS``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections

from tillid.core import audit, backup_db, clock
from tillid.core.audit_seal import verify_trail
from tillid.core.backup_crypto import (
    ArchiveAuthenticationError,
    BackupKeyError,
    DecryptingReader,
    EncryptingWriter,
    parse_keys,
)
from tillid.core.crypto import check_encrypted_fields

FORMAT = "tillid-backup/1"
DATABASE_MEMBER = {"sqlite": "database/tillid.sqlite3", "postgresql": "database/tillid.pgdump"}
MEDIA_PREFIX = "media/"
MANIFEST = "manifest.json"
READ_SIZE = 1024 * 1024


class BackupRefusedError(Exception):
    """The archive cannot be trusted or used; nothing was changed. ``message_da`` for operators."""

    def __init__(self, message: str, message_da: str) -> None:
        super().__init__(message)
        self.message_da = message_da


class RestoreCheckError(Exception):
    """The data was restored but a check afterwards failed: do not use it."""

    def __init__(self, message: str, message_da: str) -> None:
        super().__init__(message)
        self.message_da = message_da


@dataclass
class BackupResult:
    path: Path
    manifest: dict[str, Any]
    size: int


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    rows: int
    media_files: int
    audit_entries: int
    encrypted_values: int
    notes: list[str] = field(default_factory=list)


def backup_keys() -> list[bytes]:
    keys = parse_keys(list(getattr(settings, "TILLID_BACKUP_KEYS", [])))
    if any(
        key.encode() == text.encode()
        for key in getattr(settings, "TILLID_FIELD_KEYS", [])
        for text in getattr(settings, "TILLID_BACKUP_KEYS", [])
    ):
        raise BackupKeyError("TILLID_BACKUP_KEYS must not reuse a key of TILLID_FIELD_KEYS.")
    return keys


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(READ_SIZE):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(name relative to the root in POSIX form, path) of every regular file, sorted."""
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(root).as_posix(), path


def _add(archive: tarfile.TarFile, name: str, path: Path) -> dict[str, Any]:
    info = tarfile.TarInfo(name)
    info.size = path.stat().st_size
    info.mode = 0o600
    with path.open("rb") as handle:
        hashing = _HashingReader(handle)
        archive.addfile(info, hashing)
    return {"name": name, "size": info.size, "sha256": hashing.digest.hexdigest()}


class _HashingReader:
    """Hands a file to tarfile and hashes what it reads, so each file is read once."""

    def __init__(self, handle: IO[bytes]) -> None:
        self._handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self.digest.update(data)
        return data


def create_backup(target: Path, *, alias: str = "default") -> BackupResult:
    """Write the archive to ``target`` (a new file; refused if it exists)."""
    keys = backup_keys()
    kind = backup_db.vendor(alias)
    if kind not in DATABASE_MEMBER:
        raise BackupRefusedError(
            f"Backups of {kind} databases are not supported.",
            f"Sikkerhedskopi af en {kind}-database understøttes ikke.",
        )
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="tillid-backup-") as work:
        dump_path = Path(work) / "database"
        counts, head = backup_db.dump(dump_path, alias)
        with target.open("xb") as sink:
            writer = EncryptingWriter(sink, keys[0])
            with tarfile.open(fileobj=writer, mode="w|") as archive:  # type: ignore[call-overload]
                files = [_add(archive, DATABASE_MEMBER[kind], dump_path)]
                for name, path in media_files(media_root):
                    files.append(_add(archive, MEDIA_PREFIX + name, path))
                manifest = {
                    "format": FORMAT,
                    "created_at": clock.now().isoformat(),
                    "database": kind,
                    "files": files,
                    "tables": counts,
                    "audit_head": head,
                }
                data = json.dumps(manifest, indent=1, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mode = len(data), 0o600
                archive.addfile(info, _BytesReader(data))
            writer.close()
    audit.record(
        actor=None,
        action="core.backup.created",
        target=None,
        database=kind,
        files=len(files),
        last_entry_id=head["last_entry_id"],
    )
    return BackupResult(path=target, manifest=manifest, size=target.stat().st_size)


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self._data = data

    def read(self, size: int = -1) -> bytes:
        size = len(self._data) if size < 0 else size
        chunk, self._data = self._data[:size], self._data[size:]
        return chunk


# --- restore ---------------------------------------------------------------------------------


def _refuse(message: str, message_da: str) -> BackupRefusedError:
    return BackupRefusedError(message, message_da)


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and ".." not in path.parts
        and (name == MANIFEST or name in DATABASE_MEMBER.values() or name.startswith(MEDIA_PREFIX))
    )


def _unpack(source: IO[bytes], keys: list[bytes], work: Path) -> dict[str, Any]:
    """Decrypt and unpack into ``work``; return the manifest once every check has passed."""
    try:
        reader = DecryptingReader(source, keys)
        with tarfile.open(fileobj=reader, mode="r|") as archive:  # type: ignore[call-overload]
            for member in archive:
                if not member.isfile() or not _safe_member(member.name):
                    raise _refuse(
                        f"unexpected member {member.name!r} in the archive",
                        f"Arkivet indeholder en uventet fil ({member.name!r}).",
                    )
                extracted = archive.extractfile(member)
                destination = work / member.name
                destination.parent.mkdir(parents=True, exist_ok=True)
                with destination.open("xb") as handle:
                    shutil.copyfileobj(extracted, handle, READ_SIZE)
        reader.read_to_end()
    except ArchiveAuthenticationError as error:
        raise _refuse(
            f"The archive fails authentication: {error}. It has been changed or damaged, or was "
            "not made with these keys.",
            "Arkivet kan ikke godkendes: det er ændret eller beskadiget. Intet er gendannet.",
        ) from None
    except (tarfile.TarError, FileExistsError) as error:
        raise _refuse(
            f"The archive's contents are damaged: {error}.",
            "Arkivets indhold er beskadiget. Intet er gendannet.",
        ) from None
    manifest_path = work / MANIFEST
    if not manifest_path.is_file():
        raise _refuse("The archive has no manifest.", "Arkivet mangler sin indholdsfortegnelse.")
    manifest: dict[str, Any] = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT:
        raise _refuse(
            f"Unknown archive format {manifest.get('format')!r}.",
            "Arkivet har et ukendt format.",
        )
    listed = {entry["name"]: entry for entry in manifest["files"]}
    present = {path.relative_to(work).as_posix() for path in work.rglob("*") if path.is_file()}
    present.discard(MANIFEST)
    if set(listed) != present:
        missing, extra = sorted(set(listed) - present), sorted(present - set(listed))
        raise _refuse(
            f"The archive's files do not match its manifest (missing {missing}, extra {extra}).",
            "Arkivets filer svarer ikke til indholdsfortegnelsen. Intet er gendannet.",
        )
    for name, entry in listed.items():
        path = work / name
        if path.stat().st_size != entry["size"] or _sha256(path) != entry["sha256"]:
            raise _refuse(
                f"The checksum of {name} does not match the manifest.",
                f"Kontrolsummen for {name} passer ikke. Intet er gendannet.",
            )
    if DATABASE_MEMBER.get(manifest["database"]) not in listed:
        raise _refuse("The archive holds no database.", "Arkivet indeholder ingen database.")
    return manifest


def verify_archive(path: Path) -> dict[str, Any]:
    """Decrypt and check an archive without restoring it; return its manifest."""
    keys = backup_keys()
    with tempfile.TemporaryDirectory(prefix="tillid-verify-") as work, path.open("rb") as source:
        return _unpack(source, keys, Path(work))


def _replace_media(unpacked: Path, media_root: Path) -> int:
    """Make ``media_root`` hold exactly the archive's files (others are removed)."""
    media_root.mkdir(parents=True, exist_ok=True)
    wanted = {name for name, _path in media_files(unpacked)}
    for name, path in list(media_files(media_root)):
        if name not in wanted:
            path.unlink()
    for name, path in media_files(unpacked):
        destination = media_root / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    for folder in sorted(media_root.rglob("*"), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return len(wanted)


def restore_backup(
    path: Path,
    *,
    alias: str = "default",
    work_dir: Path | None = None,
    progress: Callable[[str], None] = lambda _line: None,
) -> RestoreResult:
    """Check, restore and check again. Raises ``BackupRefusedError`` before anything is changed,
    ``RestoreCheckError`` when a check after the restore fails."""
    keys = backup_keys()
    with (
        tempfile.TemporaryDirectory(prefix="tillid-restore-", dir=work_dir) as work_name,
        path.open("rb") as source,
    ):
        work = Path(work_name)
        manifest = _unpack(source, keys, work)
        progress("archive authenticated and every checksum matches")
        backup_db.restore(work / DATABASE_MEMBER[manifest["database"]], manifest["database"], alias)
        ContentType.objects.clear_cache()
        progress("database restored")
        media = _replace_media(work / MEDIA_PREFIX, Path(settings.MEDIA_ROOT))
        progress(f"{media} media files restored")
    result = check_restored(manifest, alias=alias)
    audit.record(
        actor=None,
        action="core.backup.restored",
        target=None,
        created_at=manifest["created_at"],
        last_entry_id=manifest["audit_head"]["last_entry_id"],
    )
    result.media_files = media
    return result


def check_restored(manifest: dict[str, Any], *, alias: str = "default") -> RestoreResult:
    counts, head = backup_db.live_counts_and_head(alias)
    differing = sorted(
        table for table, rows in manifest["tables"].items() if counts.get(table) != rows
    )
    if differing:
        raise RestoreCheckError(
            f"The restored tables do not hold the manifest's rows: {', '.join(differing[:10])}.",
            "De gendannede tabeller har ikke det antal rækker, arkivet angiver.",
        )
    if head != manifest["audit_head"]:
        raise RestoreCheckError(
            f"The restored audit head {head} is not the archive's {manifest['audit_head']}.",
            "Revisionssporets seneste post efter gendannelsen er ikke arkivets.",
        )
    report = verify_trail()
    if report.problem is not None:
        raise RestoreCheckError(
            f"The restored audit trail is broken: {report.problem.reason}.",
            "Det gendannede revisionsspor er brudt (se audit_verify).",
        )
    encrypted = check_encrypted_fields(using=alias)
    if encrypted.failures:
        named = ", ".join(f"{label} #{pk}" for label, pk in encrypted.failures[:10])
        raise RestoreCheckError(
            f"{len(encrypted.failures)} encrypted values cannot be decrypted with "
            f"TILLID_FIELD_KEYS: {named}.",
            f"{len(encrypted.failures)} krypterede værdier kan ikke dekrypteres med "
            "TILLID_FIELD_KEYS.",
        )
    connections[alias].close_if_unusable_or_obsolete()
    return RestoreResult(
        manifest=manifest,
        rows=sum(counts.values()),
        media_files=0,
        audit_entries=report.entries,
        encrypted_values=encrypted.checked,
        notes=(
            [f"{report.unsealed} audit entries were not sealed yet at the backup."]
            if report.unsealed
            else []
        ),
    )
