"""The PDF of an assessment: WeasyPrint, tagged (PDF/UA-1), marked confidential on every page.

Nothing is fetched while rendering (a URL fetcher that refuses everything); the fonts are the
system's. The caller checks access and audits the export.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

PDF_STYLESHEET = Path(__file__).parent / "static" / "risk" / "assessment-pdf.css"


class _RefuseEveryURL(URLFetcher):
    def fetch(self, url: str, headers: Any = None) -> Any:
        raise ValueError(f"the assessment PDF loads no external resources ({url[:40]})")


def render_assessment_pdf(context: dict[str, Any]) -> bytes:
    document = render_to_string("risk/pdf.html", context)
    html = HTML(string=document, url_fetcher=_RefuseEveryURL())
    stylesheet = CSS(string=PDF_STYLESHEET.read_text(encoding="utf-8"))
    pdf: bytes = html.write_pdf(stylesheets=[stylesheet], pdf_variant="pdf/ua-1")
    return pdf
