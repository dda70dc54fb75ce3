"""The service contract in risk: every service checks its actor itself (``risk.access``) and
refuses a wrong user with ``NotPermittedError``, whoever calls it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.risk.conftest import finish, start
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.core.models import AuditEntry
from tillid.core.refusals import ActionRefusedError, NotPermittedError
from tillid.risk import services
from tillid.risk.models import Assessment, AssessmentShare

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("instrument")]


def test_nobody_starts_changes_or_shares_what_is_not_theirs(
    professional: User, make_user: Callable[..., User]
) -> None:
    draft = start(professional)
    final = finish(professional)
    stranger = make_user(Role.PROFESSIONAL)
    before = AuditEntry.objects.count()
    attempts: list[Callable[[], object]] = [
        lambda: services.assessment_start(actor=stranger, subject=draft.subject, age_group="ung"),
        lambda: services.assessment_save_next_steps(actor=stranger, assessment=draft, note="x"),
        lambda: services.assessment_finalise(actor=stranger, assessment=draft),
        lambda: services.assessment_delete_draft(actor=stranger, assessment=draft),
        lambda: services.assessment_share(actor=stranger, assessment=final, reader=stranger),
        lambda: services.subject_shares_end(
            actor=stranger, subject=final.subject, reader=professional
        ),
    ]
    for attempt in attempts:
        with pytest.raises(NotPermittedError) as refused:
            attempt()
        assert isinstance(refused.value, ActionRefusedError)
    assert AuditEntry.objects.count() == before
    assert Assessment.objects.filter(created_by=stranger).count() == 0


def test_a_share_goes_to_assessors_only_and_only_for_a_final_assessment(
    professional: User, consultant: User, make_user: Callable[..., User]
) -> None:
    draft = start(professional)
    final = finish(professional)
    with pytest.raises(NotPermittedError):
        services.assessment_share(
            actor=professional, assessment=final, reader=make_user(Role.ADMINISTRATOR)
        )
    with pytest.raises(ActionRefusedError) as refused:
        services.assessment_share(actor=professional, assessment=draft, reader=consultant)
    assert refused.value.code == "draft"
    services.assessment_share(actor=professional, assessment=final, reader=consultant)
    services.assessment_share(actor=professional, assessment=final, reader=consultant)
    assert AssessmentShare.objects.count() == 1
