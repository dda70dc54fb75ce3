"""Seals: the audit trail's entries chained in id order and signed with a key outside the database.

Over 400 lines on purpose: sealing and verification share the chain arithmetic and are only
safe to change when read side by side.

Writers only append entries (``audit.record``). ``seal_pending()`` then takes the entries after the
newest seal in id order, chains their hashes on from that seal's chain value::

    chain = sha256(chain + b"<id>:" + entry_hash)

and stores an ``AuditSeal`` with the range, the count, the chain value, the previous seal's hash and
an HMAC-SHA-256 signature made with the newest key of ``TILLID_AUDIT_KEYS``. Someone who can write
to the database but does not hold the key cannot change, remove, add or reorder a sealed entry, nor
re-seal a rewritten history: ``verify_trail()`` recomputes everything and checks the signatures.
Removing the newest seals together with their entries leaves a consistent shorter trail; that is
what the anchors are for: every seal's hash goes to the application log (logger
``tillid.audit.seal``), kept apart from the database, and ``verify_trail(anchors=...)`` checks the
database against it.

**Gaps.** Ids come from the database's sequence when a row is inserted, but transactions commit in
any order: id 10 may become visible after id 11. A seal up to 11 made in between would leave 10 out
for ever. So the sealer reads the highest visible id and then, on PostgreSQL, waits until every
transaction that was writing to the audit table at that moment has ended (they hold a
``RowExclusiveLock`` on it; ``pg_locks`` lists them), polling for at most ``WRITER_WAIT`` seconds.
Any id at or below that highest id was allocated by one of those transactions or by one that had
already ended, so after the wait every such entry is committed or rolled back for good. Writers are
never blocked: the sealer only reads ``pg_locks``. If a writer stays open longer (a long batch
job), this run seals nothing and a later run tries again. On SQLite a write transaction excludes
every other writer, so committed ids never have such gaps and no wait is needed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, connections, router, transaction
from django.utils import timezone

from tillid.core.audit import canonical_json, legacy_content_hash
from tillid.core.models import AuditEntry, AuditSeal

logger = logging.getLogger(__name__)
anchor_logger = logging.getLogger("tillid.audit.seal")

GENESIS = "0" * 64
MAX_SEAL_ENTRIES = 50_000  # entries per seal: keeps one sealing transaction short
WRITER_WAIT = 5.0  # seconds the sealer waits for open writers before giving up this run
SEAL_FORMAT = "tillid-audit-seal/1"
ENTRY_FIELDS = (
    "id",
    "created_at",
    "actor_id",
    "actor_label",
    "action",
    "target_type",
    "target_id",
    "target_label",
    "details",
    "previous_hash",
    "entry_hash",
)
SEAL_FIELDS = (
    "id",
    "first_id",
    "last_id",
    "count",
    "chain_hash",
    "previous_seal_hash",
    "seal_hash",
    "key_id",
    "created_at",
    "signature",
)
ANCHOR_PATTERN = re.compile(
    r"audit seal entries (\d+)-(\d+) count (\d+) hash ([0-9a-f]{64})(?: key (\S+))?"
)


@lru_cache(maxsize=4)
def _parse_keys(configured: tuple[str, ...]) -> tuple[tuple[str, bytes], ...]:
    keys = []
    for item in configured:
        key_id, _colon, secret = item.partition(":")
        if not key_id or not secret:
            raise ImproperlyConfigured("TILLID_AUDIT_KEYS must hold 'keyid:secret' pairs.")
        keys.append((key_id, secret.encode()))
    if not keys:
        raise ImproperlyConfigured("TILLID_AUDIT_KEYS is empty: audit seals need a key.")
    return tuple(keys)


def audit_keys() -> tuple[tuple[str, bytes], ...]:
    """(key id, secret) pairs, newest first; the newest signs new seals."""
    return _parse_keys(tuple(settings.TILLID_AUDIT_KEYS))


def seal_text(
    *,
    first_id: int,
    last_id: int,
    count: int,
    chain_hash: str,
    previous_seal_hash: str,
    key_id: str,
    created_at: datetime,
) -> bytes:
    """The canonical text a seal's hash and signature cover."""
    return (
        f"{SEAL_FORMAT} first={first_id} last={last_id} count={count} chain={chain_hash} "
        f"previous={previous_seal_hash} key={key_id} at={created_at.isoformat()}"
    ).encode()


def sign(secret: bytes, text: bytes) -> str:
    return hmac.new(secret, text, hashlib.sha256).hexdigest()


def chain_step(chain: bytes, entry_id: int, entry_hash: str) -> bytes:
    return hashlib.sha256(chain + b"%d:" % entry_id + entry_hash.encode()).digest()


# --- sealing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SealRun:
    sealed: int  # entries sealed by this run
    seals: int  # seals written by this run
    waited: bool  # False when open writers outlasted the wait and nothing more was sealed


def seal_pending(
    *,
    max_wait: float = WRITER_WAIT,
    max_entries: int = MAX_SEAL_ENTRIES,
    entry_model: Any = AuditEntry,
    seal_model: Any = AuditSeal,
) -> SealRun:
    """Seal every entry committed so far, in seals of at most ``max_entries``.

    Safe to run in several processes at once: each seal names the previous one in a unique
    column, so only one sealer extends the chain from a given seal; the others find nothing
    left to do. (The models are parameters so that a migration can pass its historical ones.)
    """
    sealed = seals = 0
    alias = router.db_for_write(seal_model)
    # The highest id now; entries committed later are the next run's (each run ends).
    upper = entry_model.objects.using(alias).order_by("-id").values_list("id", flat=True).first()
    if upper is None:
        return SealRun(0, 0, waited=True)
    if not _wait_for_writers(alias, entry_model._meta.db_table, max_wait):
        logger.warning("Audit sealing postponed: a transaction writing entries is still open.")
        return SealRun(0, 0, waited=False)
    while True:
        seal = _seal_up_to(upper, alias, max_entries, entry_model, seal_model)
        if seal is None:
            break
        sealed += seal.count
        seals += 1
    return SealRun(sealed, seals, waited=True)


def _wait_for_writers(alias: str, table: str, max_wait: float) -> bool:
    """Wait until every transaction now writing to ``table`` has ended (PostgreSQL only)."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return True
    query = (
        "SELECT virtualtransaction FROM pg_locks WHERE locktype = 'relation' "
        "AND relation = %s::regclass AND mode = 'RowExclusiveLock' AND granted "
        "AND pid <> pg_backend_pid() "
        # pg_locks covers the whole cluster, and databases copied from one template share
        # relation ids: only this database's writers matter.
        "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    )
    deadline = time.monotonic() + max_wait
    with connection.cursor() as cursor:
        cursor.execute(query, [table])
        waiting = {row[0] for row in cursor.fetchall()}
        while waiting:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.005)  # polling the lock table: the writers themselves are not blocked
            cursor.execute(query, [table])
            waiting &= {row[0] for row in cursor.fetchall()}
    return True


def _seal_up_to(upper: int, alias: str, max_entries: int, entry_model: Any, seal_model: Any) -> Any:
    key_id, secret = audit_keys()[0]
    with transaction.atomic(using=alias):
        # The sealer (never a writer) locks the newest seal, so a second sealer waits here and
        # then carries on from the seal the first one made.
        seal_model.objects.using(alias).select_for_update().order_by("-last_id").first()
        last = seal_model.objects.using(alias).order_by("-last_id").first()
        start = last.last_id if last is not None else 0
        if upper <= start:
            return None
        rows = list(
            entry_model.objects.using(alias)
            .filter(id__gt=start, id__lte=upper)
            .order_by("id")
            .values_list("id", "entry_hash")[:max_entries]
        )
        if not rows:
            return None
        chain = bytes.fromhex(last.chain_hash if last is not None else GENESIS)
        step = chain_step
        for entry_id, entry_hash in rows:
            chain = step(chain, entry_id, entry_hash)
        fields = {
            "first_id": rows[0][0],
            "last_id": rows[-1][0],
            "count": len(rows),
            "chain_hash": chain.hex(),
            "previous_seal_hash": last.seal_hash if last is not None else GENESIS,
            "key_id": key_id,
            "created_at": timezone.now(),
        }
        text = seal_text(**fields)
        seal = seal_model(
            **fields, seal_hash=hashlib.sha256(text).hexdigest(), signature=sign(secret, text)
        )
        try:
            with transaction.atomic(using=alias):
                seal.save(using=alias)
        except IntegrityError:
            return None  # another sealer extended the chain from the same seal first
        transaction.on_commit(lambda: _anchor(seal), using=alias)
    return seal


def _anchor(seal: Any) -> None:
    """Write the seal's hash to the application log: the copy outside the database."""
    anchor_logger.info(
        "audit seal entries %d-%d count %d hash %s key %s",
        seal.first_id,
        seal.last_id,
        seal.count,
        seal.seal_hash,
        seal.key_id,
    )


# --- verification ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    reason: str
    entry_id: int | None = None
    seal_id: int | None = None


@dataclass(frozen=True)
class VerifyReport:
    entries: int  # entries read (each checked against its own hash)
    sealed: int  # of which covered by a verified seal
    seals: int  # seals verified
    unsealed: int  # entries after the newest seal: the tail not protected yet
    oldest_unsealed_at: datetime | None
    anchors: int  # anchored seals checked against the database
    seconds: float
    problem: Problem | None

    @property
    def rate(self) -> float:
        return self.entries / self.seconds if self.seconds else 0.0


class _BrokenError(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def verify_trail(
    *,
    chunk_size: int = 20_000,
    anchors: Iterable[str] | None = None,
    progress: Callable[[int, float], None] | None = None,
    progress_every: int = 200_000,
) -> VerifyReport:
    """Check every entry against its hash and its seal, and every seal against its key.

    Streams entries and seals in id order (constant memory) and stops at the first problem,
    naming the entry or seal. ``anchors`` are lines of the application log; the anchored seals
    must be in the database unchanged. ``progress(entries, seconds)`` is called every
    ``progress_every`` entries.
    """
    started = time.perf_counter()
    keys = dict(audit_keys())
    state: _Walk | None = None
    checked = anchored = 0
    problem: Problem | None = None
    try:
        state = _Walk(keys)
        checked = _walk_entries(state, chunk_size, progress, progress_every, started)
        state.finish()
        anchored = _check_anchors(anchors) if anchors is not None else 0
    except _BrokenError as broken:
        problem = broken.problem
        checked = state.checked if state is not None else 0
    return VerifyReport(
        entries=checked,
        sealed=state.sealed if state is not None else 0,
        seals=state.seals_verified if state is not None else 0,
        unsealed=state.unsealed if state is not None else 0,
        oldest_unsealed_at=state.oldest_unsealed_at if state is not None else None,
        anchors=anchored,
        seconds=time.perf_counter() - started,
        problem=problem,
    )


class _Walk:
    """The seal side of the walk: the current seal and the chain computed so far."""

    def __init__(self, keys: dict[str, bytes]) -> None:
        self.keys = keys
        self.seal_rows = iter(
            AuditSeal.objects.order_by("last_id")
            .values_list(*SEAL_FIELDS)
            .iterator(chunk_size=2000)
        )
        self.previous_seal_hash = GENESIS
        self.previous_last_id = 0
        self.chain = bytes.fromhex(GENESIS)
        self.seal: tuple[Any, ...] | None = None
        self.in_seal = 0
        self.first_gap_after: int | None = None
        self.previous_id = 0
        self.sealed = 0
        self.seals_verified = 0
        self.unsealed = 0
        self.oldest_unsealed_at: datetime | None = None
        self.checked = 0
        self.next_seal()

    def next_seal(self) -> None:
        self.seal = next(self.seal_rows, None)
        self.in_seal = 0
        self.first_gap_after = None
        if self.seal is None:
            return
        seal_id, first_id, last_id = self.seal[0], self.seal[1], self.seal[2]
        if first_id <= self.previous_last_id or last_id < first_id:
            raise _BrokenError(
                Problem(f"seal #{seal_id} overlaps the seal before it or is empty", seal_id=seal_id)
            )
        self.check_signature(self.seal)

    def check_signature(self, seal: tuple[Any, ...]) -> None:
        (seal_id, first_id, last_id, count, chain_hash, previous, seal_hash, key_id, at, sig) = seal
        secret = self.keys.get(key_id)
        if secret is None:
            raise _BrokenError(
                Problem(
                    f"seal #{seal_id} names key {key_id!r}, which is not in TILLID_AUDIT_KEYS",
                    seal_id=seal_id,
                )
            )
        text = seal_text(
            first_id=first_id,
            last_id=last_id,
            count=count,
            chain_hash=chain_hash,
            previous_seal_hash=previous,
            key_id=key_id,
            created_at=at,
        )
        if not hmac.compare_digest(sign(secret, text), sig):
            raise _BrokenError(
                Problem(
                    f"seal #{seal_id} (entries #{first_id}-#{last_id}) has a wrong signature: "
                    "it was forged or changed without the key",
                    seal_id=seal_id,
                )
            )
        if hashlib.sha256(text).hexdigest() != seal_hash:
            raise _BrokenError(
                Problem(f"seal #{seal_id} does not match its own hash", seal_id=seal_id)
            )
        if previous != self.previous_seal_hash:
            raise _BrokenError(
                Problem(
                    f"seal #{seal_id} does not follow the seal before it: a seal was removed",
                    seal_id=seal_id,
                )
            )

    def close_seal(self) -> None:
        """All entries of the current seal have been seen: compare count and chain."""
        assert self.seal is not None
        seal_id, first_id, last_id, count, chain_hash = self.seal[:5]
        if self.in_seal != count:
            hint = (
                f"; the first gap in the ids is after entry #{self.first_gap_after}"
                if self.first_gap_after is not None
                else ""
            )
            raise _BrokenError(
                Problem(
                    f"seal #{seal_id} covers {count} entries from #{first_id} to #{last_id} but "
                    f"{self.in_seal} are there: entries were removed or added{hint}",
                    entry_id=self.first_gap_after,
                    seal_id=seal_id,
                )
            )
        if self.chain.hex() != chain_hash:
            raise _BrokenError(
                Problem(
                    f"the entries #{first_id}-#{last_id} do not match seal #{seal_id}: entries "
                    "were reordered, or replaced together with their hashes",
                    entry_id=first_id,
                    seal_id=seal_id,
                )
            )
        self.sealed += count
        self.seals_verified += 1
        self.previous_seal_hash = self.seal[6]
        self.previous_last_id = last_id
        self.next_seal()

    def finish(self) -> None:
        while self.seal is not None:  # entries at the end of a seal (or whole seals) are gone
            self.close_seal()


# On PostgreSQL the database formats ``created_at`` exactly as ``datetime.isoformat()`` does in
# UTC (no fraction when it is zero) and hands ``details`` over as text: no datetime objects are
# made and Django's converters are skipped. The work is shared with the database process, which
# formats the next rows while Python hashes these.
_PG_CREATED_AT = (
    "CASE WHEN date_trunc('second', created_at) = created_at "
    """THEN to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"') """
    """ELSE to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"') END"""
)


def _iso_from_database(value: Any) -> str:
    """``created_at`` as other databases return it (text or datetime), in the hashed format."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return str(value.astimezone(UTC).isoformat())


def _entry_chunks(chunk_size: int) -> Iterator[list[tuple[Any, ...]]]:
    """All entries in id order as lists of raw tuples, ``created_at`` as its ISO text and
    ``details`` as JSON text; streamed through a server-side cursor where there is one."""
    alias = router.db_for_read(AuditEntry)
    connection = connections[alias]
    postgres = connection.vendor == "postgresql"
    created = _PG_CREATED_AT if postgres else "created_at"
    details = "details::text" if postgres else "details"
    columns = (
        f"id, {created}, actor_id, actor_label, action, target_type, target_id, target_label, "
        f"{details}, previous_hash, entry_hash"
    )
    sql = f"SELECT {columns} FROM {AuditEntry._meta.db_table} ORDER BY id"  # noqa: S608 (constants)
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql)
        while rows := cursor.fetchmany(chunk_size):
            if not postgres:
                rows = [(row[0], _iso_from_database(row[1]), *row[2:]) for row in rows]
            yield rows


def _walk_entries(
    state: _Walk,
    chunk_size: int,
    progress: Callable[[int, float], None] | None,
    progress_every: int,
    started: float,
) -> int:
    """The hot loop: kept in one function with local names, since it runs a million times.

    Per entry: one JSON decode of the details (the scanner, without ``json.loads``' checks for
    whitespace around the text the database wrote), one C encode of the canonical array, one
    SHA-256 for the entry and one for the chain.
    """
    scan = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
    encode = canonical_json
    sha256 = hashlib.sha256
    checked = 0
    next_report = progress_every
    seal = state.seal
    seal_first = seal[1] if seal else 0
    seal_last = seal[2] if seal else 0
    chain = state.chain
    in_seal = 0
    previous_id = 0
    for rows in _entry_chunks(chunk_size):
        for row in rows:
            (entry_id, created_at, actor_id, actor_label, action, ttype, tid, tlabel, details) = (
                row[:9]
            )
            previous_hash, entry_hash = row[9], row[10]
            details = scan(details, 0)[0] if isinstance(details, str) else details
            if previous_hash:
                computed = legacy_content_hash(
                    created_at, actor_id, actor_label, action, ttype, tid, tlabel, details,
                    previous_hash,
                )  # fmt: skip
            else:
                computed = sha256(
                    encode([created_at, actor_id, actor_label, action, ttype, tid, tlabel, details])
                    .encode()
                ).hexdigest()  # fmt: skip
            if computed != entry_hash:
                state.checked = checked
                raise _BrokenError(
                    Problem(
                        f"entry #{entry_id} does not match its hash: it was changed",
                        entry_id=entry_id,
                    )
                )
            checked += 1
            while seal is not None and entry_id > seal_last:
                # The seal's last entry is missing: close it, which reports the shortfall.
                state.chain, state.in_seal, state.checked = chain, in_seal, checked
                state.close_seal()
                seal, chain, in_seal = state.seal, state.chain, 0
                seal_first = seal[1] if seal else 0
                seal_last = seal[2] if seal else 0
            if seal is None:
                state.unsealed += 1
                if state.oldest_unsealed_at is None:
                    state.oldest_unsealed_at = datetime.fromisoformat(created_at)
            else:
                if entry_id < seal_first:
                    state.checked = checked
                    raise _BrokenError(
                        Problem(
                            f"entry #{entry_id} lies between seals but is in none: it was added "
                            "afterwards or moved",
                            entry_id=entry_id,
                        )
                    )
                if in_seal and entry_id != previous_id + 1 and state.first_gap_after is None:
                    state.first_gap_after = previous_id
                chain = sha256(chain + b"%d:" % entry_id + entry_hash.encode()).digest()
                in_seal += 1
                if entry_id == seal_last:
                    state.chain, state.in_seal, state.checked = chain, in_seal, checked
                    state.close_seal()
                    seal, chain, in_seal = state.seal, state.chain, 0
                    seal_first = seal[1] if seal else 0
                    seal_last = seal[2] if seal else 0
            previous_id = entry_id
        if checked >= next_report and progress is not None:
            progress(checked, time.perf_counter() - started)
            next_report = checked + progress_every
    state.chain, state.in_seal, state.checked = chain, in_seal, checked
    return checked


def _check_anchors(lines: Iterable[str]) -> int:
    """Every seal anchored in the log must be in the database with the same hash."""
    checked = 0
    for line in lines:
        match = ANCHOR_PATTERN.search(line)
        if match is None:
            continue
        first_id, last_id, count, seal_hash = match.groups()[:4]
        stored = (
            AuditSeal.objects.filter(last_id=int(last_id))
            .values_list("first_id", "count", "seal_hash")
            .first()
        )
        if stored != (int(first_id), int(count), seal_hash):
            raise _BrokenError(
                Problem(
                    f"the seal of entries #{first_id}-#{last_id} in the log is "
                    f"{'different in' if stored else 'missing from'} the database: sealed "
                    "entries were removed or the database was rewritten or restored",
                    entry_id=int(first_id),
                )
            )
        checked += 1
    return checked


def read_anchors(path: Path) -> list[str]:
    with path.open(encoding="utf-8", errors="replace") as log:
        return [line for line in log if "audit seal entries" in line]
