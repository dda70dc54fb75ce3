"""Emailed links and ids never look like a CPR number, so the mail guard never refuses them."""

from __future__ import annotations

import uuid
from unittest import mock

from tillid.core.cpr import contains_cpr
from tillid.courses import tokens
from tillid.courses.forms import SessionForm
from tillid.courses.models import new_public_id

LOOKS_LIKE_CPR = uuid.UUID("aaaaaaaa-aaaa-4aaa-aaaa-aa0102031234")


def test_an_id_that_reads_as_a_cpr_number_is_drawn_again() -> None:
    assert contains_cpr(str(LOOKS_LIKE_CPR))
    fine = uuid.UUID("bbbbbbbb-bbbb-4bbb-bbbb-bbbbbbbbbbbb")
    with mock.patch("tillid.courses.models.uuid.uuid4", side_effect=[LOOKS_LIKE_CPR, fine]):
        assert new_public_id() == fine


def test_a_token_that_reads_as_a_cpr_number_is_signed_again_and_still_works() -> None:
    public_id = uuid.uuid4()
    with mock.patch("tillid.courses.tokens.contains_cpr", side_effect=[True, True, False]):
        token = tokens.cancel_token(public_id)
    assert tokens.read_cancel_token(token) == public_id


def test_many_fresh_tokens_hold_no_cpr_number() -> None:
    for _draw in range(300):
        public_id = new_public_id()
        assert not contains_cpr(tokens.cancel_token(public_id))
        assert not contains_cpr(tokens.confirm_email_token(public_id))
        assert not contains_cpr(tokens.new_evaluation_token()[0])


def test_a_meeting_link_that_reads_as_a_cpr_number_is_refused_at_entry() -> None:
    form = SessionForm(
        {
            "first_day": "2030-05-02",
            "start_time": "09:00",
            "end_time": "12:00",
            "deadline_day": "2030-04-25",
            "deadline_time": "12:00",
            "capacity": "10",
            "place": "Online",
            "online_url": "https://zoom.example/j/0102031234",
            "language": "da",
            "status": "open",
        }
    )
    assert not form.is_valid()
    assert "online_url" in form.errors
