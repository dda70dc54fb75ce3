"""How reports about the same child find each other without the database knowing who the
child is.

Two keyed hashes (HMAC-SHA-256 with ``TILLID_MATCH_KEY``, a key kept out of the database) are
stored beside the encrypted values:

- ``cpr_hash``: of the normalised CPR number (ten digits, no separator). The number itself is
  never in an index or a lookup; whoever reads the database without the key cannot test a guess.
- ``name_birth_hash``: of the normalised name together with the birth date. Two different
  children with the same name and another birth date do not match; without a known birth date
  (only an age) there is no name hash, so a name alone never matches.

Normalising a name: Unicode NFKC, case folded, accents kept (Åse is not Ase), every run of
whitespace, hyphens and dots a single space, leading and trailing space removed.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from datetime import date

from django.conf import settings

_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015.]+")


def normalise_name(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    return _SEPARATORS.sub(" ", text).strip()


def _keyed(value: str) -> str:
    key = str(settings.TILLID_MATCH_KEY).encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def cpr_hash(cpr_digits: str) -> str:
    """The keyed hash of a normalised CPR number ("" for none)."""
    return _keyed(f"cpr:{cpr_digits}") if cpr_digits else ""


def name_birth_hash(name: str, birth_date: date | None) -> str:
    """The keyed hash of the normalised name and the birth date ("" without either)."""
    normalised = normalise_name(name)
    if not normalised or birth_date is None:
        return ""
    return _keyed(f"name:{normalised}|{birth_date.isoformat()}")
