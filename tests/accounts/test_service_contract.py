"""The service contract in accounts: the account services act on the logged-in user's own
account and refuse a request whose session is someone else's (``NotPermittedError``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from tillid.accounts import services
from tillid.accounts.models import GroupMapping, User
from tillid.accounts.roles import Role, has_role
from tillid.accounts.user_admin_services import (
    group_mapping_decide,
    group_mapping_delete,
    group_mapping_request,
)
from tillid.core.models import AuditEntry
from tillid.core.refusals import NotPermittedError

pytestmark = pytest.mark.django_db


def test_second_factor_services_refuse_someone_elses_session(
    make_user: Callable[..., User],
) -> None:
    owner = make_user(Role.CONSULTANT)
    intruder = make_user(Role.CONSULTANT)
    request = RequestFactory().post("/konto/totrin/")
    request.user = intruder
    with pytest.raises(NotPermittedError):
        services.second_factor_verify(request=request, user=owner, token="123456")
    with pytest.raises(NotPermittedError):
        services.totp_enrolment_confirm(request=request, user=owner, token="123456")
    assert not AuditEntry.objects.filter(action__startswith="accounts.two_factor").exists()


def test_has_role_is_the_one_answer_for_active_users_only(make_user: Callable[..., User]) -> None:
    consultant = make_user(Role.CONSULTANT)
    assert has_role(consultant, Role.CONSULTANT)
    assert has_role(consultant, Role.EDITOR, Role.CONSULTANT)
    assert not has_role(consultant, Role.PROFESSIONAL)
    assert consultant.has_role(Role.CONSULTANT)
    consultant.is_active = False
    assert not has_role(consultant, Role.CONSULTANT)
    assert not consultant.has_role(Role.CONSULTANT)

    assert not has_role(AnonymousUser(), Role.CONSULTANT)
    with pytest.raises(ValueError, match="at least one role"):
        has_role(consultant)


def test_single_sign_on_services_refuse_the_wrong_user(make_user: Callable[..., User]) -> None:
    """Group mappings are the administrators' (issue 18); the provider's second factor verifies
    only the session's own user."""
    administrator = make_user(Role.ADMINISTRATOR)
    mapping = group_mapping_request(actor=administrator, group="g", role=Role.CONSULTANT)
    consultant = make_user(Role.CONSULTANT)
    with pytest.raises(NotPermittedError):
        group_mapping_request(actor=consultant, group="h", role=Role.EDITOR)
    with pytest.raises(NotPermittedError):
        group_mapping_decide(actor=consultant, mapping=mapping, approve=True)
    with pytest.raises(NotPermittedError):
        group_mapping_delete(actor=consultant, mapping=mapping)
    assert GroupMapping.objects.get().status == GroupMapping.Status.PENDING

    request = RequestFactory().get("/konto/kommunelogin/svar/")
    request.user = consultant
    with pytest.raises(NotPermittedError):
        services.provider_second_factor_login(request=request, user=administrator)
    assert not AuditEntry.objects.filter(action="accounts.two_factor.verified").exists()
