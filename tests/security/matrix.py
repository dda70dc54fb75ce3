"""The machinery of the access matrix (test_access_matrix.py) and the form fuzz (test_form_fuzz.py).

``url_patterns()`` walks the URL configuration (with the i18n prefix) and returns every named
URL that the matrix covers. Left out, by prefix, are addresses with their own tests and their
own gate: the Wagtail admin (``cms/``; tests/knowledge/test_cms.py, CmsGateMiddleware), the
Django admin's model pages (``admin/``, all behind the admin site's own check; only its index is
in the matrix), the public API (``api/``; tests/api, fuzzed by schemathesis) and the static and
media files served in development.

``build_world()`` creates one user per role, the "others" (a user of the same role who does not
own the object), and one object for each URL that names one; ``TARGETS`` says how to fill each
URL's arguments from it. A new URL with arguments needs an entry there.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.courses.factories import CourseSessionFactory
from tests.directory.factories import ServiceFactory
from tillid.accounts.models import OrgUnit, User
from tillid.accounts.roles import Role

EXCLUDED_PREFIXES = ("cms/", "admin/", "api/", "static/", "media/")
INCLUDED_DESPITE_PREFIX = {"admin:index"}

ANONYMOUS = "anonymous"
PASSWORD_ONLY = "password_only"  # a consultant (a 2FA role) who has given the password only
OTHER = "other"  # a user of the owner's role who does not own the object
ROLES = [role.value for role in Role]
COLUMNS = [ANONYMOUS, PASSWORD_ONLY, *ROLES, OTHER]


@dataclass(frozen=True)
class Route:
    name: str
    route: str  # the pattern as written, for messages
    i18n: bool  # under i18n_patterns: also served under /en/


def _walk(
    patterns: list[Any], prefix: str, namespace: str, i18n: bool
) -> Iterator[tuple[str, str, bool]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            is_i18n = i18n or type(pattern.pattern).__name__ == "LocalePrefixPattern"
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner, is_i18n)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or ""
            full = f"{namespace}:{name}" if namespace and name else name
            yield prefix + str(pattern.pattern), full, i18n


def url_patterns() -> list[Route]:
    """Every URL the matrix covers, once per name (the first pattern with the name wins, as in
    ``reverse``)."""
    routes: dict[str, Route] = {}
    for route, name, i18n in _walk(get_resolver().url_patterns, "", "", False):
        clean = route.lstrip("^")
        excluded = clean.startswith(EXCLUDED_PREFIXES) and name not in INCLUDED_DESPITE_PREFIX
        if excluded or name in routes:
            continue
        if not name:
            raise AssertionError(f"URL {route!r} has no name: name it, so the matrix can cover it")
        routes[name] = Route(name=name, route=route, i18n=i18n)
    return list(routes.values())


@dataclass
class World:
    users: dict[str, User]
    others: dict[str, User]
    objects: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Target:
    """How to fill a URL's arguments, and whose object it is (for the "other" column)."""

    arguments: Callable[[World], dict[str, Any] | list[Any]]
    owner: str | None = None


def _pk(key: str, attribute: str = "pk") -> Callable[[World], dict[str, Any]]:
    return lambda world: {"pk": getattr(world.objects[key], attribute)}


INVALID_TOKEN = "ugyldigt-link"

TARGETS: dict[str, Target] = {
    "accounts:password_reset_confirm": Target(
        lambda world: {"uidb64": "MQ", "token": "ugyldig-kode"}
    ),
    "wagtaildocs_serve": Target(lambda world: [999_999, "dokument.pdf"]),
    "wagtaildocs_authenticate_with_password": Target(lambda world: {"restriction_id": 999_999}),
    "wagtail_serve": Target(lambda world: ["vaerktoejskasse/"]),
    "directory:organization": Target(
        lambda world: {"slug": world.objects["service"].organization.slug}
    ),
    "directory:service": Target(lambda world: {"slug": world.objects["service"].slug}),
    "risk:detail": Target(_pk("assessment"), owner=Role.PROFESSIONAL),
    "risk:step": Target(
        lambda world: {"pk": world.objects["assessment"].pk, "step": world.objects["step"]},
        owner=Role.PROFESSIONAL,
    ),
    "risk:pdf": Target(_pk("final_assessment"), owner=Role.PROFESSIONAL),
    "risk:delete": Target(_pk("assessment"), owner=Role.PROFESSIONAL),
    "risk:history": Target(_pk("assessment", "subject_id"), owner=Role.PROFESSIONAL),
    "risk:reassess": Target(_pk("final_assessment", "subject_id"), owner=Role.PROFESSIONAL),
    "courses:mine_cancel": Target(_pk("registration"), owner=Role.PROFESSIONAL),
    "courses:confirm_email": Target(lambda world: {"token": INVALID_TOKEN}),
    "courses:cancel_link": Target(lambda world: {"token": INVALID_TOKEN}),
    "courses:evaluate": Target(lambda world: {"token": INVALID_TOKEN}),
    "courses:manage_course_edit": Target(
        lambda world: {"pk": world.objects["session"].course_id},
        owner=Role.COURSE_ADMINISTRATOR,
    ),
    "courses:manage_session_create": Target(
        lambda world: {"pk": world.objects["session"].course_id},
        owner=Role.COURSE_ADMINISTRATOR,
    ),
    **{
        f"courses:{name}": Target(_pk("session"), owner=Role.COURSE_ADMINISTRATOR)
        for name in (
            "manage_session",
            "manage_session_edit",
            "manage_attendance",
            "manage_message",
            "manage_session_cancel",
            "manage_export_csv",
            "manage_export_xlsx",
            "manage_evaluation_invite",
        )
    },
    **{
        f"courses:{name}": Target(_pk("registration"), owner=Role.COURSE_ADMINISTRATOR)
        for name in (
            "manage_registration_attendance",
            "manage_registration_promote",
            "manage_registration_remove",
        )
    },
    "courses:course": Target(lambda world: {"slug": world.objects["session"].course.slug}),
    "courses:register": Target(
        lambda world: {
            "slug": world.objects["session"].course.slug,
            "session_id": world.objects["session"].pk,
        }
    ),
    **{
        f"concerns:{name}": Target(_pk("concern_draft"), owner=Role.PROFESSIONAL)
        for name in ("resume",)
    },
    "concerns:step": Target(
        lambda world: {"pk": world.objects["concern_draft"].pk, "step": "akut"},
        owner=Role.PROFESSIONAL,
    ),
    **{
        f"concerns:{name}": Target(_pk("concern_report"), owner=Role.PROFESSIONAL)
        for name in ("status", "copy_pdf")
    },
    **{
        f"concerns:{name}": Target(_pk("concern_report"), owner=Role.INTAKE_WORKER)
        for name in (
            "report",
            "assign",
            "assess",
            "receipt",
            "feedback",
            "family_flag",
            "export_json",
            "export_pdf",
        )
    },
    **{
        f"consultations:{name}": Target(_pk("consultation"), owner=Role.PROFESSIONAL)
        for name in ("mine_detail", "mine_message", "mine_rating")
    },
    **{
        f"consultations:{name}": Target(_pk("consultation"), owner=Role.CONSULTANT)
        for name in (
            "case",
            "case_assign",
            "case_status",
            "case_note",
            "case_message",
            "case_meeting",
            "case_close",
            "case_risk_start",
            "case_risk_share",
        )
    },
    **{
        f"actionplans:{name}": Target(_pk("plan"), owner=Role.CASE_WORKER)
        for name in ("detail", "compare", "finalise", "revise", "close", "unlink")
    },
    **{
        f"actionplans:{name}": Target(
            lambda world: {"pk": world.objects["plan"].pk, "number": 1}, owner=Role.CASE_WORKER
        )
        for name in ("version", "pdf", "summary")
    },
    "actionplans:edit": Target(
        lambda world: {"pk": world.objects["plan"].pk, "part": "kontakt"}, owner=Role.CASE_WORKER
    ),
    "actionplans:remove_item": Target(
        lambda world: {"pk": world.objects["plan"].pk, "part": "handlinger", "index": 0},
        owner=Role.CASE_WORKER,
    ),
    "actionplans:action_status": Target(
        lambda world: {"pk": world.objects["plan"].pk, "index": 0}, owner=Role.CASE_WORKER
    ),
    "actionplans:handover": Target(_pk("consultation"), owner=Role.CONSULTANT),
}


def _user(role: str | None, **fields: Any) -> User:
    from tests.factories import UserFactory

    return UserFactory(roles=[role] if role else [], password=None, **fields)


def build_world() -> World:
    """One user per role and one object for each kind of URL argument."""
    from tillid.consultations import services as consultations
    from tillid.consultations.models import (
        Consultation,
        ContactChannel,
        EligibleUnit,
        HelpType,
        Scope,
        Team,
        Urgency,
    )
    from tillid.courses.models import CourseSession, Registration
    from tillid.risk import services as risk
    from tillid.risk.models import Instrument

    for role in ROLES:  # a transactional test's flush also empties the migrated role groups
        Group.objects.get_or_create(name=role)
    administration = OrgUnit.objects.create(name="Forvaltningen", kind=OrgUnit.Kind.ADMINISTRATION)
    team_unit = OrgUnit.objects.create(
        name="Etnisk Konsulentteam", kind=OrgUnit.Kind.UNIT, parent=administration
    )
    school = OrgUnit.objects.create(name="Skolen", kind=OrgUnit.Kind.UNIT, parent=administration)
    outside = OrgUnit.objects.create(name="Nabokommunen", kind=OrgUnit.Kind.ADMINISTRATION)
    EligibleUnit.objects.create(org_unit=administration)

    users = {role: _user(role) for role in ROLES}
    users[Role.PROFESSIONAL].org_unit = school
    users[Role.CONSULTANT].org_unit = team_unit
    adults_team = OrgUnit.objects.create(
        name="Team voksne", kind=OrgUnit.Kind.UNIT, parent=administration
    )
    users[Role.CASE_WORKER].org_unit = adults_team

    intake_unit = OrgUnit.objects.create(
        name="Modtagelsen", kind=OrgUnit.Kind.UNIT, parent=administration
    )
    users[Role.INTAKE_WORKER].org_unit = intake_unit
    for user in users.values():
        user.save()
    users[PASSWORD_ONLY] = _user(Role.CONSULTANT, org_unit=team_unit)
    others = {
        Role.PROFESSIONAL: _user(Role.PROFESSIONAL, org_unit=school),
        Role.CONSULTANT: _user(Role.CONSULTANT, org_unit=outside),
        Role.COURSE_ADMINISTRATOR: _user(Role.COURSE_ADMINISTRATOR),
        Role.CASE_WORKER: _user(Role.CASE_WORKER, org_unit=school),
        Role.INTAKE_WORKER: _user(Role.INTAKE_WORKER, org_unit=outside),
    }
    world = World(users=users, others=others)

    team = Team.objects.create(
        name="Etnisk Konsulentteam", org_unit=team_unit, lead=users[Role.CONSULTANT]
    )
    consultation, _created = consultations.consultation_submit(
        actor=users[Role.PROFESSIONAL],
        token=uuid.uuid4(),
        data=consultations.RequestData(
            help_types=[HelpType.SPARRING],
            urgency=Urgency.WEEK,
            contact_channel=ContactChannel.MESSAGE,
            scope=Scope.GENERAL,
            description="En pige på 15 år må ikke gå til svømning mere.",
        ),
    )
    if consultation.team_id != team.pk:  # a database with another team already (demo data)
        Consultation.objects.filter(pk=consultation.pk).update(team=team)
        consultation.refresh_from_db()
    world.objects["consultation"] = consultation

    world.objects.update(_concern_reports(users[Role.PROFESSIONAL], intake_unit))

    risk.instruments_load()
    assert Instrument.objects.exists()
    world.objects["assessment"] = risk.assessment_create(
        actor=users[Role.PROFESSIONAL], reference="Elev 9.b", age_group="ung"
    )
    definition = world.objects["assessment"].instrument.parsed
    from tillid.risk import steps

    world.objects["step"] = steps.first_open_step(definition, []).slug
    world.objects["final_assessment"] = _final_assessment(users[Role.PROFESSIONAL])

    session = CourseSessionFactory()
    world.objects["session"] = session
    world.objects["registration"] = Registration.objects.create(
        session=session,
        user=users[Role.PROFESSIONAL],
        name="Fagperson",
        email="fagperson@kk.dk",
        status=Registration.Status.CONFIRMED,
        arrival_number=1,
    )
    CourseSession.objects.filter(pk=session.pk).update(seats_taken=1, arrivals=1)
    world.objects["service"] = ServiceFactory()
    world.objects["plan"] = _plan_with_a_version(users[Role.CASE_WORKER])
    return world


def _plan_with_a_version(worker: User) -> Any:
    """An action plan of ``worker``'s with a frozen version 1 (its version pages)."""
    import json
    from datetime import date

    from tillid.actionplans import document, services
    from tillid.actionplans.models import ActionPlan, PlanVersion

    plan = services.plan_start(
        actor=worker,
        identity=services.Identity(citizen_name="Aisha Hansen", birth_date=date(1990, 1, 1)),
    )
    content = document.empty() | {"review_date": "2099-01-01"}
    PlanVersion.objects.create(
        plan=plan,
        number=1,
        content=json.dumps(content),
        finalised_by=worker,
        finalised_at=plan.created_at,
        review_date=date(2099, 1, 1),
    )
    ActionPlan.objects.filter(pk=plan.pk).update(latest_number=1)
    return plan


def _concern_reports(professional: User, intake_unit: OrgUnit) -> dict[str, Any]:
    """A draft and a submitted concern report of ``professional``'s, received by the intake
    unit whose intake worker is the matrix's intake worker."""
    from tests.concerns.conftest import fill
    from tillid.concerns import services as concerns
    from tillid.concerns.models import IntakeUnit

    unit = IntakeUnit.objects.create(org_unit=intake_unit, name="Modtagelsen")
    draft = concerns.report_start(actor=professional)
    report = fill(concerns.report_start(actor=professional), professional, family_suspected=True)
    submitted, _created = concerns.report_submit(actor=professional, report=report)
    if submitted.intake_unit_id != unit.pk:  # a database with another intake unit already
        type(submitted).objects.filter(pk=submitted.pk).update(intake_unit=unit)
        submitted.refresh_from_db()
    return {"concern_draft": draft, "concern_report": submitted}


def _final_assessment(author: User) -> Any:
    """A finalised assessment of ``author``'s (its PDF and reassessment pages)."""
    from tests.risk.conftest import finish

    return finish(author)


def client_for(user: User | None, *, verified: bool = True) -> Client:
    client = Client()
    if user is None:
        return client
    client.force_login(user)
    if verified and user.requires_two_factor:
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, name="test", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def clients(world: World) -> dict[str, Client]:
    result = {
        ANONYMOUS: client_for(None),
        PASSWORD_ONLY: client_for(world.users[PASSWORD_ONLY], verified=False),
    }
    for role in ROLES:
        result[role] = client_for(world.users[role])
    return result


def path_of(route: Route, world: World, *, language: str | None = None) -> str:
    target = TARGETS.get(route.name)
    arguments: dict[str, Any] | list[Any] = target.arguments(world) if target else {}
    with translation.override(language or "da"):
        if isinstance(arguments, list):
            return reverse(route.name, args=arguments)
        return reverse(route.name, kwargs=arguments)


def needs_arguments(route: Route) -> bool:
    return bool(re.search(r"<[^>]+>|\(", route.route))


def status_of(client: Client, path: str) -> int:
    """The status of a GET; an exception the view lets through counts as a 500."""
    try:
        return client.get(path).status_code
    except Exception:
        return 500
