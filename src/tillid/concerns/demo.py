"""Demo data: the intake unit (Børnefamilieenheden) and one fictional report, submitted by
the demo teacher when the demo is loaded and awaiting its assessment. Development only
(``load_demo`` refuses production). Invented throughout: the child's name is made up and there
is no CPR number.
Idempotent: the report is made once (found by its origin marker)."""

from __future__ import annotations

from django.db import transaction

from tillid.accounts.models import OrgUnit, User
from tillid.concerns import services, steps
from tillid.concerns.models import IntakeUnit, Report

INTAKE_UNIT = "Børnefamilieenheden"
DEMO_PROFESSIONAL = "fagperson@tillid.example"
DEMO_MARKER = "/underretning/demo/"


def load() -> list[str]:
    unit = OrgUnit.objects.filter(name=INTAKE_UNIT).first()
    professional = User.objects.filter(email=DEMO_PROFESSIONAL).first()
    if unit is None or professional is None:
        return ["Underretninger: demo-enhederne mangler (kør accounts' demo først)."]
    IntakeUnit.objects.get_or_create(org_unit=unit, defaults={"name": "Modtagelsen, " + unit.name})
    if Report.objects.filter(origin_path=DEMO_MARKER).exists():
        return ["Underretninger: demodata findes allerede."]
    with transaction.atomic():
        report = services.report_start(actor=professional, origin_path=DEMO_MARKER)
        services.report_save_step(actor=professional, report=report, step=steps.ACUTE, data=False)
        services.report_save_step(
            actor=professional,
            report=report,
            step=steps.CHILD,
            data=services.ChildData(
                name="Demo Elev", age=14, school="Demoskolen, 8.b", language="dansk"
            ),
        )
        services.report_save_step(
            actor=professional,
            report=report,
            step=steps.CONCERN,
            data=services.ConcernData(
                observations="Eleven er holdt hjemme fra lejrskole to gange og siger, at "
                "hun ikke må være sammen med venner efter skole.",
                child_words="»Min bror holder øje med min telefon.«",
                concerns=["begraenset_bevaegelsesfrihed", "digital_kontrol"],
                wellbeing="Trist og stille i timerne den seneste måned.",
            ),
        )
        services.report_save_step(
            actor=professional,
            report=report,
            step=steps.FAMILY,
            data=services.FamilyData(
                parents_told="nej", child_wish="oensker_ikke", family_suspected=True
            ),
        )
        services.report_save_step(
            actor=professional,
            report=report,
            step=steps.DONE_ALREADY,
            data="Samtale med eleven; sparring med Etnisk Konsulentteam.",
        )
        services.report_save_step(
            actor=professional,
            report=report,
            step=steps.NOTIFIER,
            data=services.NotifierData(
                name=professional.name,
                title="Lærer",
                workplace="Demoskolen",
                email=professional.email,
                relation="Klasselærer",
            ),
        )
        services.report_submit(actor=professional, report=report)
    return ["Underretninger: modtagelsen og én demo-underretning oprettet."]
