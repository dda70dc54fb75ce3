"""The backup drill: back up, destroy, restore, compare; and every archive that is not exactly
what the key made is refused before anything changes. Runs on SQLite and, under
``scripts/test --postgres``, on PostgreSQL (pg_dump/pg_restore)."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection

from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.core import audit, backup, backup_db
from tillid.core.audit_seal import seal_pending
from tillid.core.backup_crypto import (
    ArchiveAuthenticationError,
    DecryptingReader,
    EncryptingWriter,
    parse_keys,
)
from tillid.core.models import AuditEntry
from tillid.risk.models import Subject

pytestmark = pytest.mark.django_db(transaction=True)

BACKUP_KEY = Fernet.generate_key().decode()


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    (root / "documents").mkdir(parents=True)
    (root / "documents" / "vejledning.pdf").write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 50)
    (root / "images" / "2026").mkdir(parents=True)
    (root / "images" / "2026" / "logo.png").write_bytes(b"\x89PNG" + b"\x00" * 3000)
    settings.MEDIA_ROOT = root
    settings.TILLID_BACKUP_KEYS = [BACKUP_KEY]
    return root


@pytest.fixture
def data(make_user: Callable[..., User]) -> dict[str, Any]:
    author = make_user(Role.PROFESSIONAL, name="Drill Fagperson")
    subjects = [
        Subject.objects.create(created_by=author, reference=f"Pige, 15 år, sag {index}")
        for index in range(3)
    ]
    audit.record(actor=author, action="risk.subject.created", target=subjects[0])
    seal_pending()
    audit.record(actor=author, action="risk.subject.created", target=subjects[1])  # unsealed tail
    return {"author": author, "subjects": subjects}


def _all_rows() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, raw (encrypted values as their stored tokens)."""
    rows = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        for table in backup_db.tables():
            if table in present:
                cursor.execute(f"SELECT * FROM {quote(table)}")
                rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


def _media_digests(root: Path) -> dict[str, str]:
    return {
        name: hashlib.sha256(path.read_bytes()).hexdigest()
        for name, path in backup.media_files(root)
    }


def _destroy(media_root: Path) -> None:
    """Lose everything: every table (with its triggers) and every media file."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)}")
            cursor.execute("PRAGMA foreign_keys = ON")
    for _name, path in list(backup.media_files(media_root)):
        path.unlink()


def test_the_drill_backs_up_destroys_restores_and_compares(
    media: Path, data: dict[str, Any], tmp_path: Path
) -> None:
    archive = tmp_path / "tillid.backup"
    before_rows, before_media = _all_rows(), _media_digests(media)

    call_command("backup", str(archive), stdout=io.StringIO())

    # The archive is encrypted: neither the case text nor the media is readable in it.
    raw = archive.read_bytes()
    assert b"Pige, 15" not in raw
    assert b"%PDF" not in raw
    assert b"manifest" not in raw
    entries_with_backup = AuditEntry.objects.filter(action="core.backup.created").count()
    assert entries_with_backup == 1

    _destroy(media)
    assert _media_digests(media) == {}

    out = io.StringIO()
    call_command("restore", str(archive), "--no-input", stdout=out)

    assert "restored and verified" in out.getvalue()
    after_rows = _all_rows()
    # Everything comes back as it was at the backup. Only the restore's own audit entry (and
    # perhaps a seal task for it) was written after.
    for table, written_after in (
        ("core_auditentry", {1}),
        ("django_tasks_database_dbtaskresult", {0, 1}),
    ):
        restored, expected = after_rows.pop(table), before_rows.pop(table)
        assert [row for row in expected if row not in restored] == []
        assert len([row for row in restored if row not in expected]) in written_after
    assert after_rows == before_rows
    assert _media_digests(media) == before_media
    assert [s.reference for s in Subject.objects.order_by("pk")] == [
        "Pige, 15 år, sag 0",
        "Pige, 15 år, sag 1",
        "Pige, 15 år, sag 2",
    ]
    actions = list(AuditEntry.objects.order_by("-id").values_list("action", flat=True)[:1])
    assert actions == ["core.backup.restored"]


def test_a_restore_undoes_later_changes_and_removes_later_media(
    media: Path, data: dict[str, Any], tmp_path: Path, make_user: Callable[..., User]
) -> None:
    archive = tmp_path / "tillid.backup"
    backup.create_backup(archive)
    make_user(Role.CONSULTANT, name="Kom senere")
    Subject.objects.filter(pk=data["subjects"][0].pk).update(reference="ændret efter kopien")
    (media / "documents" / "later.txt").write_text("later")

    backup.restore_backup(archive)

    assert not User.objects.filter(name="Kom senere").exists()
    assert Subject.objects.get(pk=data["subjects"][0].pk).reference == "Pige, 15 år, sag 0"
    assert not (media / "documents" / "later.txt").exists()


def _flip_byte(archive: Path, offset: int) -> None:
    content = bytearray(archive.read_bytes())
    content[offset] ^= 0x01
    archive.write_bytes(bytes(content))


@pytest.mark.parametrize(
    "tamper",
    ["flip a byte in the middle", "flip the last byte", "cut the end off", "flip the header"],
)
def test_a_tampered_archive_is_refused_and_nothing_changes(
    media: Path, data: dict[str, Any], tmp_path: Path, tamper: str
) -> None:
    archive = tmp_path / "tillid.backup"
    backup.create_backup(archive)
    size = archive.stat().st_size
    if tamper == "flip a byte in the middle":
        _flip_byte(archive, size // 2)
    elif tamper == "flip the last byte":
        _flip_byte(archive, size - 1)
    elif tamper == "cut the end off":
        archive.write_bytes(archive.read_bytes()[: size - 100])
    else:
        _flip_byte(archive, 40)  # the salt
    Subject.objects.filter(pk=data["subjects"][0].pk).update(reference="efter kopien")

    with pytest.raises(CommandError, match="Arkivet afvises"):
        call_command("restore", str(archive), "--no-input", stdout=io.StringIO())

    assert Subject.objects.get(pk=data["subjects"][0].pk).reference == "efter kopien"
    assert (media / "documents" / "vejledning.pdf").exists()


def _rewrite(archive: Path, change: Callable[[str, bytes], bytes]) -> None:
    """Decrypt, change a member and encrypt again with the right key: a forger holding the key
    could do this, so the manifest's checksums must still catch a changed file."""
    keys = parse_keys([BACKUP_KEY])
    members: list[tuple[str, bytes]] = []
    with (
        archive.open("rb") as source,
        tarfile.open(fileobj=DecryptingReader(source, keys), mode="r|") as tar,  # type: ignore[call-overload]
    ):
        for member in tar:
            members.append((member.name, tar.extractfile(member).read()))
    with archive.open("wb") as sink:
        writer = EncryptingWriter(sink, keys[0])
        with tarfile.open(fileobj=writer, mode="w|") as tar:  # type: ignore[call-overload]
            for name, content in members:
                new = change(name, content)
                info = tarfile.TarInfo(name)
                info.size = len(new)
                tar.addfile(info, io.BytesIO(new))
        writer.close()


def test_a_file_that_differs_from_the_manifest_is_refused(
    media: Path, data: dict[str, Any], tmp_path: Path
) -> None:
    archive = tmp_path / "tillid.backup"
    backup.create_backup(archive)
    _rewrite(
        archive,
        lambda name, content: (
            b"%PDF forged" if name == "media/documents/vejledning.pdf" else content
        ),
    )

    with pytest.raises(backup.BackupRefusedError) as refused:
        backup.restore_backup(archive)

    assert (
        "Kontrolsummen for media/documents/vejledning.pdf passer ikke" in refused.value.message_da
    )
    assert (media / "documents" / "vejledning.pdf").read_bytes().startswith(b"%PDF-1.4")


def test_a_restore_whose_rows_differ_from_the_manifest_is_not_declared_a_success(
    media: Path, data: dict[str, Any], tmp_path: Path
) -> None:
    archive = tmp_path / "tillid.backup"
    backup.create_backup(archive)

    def lie_about_users(name: str, content: bytes) -> bytes:
        if name != "manifest.json":
            return content
        manifest = json.loads(content)
        manifest["tables"]["accounts_user"] += 1
        return json.dumps(manifest).encode()

    _rewrite(archive, lie_about_users)

    with pytest.raises(CommandError, match="GENDANNELSEN ER IKKE GODKENDT"):
        call_command("restore", str(archive), "--no-input", stdout=io.StringIO())


def test_a_restore_with_the_wrong_field_keys_is_not_declared_a_success(
    media: Path, data: dict[str, Any], tmp_path: Path, settings: Any
) -> None:
    archive = tmp_path / "tillid.backup"
    backup.create_backup(archive)
    settings.TILLID_FIELD_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(backup.RestoreCheckError) as failed:
        backup.restore_backup(archive)

    assert "3 encrypted values cannot be decrypted" in str(failed.value)
    assert "Pige" not in str(failed.value)


def test_an_archive_made_with_another_key_is_refused(
    media: Path, data: dict[str, Any], tmp_path: Path, settings: Any
) -> None:
    archive = tmp_path / "tillid.backup"
    backup.create_backup(archive)
    settings.TILLID_BACKUP_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(CommandError, match="Ingen brugbar nøgle"):
        call_command("restore", str(archive), "--check-only", stdout=io.StringIO())


def test_the_backup_key_must_not_be_a_field_key(media: Path, tmp_path: Path, settings: Any) -> None:
    settings.TILLID_BACKUP_KEYS = [settings.TILLID_FIELD_KEYS[0]]
    with pytest.raises(CommandError, match="must not reuse a key of TILLID_FIELD_KEYS"):
        call_command("backup", str(tmp_path / "x.backup"), stdout=io.StringIO())


def test_the_stream_cipher_refuses_reordered_chunks() -> None:
    key = parse_keys([BACKUP_KEY])[0]
    sink = io.BytesIO()
    writer = EncryptingWriter(sink, key, chunk_size=64)
    writer.write(bytes(range(200)))
    writer.close()
    sealed = sink.getvalue()
    header, body = sealed[:60], sealed[60:]
    blocks = [body[i : i + 80] for i in range(0, len(body), 80)]
    assert DecryptingReader(io.BytesIO(sealed), [key]).read() == bytes(range(200))

    swapped = header + blocks[1] + blocks[0] + b"".join(blocks[2:])
    with pytest.raises(ArchiveAuthenticationError):
        DecryptingReader(io.BytesIO(swapped), [key]).read()
    dropped_last = header + b"".join(blocks[:-1])
    with pytest.raises(ArchiveAuthenticationError):
        DecryptingReader(io.BytesIO(dropped_last), [key]).read()
