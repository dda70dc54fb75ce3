"""Retention rules of accounts, logins and the Django admin's log (``tillid.core.retention``)."""

from __future__ import annotations

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from tillid.accounts.models import ProviderIdentity, ProviderSecondFactor, User
from tillid.core import clock
from tillid.core.retention import Concerns, Ending, Rule, months_before, register

ANONYMISED_DOMAIN = "anonymiseret.invalid"


def accounts_anonymise_closed() -> int:
    """Anonymise the accounts closed (not active) and unused for the retention period: name,
    email and job title are replaced, the password made unusable, roles, permissions, two-factor
    devices, CMS profile and the link to the municipality's login removed. The id stays, so
    records that name the account (audit trail, case history) keep pointing at "Tidligere
    bruger" instead of a person."""
    cutoff = months_before(clock.now(), settings.TILLID_ACCOUNT_RETENTION_MONTHS)
    users = (
        User.objects.filter(is_active=False)
        .annotate(last_seen=Coalesce("last_login", "date_joined"))
        .filter(last_seen__lt=cutoff)
        .exclude(email__endswith=f"@{ANONYMISED_DOMAIN}")
    )
    count = 0
    for user in users:
        user.name = str(_("Tidligere bruger"))
        user.email = f"bruger-{user.pk}@{ANONYMISED_DOMAIN}"
        user.job_title = ""
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        UserProfile.objects.filter(user=user).delete()
        # The link to the municipality's login names the person there: it goes too.
        ProviderIdentity.objects.filter(user=user).delete()
        ProviderSecondFactor.objects.filter(user=user).delete()
        count += 1
    return count


def login_records_prune() -> int:
    """Delete login attempts, login log lines, admin log lines and sessions past their time."""
    now = clock.now()
    cutoff = now - timedelta(days=settings.TILLID_LOGIN_RECORD_RETENTION_DAYS)
    deleted = 0
    for queryset in (
        AccessAttempt.objects.filter(attempt_time__lt=cutoff),
        AccessFailureLog.objects.filter(attempt_time__lt=cutoff),
        AccessLog.objects.filter(attempt_time__lt=cutoff),
        LogEntry.objects.filter(action_time__lt=cutoff),
        Session.objects.filter(Q(expire_date__lt=now)),
    ):
        deleted += queryset.delete()[0]
    return deleted


register(
    Rule(
        key="accounts.users",
        models=(
            "accounts.User",
            "accounts.User_groups",
            "accounts.User_user_permissions",
            "accounts.RoleGrant",
            "accounts.GroupMapping",
            "accounts.ProviderIdentity",
            "accounts.ProviderSecondFactor",
            "accounts.OrgUnit",
            "otp_totp.TOTPDevice",
            "otp_static.StaticDevice",
            "wagtailusers.UserProfile",
        ),
        record=_(
            "Brugerkonti: navn, arbejdsmail, stilling, enhed, roller, tildelinger af roller og "
            "totrinsenheder"
        ),
        why=_("For at du kan logge ind, og for at vi ved, hvem der må se hvad."),
        period=_(
            "Så længe kontoen er åben, og %(value)s måneder efter at den er lukket og sidst brugt"
        ),
        setting="TILLID_ACCOUNT_RETENTION_MONTHS",
        default=12,
        who_sees=_(
            "Administratorer; dit navn vises for de kolleger, du arbejder sammen med i sager og "
            "på kurser"
        ),
        ending=Ending.ANONYMISED,
        how=_(
            "Navn, e-mail og stilling erstattes, roller og totrinsenheder fjernes; kontoens "
            "nummer bliver stående, så historikken peger på en tidligere bruger"
        ),
        concerns=Concerns.STAFF,
        run=accounts_anonymise_closed,
    )
)
register(
    Rule(
        key="accounts.login_records",
        models=(
            "axes.AccessAttempt",
            "axes.AccessLog",
            "axes.AccessFailureLog",
            "sessions.Session",
            "admin.LogEntry",
        ),
        record=_("Loginforsøg, spærringer, sessioner og administrationssidens egen ændringslog"),
        why=_("For at standse gættede adgangskoder og holde dig logget ind."),
        period=_("%(value)s dage; en session kun til den udløber"),
        setting="TILLID_LOGIN_RECORD_RETENTION_DAYS",
        default=90,
        who_sees=_("Ingen i Tillid; kun driften med adgang til databasen"),
        ending=Ending.DELETED,
        how=_("Slettes hver nat"),
        concerns=Concerns.STAFF,
        run=login_records_prune,
    )
)
