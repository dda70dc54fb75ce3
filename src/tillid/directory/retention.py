"""Retention rules of the directory (``tillid.core.retention``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tillid.core.retention import Concerns, Ending, Rule, exempt, register

register(
    Rule(
        key="directory.editorial",
        models=("directory.Service", "directory.Contact", "directory.CitizenLanguageApproval"),
        record=_(
            "Kontaktpersoner ved rådgivningstilbud og hvem der har bekræftet et tilbuds "
            "oplysninger eller godkendt en oversættelse"
        ),
        why=_("For at oplysningerne om hjælp er rigtige, og man ved, hvem der står bag."),
        period=_("Så længe tilbuddet står i oversigten"),
        who_sees=_("Kontaktpersoner ses af alle; hvem der har bekræftet, ses af redaktørerne"),
        ending=Ending.DELETED,
        how=_(
            "Redaktørerne sletter kontaktpersonen eller tilbuddet; en medarbejders navn følger "
            "brugerkontoen"
        ),
        concerns=Concerns.STAFF,
    )
)
exempt("directory.Organization", "its email is the organisation's shared address, not a person's")
exempt(
    "directory.Location",
    "the address of a service's premises, never a citizen's (confidential ones are never shown)",
)
exempt("directory.Schedule", "'phone' is the service's phone line whose opening hours these are")
exempt("directory.ScheduleException", "'phone' is the service's phone line whose hours these are")
