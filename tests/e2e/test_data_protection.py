"""The data protection page in a browser: axe finds nothing, and the table of contents works."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import RESULTS, CheckedPage

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_data_protection_page_passes_axe(page: CheckedPage) -> None:
    for url in ("/databeskyttelse/", "/en/databeskyttelse/"):
        response = page.goto(url)
        assert response.status == 200, url
        page.assert_accessible()
    page.goto("/databeskyttelse/")
    page.page.get_by_role("link", name="Hvem har set min sag?").click()
    assert page.page.url.endswith("#hvem-har-set")
    RESULTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(RESULTS / "data-protection.png"), full_page=True)
