"""The service contract in consultations: a service called directly by a user who may not act
refuses with ``NotPermittedError`` (an ``ActionRefusedError``) and changes nothing, whoever
calls it."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest

from tests.consultations.conftest import request_data
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.consultations import services
from tillid.consultations.models import Consultation, Message, Status
from tillid.core.models import AuditEntry
from tillid.core.refusals import ActionRefusedError, NotPermittedError

pytestmark = pytest.mark.django_db


def test_casework_services_refuse_a_wrong_user(
    assigned_case: Consultation,
    professional: User,
    make_user: Callable[..., User],
) -> None:
    outsider = make_user(Role.CONSULTANT)  # a consultant outside the team
    before = AuditEntry.objects.count()
    attempts: list[Callable[[User], object]] = [
        lambda actor: services.consultation_set_status(
            actor=actor, consultation=assigned_case, status=Status.IN_PROGRESS
        ),
        lambda actor: services.note_add(actor=actor, consultation=assigned_case, body="Notat"),
        lambda actor: services.message_to_requester(
            actor=actor, consultation=assigned_case, body="Hej"
        ),
        lambda actor: services.risk_share_set(
            actor=actor, consultation=assigned_case, shared=False
        ),
        lambda actor: services.messages_mark_read_by_team(actor=actor, consultation=assigned_case),
        lambda actor: services.consultation_assign(
            actor=actor,
            consultation=assigned_case,
            assignee=actor,
            expected_assignee_id=assigned_case.assigned_to_id,
        ),
    ]
    for actor in (outsider, professional):
        for attempt in attempts:
            with pytest.raises(NotPermittedError) as refused:
                attempt(actor)
            assert isinstance(refused.value, ActionRefusedError)
            assert refused.value.message
    assert AuditEntry.objects.count() == before
    assert not Message.objects.filter(consultation=assigned_case, from_consultant=True).exists()


def test_request_services_refuse_a_wrong_user(
    case: Consultation, other_professional: User, consultant: User
) -> None:
    with pytest.raises(NotPermittedError):
        services.message_from_requester(actor=other_professional, consultation=case, body="Hej")
    with pytest.raises(NotPermittedError):
        services.messages_mark_read_by_requester(actor=consultant, consultation=case)
    with pytest.raises(NotPermittedError):
        services.consultation_submit(actor=consultant, token=uuid.uuid4(), data=request_data())
    other_professional.is_active = False
    other_professional.save()
    with pytest.raises(NotPermittedError):
        services.consultation_submit(
            actor=other_professional, token=uuid.uuid4(), data=request_data()
        )
