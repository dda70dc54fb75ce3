"""The PDF of a frozen plan version: WeasyPrint, tagged (PDF/UA-1), "Fortroligt" on every page.

Nothing is fetched while rendering. The caller checks access and audits the download; a plan's
PDF is only ever downloaded, never emailed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

PDF_STYLESHEET = Path(__file__).parent / "static" / "actionplans" / "plan-pdf.css"


class _RefuseEveryURL(URLFetcher):
    def fetch(self, url: str, headers: Any = None) -> Any:
        raise ValueError(f"the action plan PDF loads no external resources ({url[:40]})")


def render_plan_pdf(context: dict[str, Any]) -> bytes:
    document = render_to_string("actionplans/pdf.html", context)
    html = HTML(string=document, url_fetcher=_RefuseEveryURL())
    stylesheet = CSS(string=PDF_STYLESHEET.read_text(encoding="utf-8"))
    pdf: bytes = html.write_pdf(stylesheets=[stylesheet], pdf_variant="pdf/ua-1")
    return pdf
