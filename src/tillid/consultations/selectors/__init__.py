"""Reads of consultations. One place decides who sees which case:

- a **professional** sees the requests they made (``consultation_list_for_requester``), without
  the internal notes, and never anybody else's;
- a **consultant** sees their team's queue and every case of their team, plus any case assigned
  to them (``consultation_list_for_consultant``);
- nobody else sees a case: administrators, editors, intake workers and course administrators
  hold neither role, so both lists are empty for them.

Detail pages fetch through the ``_get_for_`` functions, so a list and a page cannot disagree; an
object a user may not see is a 404. The caller audits every open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404

from tillid.accounts.models import OrgUnit, User
from tillid.accounts.roles import Role, has_role
from tillid.consultations.models import (
    OPEN_STATUSES,
    Consultation,
    EligibleUnit,
    Meeting,
    Message,
    Status,
    Team,
    Urgency,
)

# A loop guard for the walk up the unit tree (real trees are 3-5 levels deep).
MAX_UNIT_DEPTH = 20


# ----------------------------------------------------------------------------- eligibility


def user_is_eligible(*, user: Any) -> bool:
    """Whether ``user`` works in an eligible unit (a configured unit or anywhere below one).

    A user without an organisational unit is not eligible. Costs one query per tree level.
    """
    unit_id = getattr(user, "org_unit_id", None)
    if unit_id is None:
        return False
    eligible = set(EligibleUnit.objects.values_list("org_unit_id", flat=True))
    for _level in range(MAX_UNIT_DEPTH):
        if unit_id in eligible:
            return True
        unit_id = OrgUnit.objects.filter(pk=unit_id).values_list("parent_id", flat=True).first()
        if unit_id is None:
            return False
    return False


def administration_of(*, unit: OrgUnit | None) -> OrgUnit | None:
    """The root (administration) above ``unit``, for figures that outlive the requester link."""
    current = unit
    for _level in range(MAX_UNIT_DEPTH):
        if current is None or current.parent_id is None:
            return current
        current = OrgUnit.objects.filter(pk=current.parent_id).first()
    return current


def team_for_requests() -> Team | None:
    """The team that receives new requests (the first configured one)."""
    return Team.objects.select_related("org_unit", "lead").order_by("pk").first()


def team_members(*, team: Team) -> QuerySet[User]:
    """Active users with the consultant role in the team's unit: who a case can go to."""
    return User.objects.filter(
        org_unit_id=team.org_unit_id, is_active=True, groups__name=Role.CONSULTANT
    ).order_by("name", "pk")


def user_is_team_member(*, user: Any, team: Team) -> bool:
    return has_role(user, Role.CONSULTANT) and user.org_unit_id == team.org_unit_id


# ----------------------------------------------------------------------------- consultants


def _consultant_q(user: Any) -> Q:
    condition = Q(assigned_to=user)
    if user.org_unit_id is not None:
        condition |= Q(team__org_unit_id=user.org_unit_id)
    return condition


def consultation_list_for_consultant(*, user: Any) -> QuerySet[Consultation]:
    """Every case ``user`` may work on: their team's cases and cases assigned to them."""
    if not has_role(user, Role.CONSULTANT):
        return Consultation.objects.none()
    return Consultation.objects.filter(_consultant_q(user))


def may_work_on(*, user: Any, consultation: Consultation) -> bool:
    """The same rule as ``consultation_list_for_consultant`` for one loaded case (no query)."""
    if not has_role(user, Role.CONSULTANT):
        return False
    return consultation.assigned_to_id == user.pk or (
        user.org_unit_id is not None and consultation.team.org_unit_id == user.org_unit_id
    )


def consultation_get_for_consultant(*, user: Any, pk: Any) -> Consultation:
    """A case with everything its page shows, in a fixed number of queries; 404 otherwise."""
    consultation = (
        consultation_list_for_consultant(user=user)
        .select_related("team", "team__org_unit", "requester", "assigned_to")
        .prefetch_related(
            Prefetch("messages", queryset=Message.objects.select_related("author")),
            "internal_notes__author",
            "meetings",
        )
        .filter(pk=pk)
        .first()
    )
    if consultation is None:
        raise Http404
    return consultation


@dataclass(frozen=True)
class QueueFilters:
    status: str = "open"  # "open", "all" or a Status value
    help_type: str = ""
    urgency: str = ""
    assignee: str = ""  # a user id, "none" for unassigned, or "" for everyone
    overdue: bool = False


def _overdue(now: datetime) -> Case:
    return Case(
        When(
            Q(first_response_at__isnull=True)
            & ~Q(status=Status.CLOSED)
            & Q(first_response_due__lt=now),
            then=Value(True),
        ),
        default=Value(False),
        output_field=BooleanField(),
    )


URGENCY_RANK = Case(
    When(urgency=Urgency.ACUTE, then=Value(0)),
    When(urgency=Urgency.WEEK, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


# An acute request nobody has answered yet goes above everything else, answered acute ones
# fall back among the rest.
ACUTE_UNANSWERED_FIRST = Case(
    When(urgency=Urgency.ACUTE, first_response_at__isnull=True, then=Value(0)),
    default=Value(1),
    output_field=IntegerField(),
)


def consultation_queue(
    *, user: Any, filters: QueueFilters, now: datetime
) -> QuerySet[Consultation]:
    """The team's queue: unanswered acute requests first, then overdue, then by urgency and
    deadline (closed: newest first).

    Rows carry ``overdue`` and need no further query per row (assignee is joined).
    """
    cases = (
        consultation_list_for_consultant(user=user)
        .select_related("assigned_to")
        .annotate(overdue=_overdue(now))
    )
    if filters.status == "open":
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif filters.status in Status.values:
        cases = cases.filter(status=filters.status)
    if filters.help_type:
        # The list is stored as JSON text; quoting the code matches exactly one element.
        cases = cases.filter(help_types__icontains=f'"{filters.help_type}"')
    if filters.urgency:
        cases = cases.filter(urgency=filters.urgency)
    if filters.assignee == "none":
        cases = cases.filter(assigned_to__isnull=True)
    elif filters.assignee.isdigit():
        cases = cases.filter(assigned_to_id=int(filters.assignee))
    if filters.overdue:
        cases = cases.filter(overdue=True)
    if filters.status == Status.CLOSED:
        return cases.order_by("-closed_at", "-pk")
    return cases.order_by(
        ACUTE_UNANSWERED_FIRST, "-overdue", URGENCY_RANK, "first_response_due", "pk"
    )


def queue_counts(*, user: Any, now: datetime) -> dict[str, int]:
    """How many cases each tab holds, and how many are overdue, in one query."""
    counts = consultation_list_for_consultant(user=user).aggregate(
        **{status.value: Count("pk", filter=Q(status=status)) for status in Status},
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        all=Count("pk"),
        overdue=Count(
            "pk",
            filter=Q(first_response_at__isnull=True, first_response_due__lt=now)
            & ~Q(status=Status.CLOSED),
        ),
    )
    return {key: int(value or 0) for key, value in counts.items()}


# ----------------------------------------------------------------------------- professionals


def consultation_list_for_requester(*, user: Any) -> QuerySet[Consultation]:
    """The requests ``user`` made (professional role only), newest first."""
    if not has_role(user, Role.PROFESSIONAL):
        return Consultation.objects.none()
    return Consultation.objects.filter(requester=user).order_by("-created_at", "-pk")


def consultation_rows_for_requester(*, user: Any) -> QuerySet[Consultation]:
    """The list on "Mine henvendelser", with ``unread`` (new messages from the team)."""
    return consultation_list_for_requester(user=user).annotate(
        unread=Count(
            "messages", filter=Q(messages__from_consultant=True, messages__read_at__isnull=True)
        ),
        meeting_count=Count("meetings", distinct=True),
    )


def consultation_get_for_requester(*, user: Any, pk: Any) -> Consultation:
    """One of ``user``'s own requests with its messages and meetings; 404 otherwise.

    Internal notes are never fetched here: the professional's pages cannot show them.
    """
    consultation = (
        consultation_list_for_requester(user=user)
        .select_related("team", "assigned_to")
        .prefetch_related(
            Prefetch("messages", queryset=Message.objects.select_related("author")), "meetings"
        )
        .filter(pk=pk)
        .first()
    )
    if consultation is None:
        raise Http404
    return consultation


def meetings_ahead(*, consultation: Consultation, now: datetime) -> list[Meeting]:
    """The case's meetings that have not started yet, soonest first (the caller has checked
    that the user may see the case)."""
    return list(consultation.meetings.filter(starts_at__gte=now).order_by("starts_at", "pk"))
