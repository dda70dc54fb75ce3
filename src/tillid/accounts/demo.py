"""Demo organisation, one user per role, and TOTP devices for the roles that need 2FA.

Development only (``load_demo`` refuses to run in production). The TOTP keys are fixed so that
``manage.py demo_totp <email>`` can print the current code for a demo login.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from tillid.accounts.models import OrgUnit, User
from tillid.accounts.roles import TWO_FACTOR_ROLES, Role

DEMO_PASSWORD = "tillid-demo-2026"  # noqa: S105 (printed on purpose: demo logins only)

# (email, name, job title, unit, roles)
DEMO_USERS = [
    ("fagperson@tillid.example", "Sara Nielsen", "Lærer", "Demoskolen", [Role.PROFESSIONAL]),
    (
        "konsulent@tillid.example",
        "Amir Hansen",
        "Konsulent",
        "Etnisk Konsulentteam",
        [Role.CONSULTANT],
    ),
    (
        "modtagelse@tillid.example",
        "Lone Berg",
        "Socialrådgiver",
        "Børnefamilieenheden",
        [Role.INTAKE_WORKER],
    ),
    (
        "sagsbehandler@tillid.example",
        "Nadia Rasmussen",
        "Socialrådgiver",
        "Voksenteamet",
        [Role.CASE_WORKER],
    ),
    (
        "leder@tillid.example",
        "Henrik Dam",
        "Centerchef",
        "Center for Forebyggelse og Rådgivning",
        [Role.MANAGER],
    ),
    (
        "kursus@tillid.example",
        "Mads Holm",
        "Kursuskoordinator",
        "Etnisk Konsulentteam",
        [Role.COURSE_ADMINISTRATOR],
    ),
    (
        "redaktoer@tillid.example",
        "Fatima Iqbal",
        "Webredaktør",
        "Etnisk Konsulentteam",
        [Role.EDITOR],
    ),
    (
        "admin@tillid.example",
        "Jens Krogh",
        "Systemadministrator",
        "Socialforvaltningen",
        [Role.ADMINISTRATOR],
    ),
]

# (name, kind, parent name)
DEMO_UNITS = [
    ("Socialforvaltningen", OrgUnit.Kind.ADMINISTRATION, None),
    ("Børne- og Ungdomsforvaltningen", OrgUnit.Kind.ADMINISTRATION, None),
    ("Center for Forebyggelse og Rådgivning", OrgUnit.Kind.CENTRE, "Socialforvaltningen"),
    ("Etnisk Konsulentteam", OrgUnit.Kind.UNIT, "Center for Forebyggelse og Rådgivning"),
    ("Børnefamilieenheden", OrgUnit.Kind.UNIT, "Center for Forebyggelse og Rådgivning"),
    ("Voksenteamet", OrgUnit.Kind.UNIT, "Center for Forebyggelse og Rådgivning"),
    ("Område Nørrebro/Bispebjerg", OrgUnit.Kind.CENTRE, "Børne- og Ungdomsforvaltningen"),
    ("Demoskolen", OrgUnit.Kind.UNIT, "Område Nørrebro/Bispebjerg"),
]


def demo_totp_key(email: str) -> str:
    """A fixed 20-byte hex key per demo user (never used outside development)."""
    return hashlib.sha1(f"tillid-demo-totp:{email}".encode(), usedforsecurity=False).hexdigest()


def _units() -> dict[str, OrgUnit]:
    units: dict[str, OrgUnit] = {}
    for name, kind, parent_name in DEMO_UNITS:
        parent = units[parent_name] if parent_name else None
        units[name], _created = OrgUnit.objects.get_or_create(
            name=name, parent=parent, defaults={"kind": kind}
        )
    return units


def load() -> list[str]:
    units = _units()
    lines = ["", "Demo-logins (adgangskode for alle: " + DEMO_PASSWORD + "):"]
    for email, name, job_title, unit_name, roles in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                name=name,
                job_title=job_title,
                org_unit=units[unit_name],
            )
        user.groups.add(*Group.objects.filter(name__in=roles))
        if Role.ADMINISTRATOR in roles and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        needs_2fa = any(role in TWO_FACTOR_ROLES for role in roles)
        if needs_2fa:
            TOTPDevice.objects.get_or_create(
                user=user,
                name="Demo-app",
                defaults={"key": demo_totp_key(email), "confirmed": True},
            )
        role_labels = ", ".join(str(Role(role).label) for role in roles)
        suffix = f"  (2FA-kode: .venv/bin/python manage.py demo_totp {email})" if needs_2fa else ""
        lines.append(f"  {email:<28} {role_labels}{suffix}")
    centre = units["Center for Forebyggelse og Rådgivning"]
    if centre.lead_id is None:
        centre.lead = User.objects.get(email="leder@tillid.example")
        centre.save(update_fields=["lead"])
    return lines
