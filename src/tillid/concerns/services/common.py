"""Who may do what with a concern report, and the refusals the services raise.

- A **notifier** (professional or consultant: anyone whose work may give them a duty to notify)
  starts, edits and submits their own drafts, and reads their own reports' status and copy.
- An **intake worker** works on the submitted reports of the intake unit they belong to.
- Nobody else touches a report: not administrators, managers, editors or another notifier.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from tillid.accounts.roles import Role, has_role
from tillid.concerns.models import Report, Status
from tillid.core.refusals import ActionRefusedError, NotPermittedError

NOTIFIER_ROLES = (Role.PROFESSIONAL, Role.CONSULTANT)


class ReportSubmittedError(ActionRefusedError):
    default_message = _("Underretningen er sendt og kan ikke ændres.")
    default_code = "submitted"


class AdultError(ActionRefusedError):
    """The person is 18 or over: the duty to notify concerns children; adults get advice."""

    default_message = _(
        "Personen er 18 år eller ældre. Underretning gælder børn og unge under 18 år: se i "
        "stedet rådgivning og handleplaner for voksne."
    )
    default_code = "adult"


class ReportChangedError(ActionRefusedError):
    """Someone else changed the report since this page was shown (optimistic concurrency)."""

    default_message = _(
        "En kollega har lige ændret underretningen. Se den nye udgave, før du gør mere."
    )
    default_code = "changed"


def may_notify(user: Any) -> bool:
    return has_role(user, *NOTIFIER_ROLES)


def is_notifier_of(user: Any, report: Report) -> bool:
    return may_notify(user) and report.notifier_id is not None and report.notifier_id == user.pk


def may_intake(user: Any, report: Report) -> bool:
    """An intake worker of the report's intake unit, for a submitted report."""
    return (
        has_role(user, Role.INTAKE_WORKER)
        and report.status != Status.DRAFT
        and report.intake_unit is not None
        and user.org_unit_id is not None
        and report.intake_unit.org_unit_id == user.org_unit_id
    )


def require_notifier(user: Any, report: Report) -> None:
    if not is_notifier_of(user, report):
        raise NotPermittedError


def require_intake(user: Any, report: Report) -> None:
    if not may_intake(user, report):
        raise NotPermittedError
