"""A confirmation step for actions that cannot be undone, working without JavaScript.

The destructive form posts as usual. Without the confirmation field the view answers with a
page that says what will happen and carries the posted fields as hidden inputs; its button
posts the same data again, now confirmed. The action itself stays a POST to the same URL, so a
link or a prefetch can never trigger it.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRM_FIELD = "bekraeftet"
_NOT_CARRIED = {"csrfmiddlewaretoken", CONFIRM_FIELD}


def is_confirmed(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "1"


def confirmation_page(
    request: HttpRequest,
    *,
    title: str,
    consequences: Sequence[str],
    confirm_label: str,
    back_url: str,
    back_label: str,
    warnings: Sequence[str] = (),
    details: Sequence[tuple[str, str]] = (),
) -> HttpResponse:
    """The page asking "are you sure?" for the POST in ``request``, to be posted again."""
    carried = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in _NOT_CARRIED
        for value in values
    ]
    return render(
        request,
        "core/confirm.html",
        {
            "title": title,
            "consequences": consequences,
            "warnings": warnings,
            "details": details,
            "confirm_label": confirm_label,
            "back_url": back_url,
            "back_label": back_label,
            "carried": carried,
            "action": request.path,
            "confirm_field": CONFIRM_FIELD,
        },
    )
