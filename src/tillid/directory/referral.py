"""The referral slip (henvisningsseddel): chosen services on one folded page, as HTML and PDF.

The slip holds only directory facts (names, numbers, hours, what the service helps with): no field
about the citizen or the professional exists, so none can be printed. The PDF is rendered by
WeasyPrint from the same template with a fetcher that refuses every URL: nothing is loaded from
the network or the disk while rendering, and the fonts are the system's (DejaVu Sans).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from tillid.directory.cards import ServiceCard
from tillid.directory.selectors import public_addresses, services_by_ids

PDF_STYLESHEET = Path(__file__).parent / "static" / "directory" / "referral-slip.css"
LANGUAGES = ("da", "en")


class _RefuseEveryURL(URLFetcher):
    def fetch(self, url: str, headers: Any = None) -> Any:
        raise ValueError(f"the referral slip loads no external resources ({url[:40]})")


@dataclass(frozen=True)
class SlipEntry:
    service: ServiceCard
    addresses: list[str]  # public street addresses only; confidential locations never appear


@dataclass(frozen=True)
class ReferralSlip:
    language: str
    entries: list[SlipEntry]
    printed_on: date


def referral_slip(*, service_ids: list[int], language: str, now: datetime) -> ReferralSlip:
    """The slip for the chosen active services (unknown ids are left out), in ``language``."""
    language = language if language in LANGUAGES else "da"
    with translation.override(language):
        services = services_by_ids(ids=service_ids, now=now)
    addresses = public_addresses(service_ids=[service.id for service in services])
    return ReferralSlip(
        language=language,
        entries=[SlipEntry(service, addresses.get(service.id, [])) for service in services],
        printed_on=timezone.localdate(now),
    )


def render_slip_html(slip: ReferralSlip) -> str:
    """The slip's own markup (no page chrome), in the slip's language."""
    with translation.override(slip.language):
        return render_to_string("directory/partials/referral_slip.html", {"slip": slip})


def render_slip_pdf(slip: ReferralSlip) -> bytes:
    """A tagged PDF (PDF/UA-1) of the slip on A5, which folds once into a pocket-sized A6."""
    with translation.override(slip.language):
        document = render_to_string(
            "directory/referral_slip_pdf.html",
            {"slip": slip, "slip_html": render_slip_html(slip)},
        )
    html = HTML(string=document, url_fetcher=_RefuseEveryURL())
    stylesheet = CSS(string=PDF_STYLESHEET.read_text(encoding="utf-8"))
    pdf: bytes = html.write_pdf(stylesheets=[stylesheet], pdf_variant="pdf/ua-1")
    return pdf
