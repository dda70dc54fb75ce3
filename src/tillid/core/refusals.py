"""One contract for every service: what a refusal is, and how a view shows it.

A service raises ``ActionRefusedError`` (or a subclass) when *this* actor may not, or cannot now, do
*this*; nothing has been changed when it is raised, and ``message`` is written for the user.
``NotPermittedError`` is the refusal for an actor who may not do the action at all: every service
raises it for a wrong user, whoever calls it (a view, a command, a task, a future API). It is also
a ``PermissionDenied``, so a caller that does not catch it answers 403, never 500.

Invalid input stays Django's ``ValidationError`` (keyed by field where it can be). Views show
both through ``show_refusal``, onto a form or as a message.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ActionRefusedError(Exception):
    """A rule stopped the action; nothing was changed. ``message`` is for the user to read,
    ``code`` for code and tests, ``field`` names the form field it belongs to (if any)."""

    default_message: str | Promise = _("Handlingen kunne ikke gennemføres.")
    default_code = "refused"

    def __init__(
        self,
        message: str | Promise | None = None,
        *,
        code: str | None = None,
        field: str | None = None,
    ) -> None:
        self.message = str(message or self.default_message)
        self.code = code or self.default_code
        self.field = field
        super().__init__(self.message)

    @property
    def messages(self) -> list[str]:
        return [self.message]


class NotPermittedError(ActionRefusedError, PermissionDenied):
    """The actor may not do this action (wrong role, not their record, inactive account)."""

    default_message = _("Du har ikke adgang til at gøre dette.")
    default_code = "not_permitted"


def show_refusal(
    request: HttpRequest,
    error: ActionRefusedError | ValidationError,
    *,
    form: forms.BaseForm | None = None,
) -> None:
    """Show a service's refusal or ``ValidationError``: on ``form`` when given (field errors on
    their fields, the rest on the whole form), otherwise as error messages on the next page."""
    if form is None:
        for message in error.messages:
            messages.error(request, message)
        return
    add_to_form(form, error)


def add_to_form(form: forms.BaseForm, error: ActionRefusedError | ValidationError) -> None:
    """``show_refusal`` onto a form, for a form's own ``clean()`` that calls a service rule."""
    for name, errors in _by_field(error):
        form.add_error(name if name in form.fields else None, errors)


def _by_field(error: ActionRefusedError | ValidationError) -> list[tuple[str | None, Any]]:
    if isinstance(error, ActionRefusedError):
        return [(error.field, error.messages)]
    if hasattr(error, "error_dict"):
        return [(name, errors) for name, errors in error.error_dict.items()]
    return [(None, error)]
