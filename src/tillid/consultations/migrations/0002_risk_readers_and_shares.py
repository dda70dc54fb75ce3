"""Move the case-based risk reading rules into the risk app's data (``risk.access``): the
subject of a case is held by the consultants of the case's team, and a case shared with its
requester becomes a share of its newest finalised assessment."""

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    ContentType = apps.get_model("contenttypes", "ContentType")
    Consultation = apps.get_model("consultations", "Consultation")
    Subject = apps.get_model("risk", "Subject")
    Assessment = apps.get_model("risk", "Assessment")
    AssessmentShare = apps.get_model("risk", "AssessmentShare")
    content_type = ContentType.objects.filter(
        app_label="consultations", model="consultation"
    ).first()
    if content_type is None:
        return
    for subject in Subject.objects.filter(context_type=content_type):
        case = Consultation.objects.filter(pk=subject.context_id).select_related("team").first()
        if case is None:
            continue
        subject.readers_unit_id = case.team.org_unit_id
        subject.readers_role = "consultant"
        subject.save(update_fields=["readers_unit", "readers_role"])
        if not case.risk_shared_with_requester or case.requester_id is None:
            continue
        latest = (
            Assessment.objects.filter(subject=subject, status="final")
            .order_by("-finalised_at", "-id")
            .first()
        )
        if latest is not None:
            AssessmentShare.objects.get_or_create(
                assessment=latest,
                reader_id=case.requester_id,
                defaults={
                    "shared_by_id": case.assigned_to_id or latest.created_by_id,
                    "shared_at": case.updated_at,
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        ("risk", "0003_subject_readers_and_shares"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
