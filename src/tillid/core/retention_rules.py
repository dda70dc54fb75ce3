"""The core app's own retention rules: the audit trail and the mail outbox (``core.retention``).

They live here because ``tillid/core/retention.py`` is the registry itself; ``CoreConfig``
imports this module when Django starts.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tillid.core import clock
from tillid.core.models import OutgoingMail
from tillid.core.retention import Concerns, Ending, Rule, register


def outbox_prune() -> int:
    """Delete the outbox's sent and finally failed mails older than the retention period."""
    cutoff = clock.now() - timedelta(days=settings.TILLID_MAIL_RETENTION_DAYS)
    deleted, _per_model = OutgoingMail.objects.filter(
        status__in=[OutgoingMail.Status.SENT, OutgoingMail.Status.FAILED], created_at__lt=cutoff
    ).delete()
    return deleted


register(
    Rule(
        key="core.audit_trail",
        models=("core.AuditEntry",),
        record=_("Revisionssporet: hvem der har set, hentet og ændret hvad og hvornår"),
        why=_(
            "Det viser, hvem der har set en sag, så du kan få svar på det, og det afslører misbrug."
        ),
        period=_("Så længe Tillid er i drift"),
        who_sees=_("Administratorer med totrinslogin; hvert opslag i sporet logges også"),
        ending=Ending.KEPT,
        how=_(
            "Sporet er forseglet og kan ikke ændres eller slettes uden at det opdages. Det "
            "rummer aldrig CPR-numre eller fritekst, kun hvem, hvad, hvilken post og hvornår"
        ),
        concerns=Concerns.CITIZENS,
    )
)
register(
    Rule(
        key="core.outbox",
        models=("core.OutgoingMail",),
        record=_("Udgående e-mails (påmindelser, besked om nye svar, nulstilling af adgangskode)"),
        why=_("For at e-mails når frem, også hvis postserveren er nede et stykke tid."),
        period=_("%(value)s dage efter afsendelsen"),
        setting="TILLID_MAIL_RETENTION_DAYS",
        default=30,
        who_sees=_("Ingen i Tillid; kun driften med adgang til databasen"),
        ending=Ending.DELETED,
        how=_("Sendte og endeligt fejlede e-mails slettes hver nat"),
        concerns=Concerns.STAFF,
        run=outbox_prune,
    )
)
