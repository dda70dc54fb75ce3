"""The data protection page: what Tillid stores about citizens and staff, why, for how long,
and how to ask who has looked at a case. The periods come from the retention registry
(``tillid.core.retention``) with the live settings, so the page cannot drift from what runs."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tillid.core import access, retention


@access.public
def data_protection(request: HttpRequest) -> HttpResponse:
    groups: dict[str, list[dict[str, object]]] = {concern: [] for concern in retention.Concerns}
    for rule in retention.rules():
        groups[rule.concerns].append(
            {
                "key": rule.key,
                "record": rule.record,
                "why": rule.why,
                "period": rule.period_text(),
                "who_sees": rule.who_sees,
                "ending": rule.ending.label,
                "how": rule.how,
            }
        )
    return render(
        request,
        "core/data_protection.html",
        {
            "citizen_rules": groups[retention.Concerns.CITIZENS],
            "staff_rules": groups[retention.Concerns.STAFF],
            "contact_email": settings.TILLID_CONTACT_EMAIL,
            "municipality": settings.TILLID_MUNICIPALITY,
        },
    )
