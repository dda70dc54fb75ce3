"""One pagination partial for every paginated list."""

from __future__ import annotations

from pathlib import Path

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation

SOURCE = Path(__file__).resolve().parents[2] / "src" / "tillid"
PARTIAL = "core/partials/pagination.html"


def test_the_partial_links_the_neighbouring_pages_keeping_the_other_parameters() -> None:
    page = Paginator(list(range(45)), 20).get_page(2)
    with translation.override("da"):
        html = render_to_string(PARTIAL, {"page": page, "query": "status=open&x=1"})
    assert 'href="?status=open&amp;x=1&amp;side=1"' in html
    assert 'href="?status=open&amp;x=1&amp;side=3"' in html
    assert "Side 2 af 3" in html


def test_the_partial_shows_nothing_for_a_single_page() -> None:
    page = Paginator(list(range(5)), 20).get_page(1)
    assert render_to_string(PARTIAL, {"page": page}).strip() == ""


def test_no_template_paginates_on_its_own() -> None:
    own = [
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.html")
        if "previous_page_number" in path.read_text(encoding="utf-8")
        and not path.as_posix().endswith(PARTIAL)
    ]
    assert own == []
