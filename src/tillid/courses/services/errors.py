"""What the course services refuse, with the Danish message to show (all are
``tillid.core.refusals.ActionRefusedError``; a wrong user gets ``NotPermittedError``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from tillid.accounts.roles import Role, has_role
from tillid.core.refusals import ActionRefusedError, NotPermittedError


class CourseActionRefusedError(ActionRefusedError):
    """A course rule stopped the action; nothing was changed."""


class SessionBusyError(ActionRefusedError):
    """The session stayed locked by other registrations longer than the lock timeout."""

    default_message = _("Der er mange tilmeldinger lige nu. Vent et øjeblik, og prøv igen.")
    default_code = "busy"


def require_course_administrator(actor: Any) -> None:
    """Refuse (``NotPermittedError``) anyone but an active course administrator."""
    if not has_role(actor, Role.COURSE_ADMINISTRATOR):
        raise NotPermittedError
