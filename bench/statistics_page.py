"""The managers' statistics page (/statistik/) at a city's scale: p50/p95 of whole requests.

    .venv/bin/python bench/statistics_page.py [--sqlite] [--consultations 20000]
        [--assessments 5000] [--sessions 300] [--requests 60]

Without DATABASE_URL it starts a throwaway PostgreSQL cluster like ``scripts/test --postgres``
(``--sqlite``: a temporary SQLite database instead). It migrates, generates two administrations
with 60 units, 5 consultant teams, ``--consultations`` requests over the year, ``--assessments``
finalised risk assessments by 300 professionals and ``--sessions`` course sessions with their
registrations and evaluations, then requests the page as a manager of the top administration
(the largest tree: every figure over every unit) through Django's test client, cycling through
the year, a quarter and a unit, and prints p50/p95 (figures in bench/RESULTS.md).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2026
CPH = ZoneInfo("Europe/Copenhagen")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def moment(generator: random.Random) -> datetime:
    start = datetime(YEAR, 1, 1, tzinfo=CPH)
    return start + timedelta(minutes=generator.randrange(0, 330 * 24 * 60))


def generate(args: argparse.Namespace) -> int:
    from django.contrib.auth.models import Group

    from tillid.accounts.models import OrgUnit, User
    from tillid.accounts.roles import Role
    from tillid.consultations.models import Consultation, HelpType, Team, Urgency
    from tillid.courses.models import Course, CourseSession, EvaluationResponse, Registration
    from tillid.risk import services as risk_services
    from tillid.risk.models import Assessment, Instrument, Level, Subject

    generator = random.Random(2026)
    roots = [
        OrgUnit.objects.create(name=name, kind=OrgUnit.Kind.ADMINISTRATION)
        for name in ("Socialforvaltningen", "Børne- og Ungdomsforvaltningen")
    ]
    leaves: list[OrgUnit] = []
    for root in roots:
        for c in range(5):
            centre = OrgUnit.objects.create(name=f"Center {c}", kind="centre", parent=root)
            for u in range(5):
                leaves.append(
                    OrgUnit.objects.create(name=f"Enhed {c}.{u}", kind="unit", parent=centre)
                )
    teams = [
        Team.objects.create(name=f"Team {number}", org_unit=leaves[number * 4])
        for number in range(5)
    ]
    professionals = User.objects.bulk_create(
        User(
            email=f"fagperson{n}@bench.example",
            name=f"Fagperson {n}",
            org_unit=generator.choice(leaves),
        )
        for n in range(300)
    )
    manager = User.objects.create_user(
        "leder@bench.example", name="Leder", org_unit=roots[0], password=None
    )
    manager.groups.add(Group.objects.get_or_create(name=Role.MANAGER)[0])

    started = time.perf_counter()
    batch = []
    for _ in range(args.consultations):
        created = moment(generator)
        answered = generator.random()
        batch.append(
            Consultation(
                team=generator.choice(teams),
                submission_token=uuid.uuid4(),
                help_types=generator.sample(HelpType.values, generator.randint(1, 2)),
                urgency=generator.choice(Urgency.values),
                contact_channel="besked",
                requester_administration=generator.choice([*roots, None]),
                created_at=created,
                first_response_due=created + timedelta(days=2),
                first_response_at=None
                if answered < 0.05
                else created + timedelta(hours=1 if answered < 0.85 else 60),
            )
        )
    Consultation.objects.bulk_create(batch, batch_size=2000)
    risk_services.instruments_load()
    instrument = Instrument.objects.order_by("pk").first()
    subjects = Subject.objects.bulk_create(
        Subject(created_by=generator.choice(professionals)) for _ in range(args.assessments)
    )
    levels = list(Level.values)
    rows = []
    for subject in subjects:
        suggested = generator.choice(levels)
        final = suggested if generator.random() < 0.8 else generator.choice(levels)
        rows.append(
            Assessment(
                subject=subject,
                instrument=instrument,
                created_by=subject.created_by,
                status=Assessment.Status.FINAL,
                age_group="ung",
                suggested_level=suggested,
                final_level=final,
                justification="" if final == suggested else "Begrundelse",
                finalised_at=moment(generator),
            )
        )
    Assessment.objects.bulk_create(rows, batch_size=2000)
    course = Course.objects.create(
        title="Bench", slug="bench", summary="s", description="d", audience="a", organiser="o"
    )
    registrations = []
    answers: list[EvaluationResponse] = []
    for number in range(args.sessions):
        starts = moment(generator)
        session = CourseSession.objects.create(
            course=course,
            starts_at=starts,
            ends_at=starts + timedelta(hours=6),
            registration_deadline=starts - timedelta(days=1),
            capacity=25,
            place="København",
        )
        seats = generator.randint(5, 25)
        for seat in range(seats + generator.randint(0, 8)):
            status = (
                generator.choice(["confirmed", "attended", "attended", "no_show"])
                if seat < seats
                else "waiting"
            )
            registrations.append(
                Registration(
                    session=session,
                    name="Deltager",
                    email=f"d{number}-{seat}@bench.example",
                    status=status,
                    arrival_number=seat + 1,
                )
            )
        CourseSession.objects.filter(pk=session.pk).update(seats_taken=seats)
        answers.extend(
            EvaluationResponse(
                session=session, rating=generator.randint(2, 5), submitted_on=starts.date()
            )
            for _ in range(generator.randint(0, seats))
        )
    Registration.objects.bulk_create(registrations, batch_size=2000)
    EvaluationResponse.objects.bulk_create(answers, batch_size=2000)
    print(
        f"generated {args.consultations} consultations, {args.assessments} assessments, "
        f"{args.sessions} sessions ({len(registrations)} registrations, {len(answers)} answers), "
        f"{OrgUnit.objects.count()} units: {time.perf_counter() - started:.1f} s"
    )
    return manager.pk


def bench(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tillid.settings")
    os.environ["TILLID_TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    os.environ.setdefault("TILLID_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import get_resolver

    from tillid.accounts.models import OrgUnit, User
    from tillid.core import clock

    assert get_resolver().url_patterns  # load every module now, not at the first request
    setup_test_environment()  # the test client's host, "testserver", is allowed
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate ({connection.vendor}): {time.perf_counter() - started:.1f} s")
    manager_pk = generate(args)
    clock.freeze(datetime(YEAR, 12, 1, 12, tzinfo=CPH))
    client = Client()
    client.force_login(User.objects.get(pk=manager_pk))
    centre = OrgUnit.objects.filter(kind="centre").order_by("pk").first()
    assert centre is not None
    queries = [{"year": YEAR}, {"year": YEAR, "quarter": 2}, {"year": YEAR, "area": centre.pk}]
    for query in queries:  # warm-up: templates and code loaded
        assert client.get("/statistik/", query).status_code == 200
    timings: dict[str, list[float]] = {str(query): [] for query in queries}
    for number in range(args.requests):
        query = queries[number % len(queries)]
        begun = time.perf_counter()
        response = client.get("/statistik/", query)
        timings[str(query)].append((time.perf_counter() - begun) * 1000)
        assert response.status_code == 200
    everything = [value for values in timings.values() for value in values]
    for label, values in timings.items():
        print(
            f"  {label:45} p50 {percentile(values, 0.5):7.1f} ms  p95 "
            f"{percentile(values, 0.95):7.1f} ms"
        )
    print(
        f"all {len(everything)} requests: p50 {percentile(everything, 0.5):.1f} ms, "
        f"p95 {percentile(everything, 0.95):.1f} ms"
    )
    print(f"load average: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--consultations", type=int, default=20000)
    parser.add_argument("--assessments", type=int, default=5000)
    parser.add_argument("--sessions", type=int, default=300)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    stop: list[str] = []
    folder = ""
    if args.sqlite:
        folder = tempfile.mkdtemp(prefix="tillid-bench-stats.")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ["TILLID_VAR_DIR"] = folder
    elif not os.environ.get("DATABASE_URL"):
        sys.path.insert(0, str(ROOT / "bench"))
        from knowledge_search import start_postgres

        url, stop, folder = start_postgres()
        os.environ["DATABASE_URL"] = url
    try:
        bench(args)
    finally:
        if stop:
            subprocess.run(stop, check=False, capture_output=True)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
