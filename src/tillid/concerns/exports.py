"""Hand-over to the municipality's case system: one report as JSON (schema in
docs/concerns-export.md, ``SCHEMA_VERSION``) and as a tagged PDF (WeasyPrint, PDF/UA-1).

The notifier's copy (``render_report_pdf(..., for_notifier=True)``) shows the CPR number masked
and leaves out the intake's assessment; the case system's export holds the full number. The
callers check access and audit every export.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from tillid.concerns.models import Report
from tillid.concerns.services import mask
from tillid.core.concern_checklist import Concern

SCHEMA_VERSION = "1.0"
SCHEMA_ID = "https://tillid.kk.dk/schemas/underretning/1.0"
PDF_STYLESHEET = Path(__file__).parent / "static" / "concerns" / "report-pdf.css"


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def report_json(report: Report) -> dict[str, Any]:
    """The report as the documented JSON object (keys in English, codes as stored)."""
    concern_labels = dict(Concern.choices)
    with translation.override("da"):
        return {
            "$schema": SCHEMA_ID,
            "schema_version": SCHEMA_VERSION,
            "reference": report.reference,
            "status": report.status,
            "received_at": _iso(report.submitted_at),
            "assessment_due": _iso(report.assessment_due),
            "receipt_due": _iso(report.receipt_due),
            "acute": report.acute,
            "do_not_contact_family": report.do_not_contact_family,
            "family_flag_lifted_at": _iso(report.family_flag_lifted_at),
            "child": {
                "name": report.child_name,
                "cpr_number": report.child_cpr or None,
                "birth_date": report.child_birth_date or None,
                "age": report.child_age,
                "school_or_institution": report.school,
                "language": report.language,
                "interpreter_needed": report.interpreter_needed,
            },
            "concern": {
                "observations": report.observations,
                "child_own_words": report.child_words,
                "signs": [
                    {"code": code, "label": str(concern_labels.get(code, code))}
                    for code in report.concerns
                ],
                "wellbeing_and_development": report.wellbeing,
            },
            "family": {
                "parents_told": report.parents_told or None,
                "child_wish": report.child_wish or None,
                "family_control_or_abuse_suspected": report.family_suspected,
            },
            "actions_taken": report.actions_taken,
            "notifier": {
                "name": report.notifier_name,
                "job_title": report.notifier_title,
                "workplace": report.notifier_workplace,
                "work_phone": report.notifier_phone,
                "work_email": report.notifier_email,
                "relation_to_child": report.relation,
            },
            "assessment": (
                {
                    "assessed_at": _iso(report.assessed_at),
                    "health_or_development_in_danger": report.health_in_danger,
                    "urgent_measures": report.urgent_measures,
                    "next_step": report.next_step,
                    "reasons": report.assessment_reasons,
                }
                if report.assessed_at
                else None
            ),
            "receipt_sent_at": _iso(report.receipt_sent_at),
            "feedback": report.feedback or None,
            "feedback_at": _iso(report.feedback_at),
        }


def report_json_bytes(report: Report) -> bytes:
    return json.dumps(report_json(report), ensure_ascii=False, indent=2).encode()


class _RefuseEveryURL(URLFetcher):
    def fetch(self, url: str, headers: Any = None) -> Any:
        raise ValueError(f"the report PDF loads no external resources ({url[:40]})")


def render_report_pdf(report: Report, *, for_notifier: bool) -> bytes:
    context = {
        "report": report,
        "for_notifier": for_notifier,
        "cpr": mask(report.child_cpr) if for_notifier else report.child_cpr,
    }
    document = render_to_string("concerns/pdf.html", context)
    html = HTML(string=document, url_fetcher=_RefuseEveryURL())
    stylesheet = CSS(string=PDF_STYLESHEET.read_text(encoding="utf-8"))
    pdf: bytes = html.write_pdf(stylesheets=[stylesheet], pdf_variant="pdf/ua-1")
    return pdf
