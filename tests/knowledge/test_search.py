"""The site search at /soeg/: Danish words, filters, highlighting and odd input."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from tillid.knowledge.site_search import clean_query, highlight, search_knowledge

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def titles(query: str, **filters: str) -> list[str]:
    return [hit.title for hit in search_knowledge(query=query, **filters)]


def test_definite_forms_find_the_base_word() -> None:
    # "tilliden" (the trust) finds "Skab tillid"; "kurserne" finds pages that say "kurser".
    assert "Skab tillid" in titles("tilliden")
    assert "For fagpersoner" in titles("kurserne")


def test_kursus_and_kurser_find_each_other() -> None:
    """Snowball stems "kursus" to itself and "kurser" to "kurs"; a small word family joins them."""
    assert "For fagpersoner" in titles("kursus")  # the home page says "kurser", not "kursus"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Danish stemming is PostgreSQL's (SEARCH_CONFIG='danish'); CI runs it on PostgreSQL",
)
def test_postgresql_stems_danish_words(make_article) -> None:
    make_article(
        "Om undersøgelse af trivsel",
        summary="<p>En undersøgelse af elevernes trivsel.</p>",
    )
    # Only a real Danish stemmer joins these: neither form is a prefix of the other.
    assert "Om undersøgelse af trivsel" in titles("undersøgelserne")
    assert "Om undersøgelse af trivsel" in titles("undersøgelsens")


def test_filters_by_topic_and_audience() -> None:
    on_topic = search_knowledge(query="familien", topic="underretning")
    assert on_topic
    assert all("Underretning" in hit.topics for hit in on_topic)
    assert len(on_topic) < len(search_knowledge(query="familien"))
    adults = titles("familien", audience="voksne")
    assert "Bekymring for en genopdragelsesrejse" not in adults  # children and young people
    assert "Tegn på social kontrol" in adults
    assert titles("familien", topic="findes-ikke") == []


def test_hits_carry_type_taxonomy_and_a_highlighted_snippet() -> None:
    hit = next(hit for hit in search_knowledge(query="tolk") if "tvangsægteskab" in hit.title)
    assert hit.url == "/vaerktoejskasse/tvangsaegteskab/"
    assert hit.extra["type"] == "Værktøjsartikel"
    assert "Tvangsægteskab" in hit.topics
    assert "Unge" in hit.audiences
    assert "<mark>" in hit.snippet


def test_highlight_escapes_text_and_marks_word_forms() -> None:
    html = highlight("<script>x</script> Tilliden er vigtig, og tillid tager tid.", "tilliden")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>Tilliden</mark>" in html
    assert "<mark>tillid</mark>" in html


def test_search_page_groups_results_and_keeps_the_query(client: Client) -> None:
    response = client.get("/soeg/", {"q": "tvangsægteskab"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="results-knowledge"' in html
    assert 'value="tvangsægteskab"' in html
    assert "Når en ung fortæller om tvangsægteskab" in html
    assert "<mark>" in html
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", "Skriv et eller flere ord"),
        ("   ", "Skriv et eller flere ord"),
        ("og i at", "kun af helt almindelige småord"),
        ("xyzzyquux", "Ingen resultater for"),
    ],
)
def test_empty_stop_word_and_unknown_searches_get_helpful_text(
    client: Client, query: str, expected: str
) -> None:
    response = client.get("/soeg/", {"q": query})
    assert response.status_code == 200
    assert expected in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "tillid " * 400,  # 2,800 characters
        "a" * 2000,
        '"NEAR( tillid* OR -AND "',
        "\x00\x1f\u202e\u200b💥 tillid",
        "Ǆ ﬁ ẞ ☃ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ‮",
        "'; DROP TABLE wagtailcore_page; --",
        "%_\\",
    ],
)
def test_odd_and_long_input_returns_normally(client: Client, query: str) -> None:
    response = client.get("/soeg/", {"q": query, "topic": "social-kontrol\x00", "audience": "?"})
    assert response.status_code == 200


def test_unknown_filter_is_dropped_but_the_search_still_runs(client: Client) -> None:
    html = client.get("/soeg/", {"q": "tvangsægteskab", "topic": "findes-ikke"}).content.decode()
    assert "Når en ung fortæller om tvangsægteskab" in html


def test_clean_query_trims_and_removes_control_characters() -> None:
    assert clean_query("  a\x00b\tc  ") == "a b c"
    assert len(clean_query("x" * 2000)) == 200
