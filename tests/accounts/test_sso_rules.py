"""The rules of single sign-on without a provider: the second-factor rule on amr/acr, claim
mapping and role sync, four eyes for mappings to case roles, and the per-role password switch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.checks import Error
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from tests.factories import TEST_PASSWORD
from tillid.accounts.checks import check_password_login_roles
from tillid.accounts.models import GroupMapping, OrgUnit, ProviderIdentity, User
from tillid.accounts.roles import Role
from tillid.accounts.sso import grant_for_groups, provider_login_apply, second_factor_done
from tillid.accounts.user_admin_services import (
    group_mapping_decide,
    group_mapping_delete,
    group_mapping_request,
)
from tillid.core.models import AuditEntry
from tillid.core.refusals import ActionRefusedError, NotPermittedError

ISSUER = "https://login.example/tenant/v2.0"


@pytest.mark.parametrize(
    ("claims", "done"),
    [
        ({"amr": ["pwd", "mfa"]}, True),  # Entra ID after MFA
        ({"amr": ["pwd", "otp"]}, True),
        ({"amr": ["hwk"]}, True),
        ({"amr": "MFA"}, True),  # one string, another case
        ({"amr": ["pwd"]}, False),
        ({"amr": ["pwd", "rsa"]}, False),
        ({"amr": []}, False),
        ({}, False),
        ({"acr": "urn:kk:mfa"}, False),  # no acr configured
    ],
)
def test_the_second_factor_counts_when_amr_names_one(
    claims: dict[str, Any], done: bool, settings: Any
) -> None:
    settings.TILLID_OIDC_SECOND_FACTOR_ACR = []
    assert second_factor_done(claims) is done


def test_a_configured_acr_counts_and_only_an_exact_one(settings: Any) -> None:
    settings.TILLID_OIDC_SECOND_FACTOR_ACR = ["http://schemas.microsoft.com/claims/multipleauthn"]
    assert second_factor_done({"acr": "http://schemas.microsoft.com/claims/multipleauthn"})
    assert not second_factor_done({"acr": "http://schemas.microsoft.com/claims/multipleauthn/x"})
    assert not second_factor_done({"acr": ["http://schemas.microsoft.com/claims/multipleauthn"]})


def test_the_amr_values_that_count_are_configurable(settings: Any) -> None:
    settings.TILLID_OIDC_SECOND_FACTOR_AMR = ["fido"]
    assert second_factor_done({"amr": ["fido"]})
    assert not second_factor_done({"amr": ["mfa"]})


@pytest.fixture
def admins(make_user: Callable[..., User]) -> tuple[User, User]:
    return make_user(Role.ADMINISTRATOR), make_user(Role.ADMINISTRATOR)


@pytest.fixture
def unit(db: None) -> OrgUnit:
    return OrgUnit.objects.create(name="Socialforvaltningen", kind=OrgUnit.Kind.ADMINISTRATION)


@pytest.mark.django_db
def test_only_approved_mappings_give_roles_and_the_first_unit_wins(
    admins: tuple[User, User], unit: OrgUnit
) -> None:
    first, second = admins
    other_unit = OrgUnit.objects.create(name="Anden", kind=OrgUnit.Kind.ADMINISTRATION)
    group_mapping_request(actor=first, group="g-editors", role=Role.EDITOR, org_unit=unit)
    group_mapping_request(actor=first, group="g-all", role=Role.PROFESSIONAL, org_unit=other_unit)
    pending = group_mapping_request(actor=first, group="g-cases", role=Role.CONSULTANT)
    rejected = group_mapping_request(actor=first, group="g-intake", role=Role.INTAKE_WORKER)
    group_mapping_decide(actor=second, mapping=rejected, approve=False)

    grant = grant_for_groups(["g-editors", "g-all", "g-cases", "g-intake", "unknown"])
    assert grant.roles == {Role.EDITOR, Role.PROFESSIONAL}
    assert grant.org_unit == unit
    assert grant_for_groups([]).roles == frozenset()

    group_mapping_decide(actor=second, mapping=pending, approve=True)
    assert Role.CONSULTANT in grant_for_groups(["g-cases"]).roles


@pytest.mark.django_db
def test_a_mapping_to_a_case_role_waits_for_a_second_administrator(
    admins: tuple[User, User],
) -> None:
    first, second = admins
    for role in (Role.CONSULTANT, Role.INTAKE_WORKER, Role.CASE_WORKER):
        mapping = group_mapping_request(actor=first, group=f"g-{role}", role=role)
        assert mapping.status == GroupMapping.Status.PENDING
        with pytest.raises(NotPermittedError):
            group_mapping_decide(actor=first, mapping=mapping, approve=True)
        mapping.refresh_from_db()
        assert mapping.status == GroupMapping.Status.PENDING
        group_mapping_decide(actor=second, mapping=mapping, approve=True)
        mapping.refresh_from_db()
        assert (mapping.status, mapping.decided_by) == (GroupMapping.Status.APPROVED, second)
    editor = group_mapping_request(actor=first, group="g-editor", role=Role.EDITOR)
    assert editor.status == GroupMapping.Status.APPROVED  # no case role: at once
    assert AuditEntry.objects.filter(action="accounts.group_mapping.approved").count() == 3


@pytest.mark.django_db
def test_the_database_refuses_a_mapping_decided_by_its_requester(
    admins: tuple[User, User],
) -> None:
    first, _second = admins
    mapping = group_mapping_request(actor=first, group="g", role=Role.CONSULTANT)
    mapping.decided_by = first
    mapping.status = GroupMapping.Status.APPROVED
    with pytest.raises(IntegrityError), transaction.atomic():
        mapping.save()


@pytest.mark.django_db
def test_a_live_mapping_cannot_be_asked_for_twice_but_a_rejected_one_can(
    admins: tuple[User, User],
) -> None:
    first, second = admins
    mapping = group_mapping_request(actor=first, group="g", role=Role.CONSULTANT)
    with pytest.raises(ActionRefusedError):
        group_mapping_request(actor=second, group=" g ", role=Role.CONSULTANT)
    group_mapping_decide(actor=second, mapping=mapping, approve=False)
    again = group_mapping_request(actor=second, group="g", role=Role.CONSULTANT)
    assert again.status == GroupMapping.Status.PENDING


@pytest.mark.django_db
def test_deleting_a_mapping_is_audited(admins: tuple[User, User]) -> None:
    first, second = admins
    mapping = group_mapping_request(actor=first, group="g", role=Role.EDITOR)
    group_mapping_delete(actor=second, mapping=mapping)
    assert not GroupMapping.objects.exists()
    entry = AuditEntry.objects.get(action="accounts.group_mapping.deleted")
    assert entry.actor_id == second.pk


def _login(groups: list[str], *, subject: str = "sub-1", **claims: Any) -> Any:
    return provider_login_apply(
        issuer=ISSUER,
        subject=subject,
        claims={"email": "Anna@KK.example", "name": "Anna Andersen", "groups": groups, **claims},
        id_claims={"amr": ["pwd"]},
    )


@pytest.mark.django_db
def test_claims_create_the_user_and_map_groups_to_roles(
    admins: tuple[User, User], unit: OrgUnit
) -> None:
    first, _second = admins
    group_mapping_request(actor=first, group="g-editors", role=Role.EDITOR, org_unit=unit)
    outcome = _login(["g-editors", "g-unknown"])
    user = outcome.user
    assert outcome.created
    assert (user.email, user.name, user.org_unit) == ("anna@kk.example", "Anna Andersen", unit)
    assert user.role_names == {Role.EDITOR}
    assert outcome.added == {Role.EDITOR}
    assert outcome.second_factor is False
    # A single group as a string (AD FS sends one value that way) maps as well.
    again = _login("g-editors")  # type: ignore[arg-type]
    assert again.user.pk == user.pk
    assert again.removed == frozenset()


@pytest.mark.django_db
def test_roles_follow_the_groups_and_hand_given_roles_stay(admins: tuple[User, User]) -> None:
    first, _second = admins
    group_mapping_request(actor=first, group="g-editors", role=Role.EDITOR)
    group_mapping_request(actor=first, group="g-courses", role=Role.COURSE_ADMINISTRATOR)
    user = _login(["g-editors", "g-courses"]).user
    user.groups.add(*_groups(Role.PROFESSIONAL))  # an administrator's, by hand
    outcome = _login(["g-courses"])
    assert outcome.removed == {Role.EDITOR}
    assert User.objects.get(pk=user.pk).role_names == {Role.COURSE_ADMINISTRATOR, Role.PROFESSIONAL}
    assert ProviderIdentity.objects.get(user=user).roles == [Role.COURSE_ADMINISTRATOR]
    removal = AuditEntry.objects.filter(action="accounts.role.removed", target_id=str(user.pk))
    assert removal.exists()


@pytest.mark.django_db
def test_the_subject_not_the_email_identifies_the_user(admins: tuple[User, User]) -> None:
    user = _login([]).user
    renamed = _login([], email="anna.andersen@kk.example")
    assert renamed.user.pk == user.pk
    assert User.objects.get(pk=user.pk).email == "anna.andersen@kk.example"


@pytest.mark.django_db
def test_an_account_linked_to_another_identity_is_not_taken_over(
    admins: tuple[User, User],
) -> None:
    _login([], subject="sub-1")
    with pytest.raises(SuspiciousOperation):
        _login([], subject="sub-2")  # same e-mail, another identity
    with pytest.raises(SuspiciousOperation):
        provider_login_apply(issuer=ISSUER, subject="sub-3", claims={}, id_claims={})
    assert ProviderIdentity.objects.count() == 1


@pytest.mark.django_db
def test_mapping_services_refuse_anyone_but_an_administrator(
    make_user: Callable[..., User], admins: tuple[User, User]
) -> None:
    first, _second = admins
    mapping = group_mapping_request(actor=first, group="g", role=Role.CONSULTANT)
    for wrong in (make_user(Role.CONSULTANT), make_user(Role.EDITOR)):
        with pytest.raises(NotPermittedError):
            group_mapping_request(actor=wrong, group="h", role=Role.EDITOR)
        with pytest.raises(NotPermittedError):
            group_mapping_decide(actor=wrong, mapping=mapping, approve=True)
        with pytest.raises(NotPermittedError):
            group_mapping_delete(actor=wrong, mapping=mapping)
    mapping.refresh_from_db()
    assert mapping.status == GroupMapping.Status.PENDING
    assert GroupMapping.objects.count() == 1


@pytest.mark.django_db
def test_password_login_is_refused_for_a_role_that_must_use_the_municipal_login(
    client: Client, make_user: Callable[..., User], settings: Any
) -> None:
    settings.TILLID_PASSWORD_LOGIN_DISABLED_ROLES = [Role.CONSULTANT]
    consultant = make_user(Role.CONSULTANT)
    professional = make_user(Role.PROFESSIONAL)
    refused = client.post(
        reverse("accounts:login"), {"username": consultant.email, "password": TEST_PASSWORD}
    )
    assert refused.status_code == 200
    assert "Du skal logge ind med kommunens login" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(
        action="accounts.user.password_login_refused", target_id=str(consultant.pk)
    ).exists()
    # A wrong password says nothing about the switch.
    wrong = client.post(
        reverse("accounts:login"), {"username": consultant.email, "password": "wrong-password"}
    )
    assert "kommunens login" not in wrong.content.decode()
    allowed = client.post(
        reverse("accounts:login"), {"username": professional.email, "password": TEST_PASSWORD}
    )
    assert allowed.status_code == 302
    assert int(client.session["_auth_user_id"]) == professional.pk


def test_unknown_roles_in_the_password_switch_fail_the_system_check(settings: Any) -> None:
    settings.TILLID_PASSWORD_LOGIN_DISABLED_ROLES = ["consultant", "konsulent"]
    errors = check_password_login_roles(None)
    assert [error.id for error in errors] == ["tillid.E010"]
    assert isinstance(errors[0], Error)
    settings.TILLID_PASSWORD_LOGIN_DISABLED_ROLES = ["consultant"]
    assert check_password_login_roles(None) == []


def _groups(*roles: str) -> list[Any]:
    from django.contrib.auth.models import Group

    return [Group.objects.get_or_create(name=role)[0] for role in roles]
