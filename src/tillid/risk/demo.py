"""Demo data: the shipped instruments, and a short history for the demo professional.

Development only (``load_demo`` refuses production). Idempotent: the instruments load
unchanged, and the demo assessments are made once (when the professional has no subjects).
"""

from __future__ import annotations

from datetime import timedelta

from tillid.accounts.models import User
from tillid.core import clock
from tillid.risk import services
from tillid.risk.models import Assessment, Subject
from tillid.risk.services import AnswerInput, ScenarioInput

DEMO_PROFESSIONAL = "fagperson@tillid.example"


def _answers(**given: tuple[str, str]) -> dict[str, AnswerInput]:
    return {
        code: AnswerInput(now=now, earlier=earlier, basis="Demo: borgerens egen fortælling.")
        for code, (now, earlier) in given.items()
    }


def _assess(
    user: User,
    subject: Subject,
    answers: dict[str, dict[str, AnswerInput]],
    final_level: str,
    justification: str,
) -> Assessment:
    assessment = services.assessment_start(actor=user, subject=subject, age_group="ung")
    for group_code, group_answers in answers.items():
        services.assessment_save_answers(
            actor=user, assessment=assessment, group_code=group_code, answers=group_answers
        )
    services.assessment_save_protective_factors(
        actor=user,
        assessment=assessment,
        factor_codes=["B1", "B6"],
        note="Demo: stoler på sin klasselærer.",
    )
    services.assessment_save_scenarios(
        actor=user,
        assessment=assessment,
        scenarios=[
            ScenarioInput(
                what="Demo: holdes hjemme fra skole og sendes på ferie hos familie i udlandet.",
                who="Demo: far og farbror.",
                how_soon="uger",
                severity="alvorlig",
            )
        ],
    )
    services.assessment_save_judgement(
        actor=user, assessment=assessment, final_level=final_level, justification=justification
    )
    services.assessment_save_next_steps(
        actor=user, assessment=assessment, note="Demo: sparring med Etnisk Konsulentteam."
    )
    return services.assessment_finalise(actor=user, assessment=assessment)


def load() -> list[str]:
    results = services.instruments_load()
    lines = ["", "Risikovurdering:"]
    for instrument, created in results:
        state = "indlæst" if created else "uændret"
        lines.append(f"  Instrument {instrument.key} version {instrument.version}: {state}")
    user = User.objects.filter(email=DEMO_PROFESSIONAL).first()
    if user is None or Subject.objects.filter(created_by=user).exists():
        return lines
    subject = services.subject_create(actor=user, reference="Demo: elev i 9.b (A.)")
    none = ("nej", "nej")
    earlier = _assess(
        user,
        subject,
        {
            "vold": _answers(V1=("delvist", "nej"), V2=none, V3=none, V4=none, V5=none),
            "netvaerk": _answers(N1=("ja", "nej"), N2=("delvist", "nej")),
            "faretegn": _answers(F1=none, F2=none, F3=none, F4=none, F5=none),
        },
        "moderat",
        "",
    )
    Assessment.objects.filter(pk=earlier.pk).update(finalised_at=clock.now() - timedelta(days=42))
    _assess(
        user,
        subject,
        {
            "vold": _answers(V1=("ja", "delvist"), V2=("ja", "nej"), V3=none, V4=("ja", "nej")),
            "netvaerk": _answers(N1=("ja", "ja"), N2=("ja", "delvist"), N3=("delvist", "nej")),
            "saarbarhed": _answers(S1=("ja", "nej"), S2=("delvist", "nej")),
            "faretegn": _answers(
                F1=("ja", "nej"), F2=("nej", "nej"), F3=("ved_ikke", "nej"), F4=none, F5=none
            ),
        },
        "hoej",
        "",
    )
    lines.append(f"  To demovurderinger af samme person for {DEMO_PROFESSIONAL}")
    return lines
