"""The shared service contract: refusals and their view helper, audited reads declared on the
access policy, and the one clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from tests.conftest import FrozenClock
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.core import access, audit
from tillid.core import clock as core_clock
from tillid.core.models import AuditEntry
from tillid.core.refusals import ActionRefusedError, NotPermittedError, show_refusal


class NoteForm(forms.Form):
    text = forms.CharField()


def _request(method: str = "get", user: Any = None) -> HttpRequest:
    request = getattr(RequestFactory(), method)("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    if user is not None:
        request.user = user
    return request


def test_a_refusal_goes_on_its_field_or_the_whole_form() -> None:
    form = NoteForm({"text": "hej"})
    assert form.is_valid()
    show_refusal(_request(), ActionRefusedError("Sagen er lukket.", field="text"), form=form)
    show_refusal(_request(), ActionRefusedError("Prøv igen."), form=form)
    show_refusal(_request(), ValidationError({"text": "For kort.", "unknown": "Andet."}), form=form)
    assert form.errors["text"] == ["Sagen er lukket.", "For kort."]
    assert form.non_field_errors() == ["Prøv igen.", "Andet."]


def test_without_a_form_a_refusal_becomes_a_message() -> None:
    request = _request()
    show_refusal(request, NotPermittedError())
    assert [str(message) for message in get_messages(request)] == [
        "Du har ikke adgang til at gøre dette."
    ]


def test_not_permitted_is_a_refusal_and_a_403_when_nobody_catches_it() -> None:
    error = NotPermittedError()
    assert isinstance(error, ActionRefusedError)
    assert isinstance(error, PermissionDenied)
    assert error.code == "not_permitted"


def test_the_clock_fixture_moves_the_one_clock(clock: FrozenClock) -> None:
    moment = datetime(2026, 3, 7, 21, 0, tzinfo=UTC)
    clock.set(moment)
    assert clock.now == moment
    clock.advance(timedelta(hours=2))
    assert core_clock.now() == moment + timedelta(hours=2)


def test_the_clock_refuses_naive_moments() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        core_clock.freeze(datetime(2026, 1, 1))
    assert core_clock.now().tzinfo is not None


@pytest.mark.django_db
def test_audit_entries_take_their_time_from_the_clock(clock: FrozenClock) -> None:
    moment = clock.set(datetime(2026, 2, 2, 9, 0, tzinfo=UTC))
    assert audit.record(actor=None, action="tests.thing.viewed").created_at == moment


@pytest.mark.django_db
def test_the_policy_audits_the_read_of_the_fetched_object_on_get_only(
    make_user: Callable[..., User],
) -> None:
    reader = make_user(Role.PROFESSIONAL)
    target = make_user(Role.PROFESSIONAL)

    def thing_get_for_user(*, user: Any, pk: Any) -> User:
        return User.objects.get(pk=pk)

    @access.roles(
        Role.PROFESSIONAL,
        selector=thing_get_for_user,
        audit="tests.thing.viewed",
        audit_details={"page": "test"},
    )
    def view(request: HttpRequest, obj: User, part: str) -> HttpResponse:
        return HttpResponse(obj.name)

    assert view(_request("get", reader), pk=target.pk, part="notes").status_code == 200
    reads = AuditEntry.objects.filter(action="tests.thing.viewed")
    entry = reads.get()
    assert (entry.action, entry.actor, entry.target_id) == (
        "tests.thing.viewed",
        reader,
        str(target.pk),
    )
    assert entry.details == {"page": "test", "part": "notes"}
    # A form shown again after a POST is not a second read.
    view(_request("post", reader), pk=target.pk, part="notes")
    assert reads.count() == 1


def test_an_audited_policy_needs_a_selector() -> None:
    with pytest.raises(ValueError, match="selector"):
        access.roles(Role.PROFESSIONAL, audit="tests.thing.viewed")
