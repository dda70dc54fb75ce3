"""Reading instrument files from disk (JSON; the format is described in ``definitions``)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from tillid.risk.definitions import InstrumentError

INSTRUMENT_DIR = Path(__file__).resolve().parent / "instruments"


def instrument_file_paths(directory: Path = INSTRUMENT_DIR) -> list[Path]:
    """The shipped instrument files, in name order (so older versions load first)."""
    return sorted(directory.glob("*.json"))


def read_instrument_file(path: Path) -> dict[str, Any]:
    """The file's JSON document; raises ``InstrumentError`` when it is missing or not JSON."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InstrumentError([f"$: cannot read the file ({error.strerror})"]) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InstrumentError(
            [f"$: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"]
        ) from None
    return document


def checksum(document: Any) -> str:
    """SHA-256 of the canonical JSON: equal content gives an equal sum, whatever the layout."""
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
