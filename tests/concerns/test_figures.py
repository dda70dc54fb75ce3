"""Aggregate figures for statistics: counts only, no content, no names."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from tests.concerns.conftest import MONDAY_10
from tillid.accounts.models import User
from tillid.concerns import services
from tillid.concerns.models import Report
from tillid.concerns.selectors import report_counts

pytestmark = pytest.mark.django_db


def test_counts_of_received_assessed_and_on_time(
    submit: Callable[..., Report], intake_worker: User, clock: Any
) -> None:
    on_time = submit(at=MONDAY_10, acute=True)
    late = submit(at=MONDAY_10, family_suspected=True)
    submit(at=MONDAY_10 + timedelta(days=40))
    services.report_start(actor=on_time.notifier)  # a draft counts for nothing
    for report, after, step in ((on_time, 2, "afdaekning"), (late, 30, "ingen")):
        clock.set(MONDAY_10 + timedelta(hours=after))
        services.report_assess(
            actor=intake_worker,
            report=report,
            data=services.AssessmentData(
                health_in_danger=False, urgent_measures=False, next_step=step, reasons="X"
            ),
            expected_version=report.version,
        )
    services.receipt_send(actor=intake_worker, report=on_time)
    figures = report_counts(until=MONDAY_10.date() + timedelta(days=1))
    assert figures == {
        "received": 2,
        "acute": 1,
        "assessed": 2,
        "assessed_on_time": 1,
        "receipts_sent": 1,
        "family_flag": 1,
        "next_step_afdaekning": 1,
        "next_step_ingen": 1,
    }
    assert report_counts(since=MONDAY_10.date() + timedelta(days=2))["received"] == 1
