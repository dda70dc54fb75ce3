"""Streaming authenticated encryption of backup archives (AES-256-GCM in chunks).

An archive can be far larger than memory, so it is encrypted as a sequence of chunks (the STREAM
construction): each chunk of ``CHUNK_SIZE`` bytes is sealed with AES-GCM under a key derived for
this archive alone, with the chunk's number in the nonce and a flag marking the last chunk. So a
reader detects a changed byte (the chunk's tag fails), chunks moved, dropped or repeated (the
number is wrong), and an archive cut short (no chunk carries the last-chunk flag). The header is
authenticated with every chunk.

File layout::

    MAGIC (16) | key id (8) | salt (32) | chunk size (4, big-endian)
    then chunks: ciphertext of up to chunk size bytes + 16-byte tag

The master keys come from ``TILLID_BACKUP_KEYS`` (comma-separated, newest first, each 32 random
bytes in URL-safe base64: ``Fernet.generate_key()`` makes one). The newest encrypts; the header's
key id picks the key that decrypts, so archives made before a rotation stay readable while their
key is listed. The archive key is HKDF-SHA-256(master, salt): never the master itself.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import struct
from typing import IO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"TILLID-BACKUP/1\n"
CHUNK_SIZE = 1024 * 1024
TAG_SIZE = 16
SALT_SIZE = 32
KEY_ID_SIZE = 8
HEADER_SIZE = len(MAGIC) + KEY_ID_SIZE + SALT_SIZE + 4


class BackupKeyError(Exception):
    """No usable key: missing, malformed, or not the one the archive was made with."""


class ArchiveAuthenticationError(Exception):
    """The archive is not what the key made: changed, truncated, reordered or not an archive."""


def parse_keys(configured: list[str] | tuple[str, ...]) -> list[bytes]:
    keys = []
    for text in configured:
        try:
            key = base64.urlsafe_b64decode(text.strip().encode())
        except (binascii.Error, ValueError):
            key = b""
        if len(key) != 32:
            raise BackupKeyError(
                "TILLID_BACKUP_KEYS must hold keys of 32 random bytes in URL-safe base64 "
                "(python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())')."
            )
        keys.append(key)
    if not keys:
        raise BackupKeyError("TILLID_BACKUP_KEYS is not set: backups need a key.")
    return keys


def key_id(master: bytes) -> bytes:
    """A public fingerprint of a master key (names the key in the header; reveals nothing)."""
    return hashlib.sha256(b"tillid-backup key id\0" + master).digest()[:KEY_ID_SIZE]


def _archive_key(master: bytes, salt: bytes) -> AESGCM:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=salt, info=b"tillid-backup/1 archive key"
    ).derive(master)
    return AESGCM(derived)


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class EncryptingWriter:
    """A write-only file object: what is written goes out encrypted to ``sink`` in chunks.

    ``close()`` seals the final chunk (possibly empty) with the last-chunk flag; an archive whose
    writer was not closed is refused by the reader as truncated.
    """

    def __init__(self, sink: IO[bytes], master: bytes, *, chunk_size: int = CHUNK_SIZE) -> None:
        salt = os.urandom(SALT_SIZE)
        self._sink = sink
        self._aead = _archive_key(master, salt)
        self._header = MAGIC + key_id(master) + salt + struct.pack(">I", chunk_size)
        self._chunk_size = chunk_size
        self._buffer = bytearray()
        self._counter = 0
        self._closed = False
        sink.write(self._header)

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:
        self._buffer += data
        # Keep at least one byte back: the last chunk must be sealed with the last-chunk flag.
        while len(self._buffer) > self._chunk_size:
            self._seal(bytes(self._buffer[: self._chunk_size]), last=False)
            del self._buffer[: self._chunk_size]
        return len(data)

    def _seal(self, chunk: bytes, *, last: bool) -> None:
        self._sink.write(self._aead.encrypt(_nonce(self._counter, last), chunk, self._header))
        self._counter += 1

    def flush(self) -> None:
        self._sink.flush()

    def close(self) -> None:
        if not self._closed:
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._closed = True
            self._sink.flush()


class DecryptingReader:
    """A read-only file object over an encrypted archive; every chunk is authenticated before a
    byte of it is returned. Raises ``ArchiveAuthenticationError`` on any change."""

    def __init__(self, source: IO[bytes], masters: list[bytes]) -> None:
        header = source.read(HEADER_SIZE)
        if len(header) != HEADER_SIZE or not header.startswith(MAGIC):
            raise ArchiveAuthenticationError("not a Tillid backup archive")
        wanted = header[len(MAGIC) : len(MAGIC) + KEY_ID_SIZE]
        salt = header[len(MAGIC) + KEY_ID_SIZE : len(MAGIC) + KEY_ID_SIZE + SALT_SIZE]
        (chunk_size,) = struct.unpack(">I", header[-4:])
        master = next((key for key in masters if key_id(key) == wanted), None)
        if master is None:
            raise BackupKeyError(
                "The archive was made with a key that is not in TILLID_BACKUP_KEYS "
                f"(key id {wanted.hex()})."
            )
        if not 0 < chunk_size <= 64 * CHUNK_SIZE:
            raise ArchiveAuthenticationError("the header is damaged")
        self._source = source
        self._aead = _archive_key(master, salt)
        self._header = header
        self._block = chunk_size + TAG_SIZE
        self._counter = 0
        self._pending = source.read(self._block)
        self._plain = bytearray()
        self._finished = False

    def readable(self) -> bool:
        return True

    def _next_chunk(self) -> None:
        block = self._pending
        self._pending = self._source.read(self._block) if block else b""
        last = not self._pending
        if not block:
            raise ArchiveAuthenticationError("the archive ends before its last chunk")
        try:
            plain = self._aead.decrypt(_nonce(self._counter, last), block, self._header)
        except InvalidTag:
            raise ArchiveAuthenticationError(
                f"chunk {self._counter} fails authentication (changed, moved or cut short)"
            ) from None
        self._counter += 1
        self._plain += plain
        self._finished = last

    def read(self, size: int = -1) -> bytes:
        while not self._finished and (size < 0 or len(self._plain) < size):
            self._next_chunk()
        if size < 0:
            size = len(self._plain)
        data = bytes(self._plain[:size])
        del self._plain[:size]
        return data

    def read_to_end(self) -> None:
        """Authenticate the rest of the archive (tar readers stop before its padding)."""
        while not self._finished:
            self._next_chunk()
            self._plain.clear()
