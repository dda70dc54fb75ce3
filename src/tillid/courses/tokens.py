"""Links in emails that work without login: signed, single-purpose, and short-lived.

Each purpose has its own salt, so a confirmation link can never be used to cancel and the other
way round. The cancel link carries only the registration's random public id; it stops working
when the session starts (checked against the session's current start, so a session moved later
keeps the link alive). Evaluation tokens are random and stored only as their SHA-256.

Links go out by email, and the mail guard refuses a mail with anything that looks like a CPR
number; a random token holds ten digits in a row that form a date now and then, so tokens are
drawn again (with a fresh nonce) until they hold none.
"""

from __future__ import annotations

import hashlib
import itertools
import secrets
import uuid
from datetime import timedelta

from django.core import signing

from tillid.core.cpr import contains_cpr

CANCEL_SALT = "tillid.courses.registration.cancel"
CONFIRM_EMAIL_SALT = "tillid.courses.registration.confirm-email"
CONFIRM_EMAIL_MAX_AGE = timedelta(hours=24)


class BadLinkError(Exception):
    """The link was forged, altered, made for another purpose, or has expired."""


def _dump(public_id: uuid.UUID, salt: str) -> str:
    for nonce in itertools.count():
        token = signing.dumps({"r": public_id.hex, "n": nonce}, salt=salt)
        if not contains_cpr(token):
            return token
    raise AssertionError("unreachable")


def _load(token: str, salt: str, max_age: timedelta | None = None) -> uuid.UUID:
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
        return uuid.UUID(hex=str(value["r"]))
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        # SignatureExpired is a BadSignature too: one answer for every bad link.
        raise BadLinkError from None


def cancel_token(public_id: uuid.UUID) -> str:
    return _dump(public_id, CANCEL_SALT)


def read_cancel_token(token: str) -> uuid.UUID:
    return _load(token, CANCEL_SALT)


def confirm_email_token(public_id: uuid.UUID) -> str:
    return _dump(public_id, CONFIRM_EMAIL_SALT)


def read_confirm_email_token(token: str) -> uuid.UUID:
    return _load(token, CONFIRM_EMAIL_SALT, max_age=CONFIRM_EMAIL_MAX_AGE)


def new_evaluation_token() -> tuple[str, str]:
    """A fresh token for the email and the hash to store."""
    token = secrets.token_urlsafe(32)
    while contains_cpr(token):
        token = secrets.token_urlsafe(32)
    return token, evaluation_token_hash(token)


def evaluation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
