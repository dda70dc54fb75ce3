"""The kinds of case record whose accesses a person may ask to see, and the records behind them.

"Who looked at my case, and when" spans several records: a risk assessment's subject has
assessments, a consultation may have its own. Each kind is registered once with a label and,
optionally, a function naming the records that belong to it; the selector
``audit_accesses_for_record`` then collects the audit entries of all of them. Concern reports
and action plans register here when they exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Related = Callable[[str], list[tuple[str, str]]]


@dataclass(frozen=True)
class RecordKind:
    target_type: str  # "app_label.model_name", as audit entries store it
    label: str | Promise
    related: Related | None = None


RECORD_KINDS: dict[str, RecordKind] = {}


def register_record_kind(
    target_type: str, label: str | Promise, related: Related | None = None
) -> None:
    RECORD_KINDS[target_type] = RecordKind(target_type, label, related)


def _assessments_of_subject(subject_id: str) -> list[tuple[str, str]]:
    if not subject_id.isdigit():
        return []
    assessment = apps.get_model("risk", "Assessment")
    ids = assessment.objects.filter(subject_id=int(subject_id)).values_list("pk", flat=True)
    return [("risk.assessment", str(pk)) for pk in ids]


register_record_kind("consultations.consultation", _("Konsultation"))
register_record_kind("risk.assessment", _("Risikovurdering"))
register_record_kind(
    "risk.subject", _("Person i risikovurdering (med alle vurderinger)"), _assessments_of_subject
)
