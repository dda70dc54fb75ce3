"""Who may read an action plan, and the reads of plans: every access rule is here.

Nobody reaches a plan without being an active user holding the case worker or the consultant
role (both log in with a second factor). Among those:

1. the **responsible case worker** reads and edits the plan (``ActionPlan.responsible``);
2. the **team lead** reads the plans of their team: the case worker whose unit's effective lead
   (``OrgUnit.effective_lead()``: the unit's own lead or the nearest ancestor's) they are. The
   lead must hold the case worker role: the manager role only ever sees anonymous figures;
3. a **consultant** reads a plan while it is linked to a consultation case they hold
   (``consultations.selectors.consultation_list_for_consultant``); unlinking ends it.

Administrators and every other role read nothing. An anonymised plan is read by no one.
Only the responsible worker edits, and only an open plan.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from tillid.accounts.models import OrgUnit, User
from tillid.accounts.roles import Role, has_role
from tillid.actionplans import document
from tillid.actionplans.models import ActionPlan, PlanVersion
from tillid.consultations.selectors import consultation_list_for_consultant
from tillid.risk.selectors import assessment_list_for_user

PLAN_ROLES = (Role.CASE_WORKER, Role.CONSULTANT)


def led_unit_ids(user: Any) -> set[int]:
    """The units whose effective lead is ``user`` (one query over the unit tree)."""
    units = {
        pk: (parent, lead)
        for pk, parent, lead in OrgUnit.objects.values_list("pk", "parent_id", "lead_id")
    }
    led: set[int] = set()
    for pk in units:
        current: int | None = pk
        for _level in range(50):
            if current is None or current not in units:
                break
            parent, lead = units[current]
            if lead is not None:
                if lead == user.pk:
                    led.add(pk)
                break
            current = parent
    return led


def readable_q(user: Any) -> Q:
    """Rules 1-3 as one condition over ``ActionPlan``."""
    condition = Q(pk__in=[])
    if has_role(user, Role.CASE_WORKER):
        condition |= Q(responsible=user)
        led = led_unit_ids(user)
        if led:
            condition |= Q(team_id__in=led)
    if has_role(user, Role.CONSULTANT):
        held = consultation_list_for_consultant(user=user).values("pk")
        condition |= Q(consultation_id__isnull=False, consultation_id__in=held)
    return condition


def plan_list_for_user(*, user: Any) -> QuerySet[ActionPlan]:
    if not has_role(user, *PLAN_ROLES):
        return ActionPlan.objects.none()
    return ActionPlan.objects.filter(readable_q(user), anonymised_at__isnull=True).select_related(
        "responsible", "team"
    )


def plan_get_for_user(*, user: Any, pk: Any) -> ActionPlan:
    """A plan ``user`` may read; 404 otherwise (the view's access policy audits the read)."""
    plan = plan_list_for_user(user=user).filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


def may_edit(user: Any, plan: ActionPlan) -> bool:
    return (
        has_role(user, Role.CASE_WORKER)
        and plan.responsible_id == user.pk
        and plan.is_open
        and plan.anonymised_at is None
    )


def plan_get_for_editor(*, user: Any, pk: Any) -> ActionPlan:
    """A plan ``user`` is responsible for (open or closed); 404 otherwise."""
    if not has_role(user, Role.CASE_WORKER):
        raise Http404
    plan = (
        ActionPlan.objects.filter(pk=pk, responsible=user, anonymised_at__isnull=True)
        .select_related("responsible", "team")
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def plan_rows_for_user(*, user: Any, today: date) -> QuerySet[ActionPlan]:
    """The list: open plans with an overdue review first (oldest first), then open plans by
    review date, then closed plans."""
    return (
        plan_list_for_user(user=user)
        .annotate(
            overdue=Case(
                When(status="open", review_date__lt=today, then=Value(0)),
                When(status="open", then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("overdue", "review_date", "-created_at", "-pk")
    )


def versions_of(plan: ActionPlan) -> list[PlanVersion]:
    return list(plan.versions.select_related("finalised_by").order_by("number"))


def version_of(plan: ActionPlan, number: int) -> PlanVersion:
    version = plan.versions.select_related("finalised_by").filter(number=number).first()
    if version is None:
        raise Http404
    return version


@dataclass(frozen=True)
class DiffRow:
    left: str
    right: str
    change: str  # "same", "changed", "added", "removed"


@dataclass(frozen=True)
class SectionDiff:
    title: str
    rows: list[DiffRow]
    changed: bool


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[SectionDiff]:
    """Two documents side by side, section by section, with difflib's line matching."""
    result = []
    for before, after in zip(document.sections(old), document.sections(new), strict=True):
        matcher = difflib.SequenceMatcher(a=before.lines, b=after.lines, autojunk=False)
        rows: list[DiffRow] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            left, right = before.lines[i1:i2], after.lines[j1:j2]
            if tag == "equal":
                rows += [DiffRow(line, line, "same") for line in left]
            elif tag == "delete":
                rows += [DiffRow(line, "", "removed") for line in left]
            elif tag == "insert":
                rows += [DiffRow("", line, "added") for line in right]
            else:
                for index in range(max(len(left), len(right))):
                    a = left[index] if index < len(left) else ""
                    b = right[index] if index < len(right) else ""
                    rows.append(
                        DiffRow(a, b, "changed" if a and b else ("removed" if a else "added"))
                    )
        result.append(SectionDiff(before.title, rows, any(row.change != "same" for row in rows)))
    return result


def case_worker_choices() -> list[tuple[int, str]]:
    """Active case workers with a unit: who a consultant can hand a case over to."""
    users = (
        User.objects.filter(is_active=True, groups__name=Role.CASE_WORKER, org_unit__isnull=False)
        .select_related("org_unit")
        .order_by("name", "pk")
    )
    return [(user.pk, f"{user.name} ({user.org_unit})") for user in users]


def risk_choices(*, user: Any) -> list[tuple[int, str]]:
    """The finalised risk assessments of adults ``user`` may read, newest first."""
    rows = (
        assessment_list_for_user(user=user)
        .filter(status="final")
        .exclude(age_group__in=["barn", "ung"])
        .order_by("-finalised_at", "-pk")[:50]
    )
    return [
        (
            row.pk,
            _("Nr. %(id)s, afsluttet %(date)s, %(level)s")
            % {
                "id": row.pk,
                "date": formats.date_format(timezone.localtime(row.finalised_at), "DATE_FORMAT"),
                "level": row.get_final_level_display(),
            },
        )
        for row in rows
    ]
