"""The knowledge pages as the public sees them: content, languages, SEO and faults."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.knowledge.conftest import DUMMY_TASKS
from tillid.knowledge import content
from tillid.knowledge.models import HomePage, ResearchItemPage, ToolboxArticlePage

pytestmark = pytest.mark.django_db

PAGE_TYPES = {
    "home": "/",
    "content page": "/om-tillid/",
    "privacy": "/privatliv/",
    "accessibility statement": "/tilgaengelighed/",
    "toolbox index": "/vaerktoejskasse/",
    "toolbox article": "/vaerktoejskasse/tvangsaegteskab/",
    "legislation": "/lovgivning/",
    "research index": "/forskning/",
    "research item": "/forskning/demo-unges-hverdag-med-kontrol/",
    "inspiration index": "/inspiration/",
    "inspiration page": "/inspiration/hvem-bestemmer-over-mit-liv/",
}


@pytest.mark.usefixtures("demo")
def test_every_page_type_renders_with_title_description_and_canonical(client: Client) -> None:
    for name, url in PAGE_TYPES.items():
        response = client.get(url)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert '<meta name="description" content="' in html, name
        assert f'<link rel="canonical" href="http://testserver{url}">' in html, name
        assert "<h1>" in html, name


@pytest.mark.usefixtures("demo")
def test_home_holds_the_seed_text_and_the_directory_phone_numbers(client: Client) -> None:
    html = client.get("/").content.decode()
    for sentence in (
        "Rådgivning og sparring for fagpersoner.",
        "Værktøjskasse for fagpersoner, der har borgerkontakt",
        "Vis alle",
        "Skab tillid",
        "Konsulenterne kan både rådgive dig i specifikke sager og mere generelle",
        "Du kan også kontakte Red Rådgivning (tidligere Etnisk Ung)",
        "RED Safehouse er et specialiseret opholdssted",
        "Lovgivning på området",
        "Læs mere om relevant lovgivning på området.",
        "Københavns indsats mod social kontrol",
    ):
        assert sentence in html, sentence
    # The phone numbers come from the directory's services (one place to keep them right).
    assert 'href="tel:+4526779198">26 77 91 98</a>' in html
    assert 'href="tel:+4570277686">70 27 76 86</a>' in html


def test_standing_pages_exist_without_demo_content(client: Client, home: HomePage) -> None:
    """A new installation has the seed's home page, the sections and the two statements."""
    assert client.get("/").content.decode().count(content.HOME_LEAD) == 1
    for url in (
        "/vaerktoejskasse/skab-tillid/",
        "/lovgivning/",
        "/privatliv/",
        "/tilgaengelighed/",
    ):
        assert client.get(url).status_code == 200, url
    html = client.get("/tilgaengelighed/").content.decode()
    assert "WCAG 2.1 på niveau A og AA" in html


@pytest.mark.usefixtures("demo")
def test_demo_pages_say_they_are_demo_on_the_page_and_in_the_cms() -> None:
    article = ToolboxArticlePage.objects.get(slug="tvangsaegteskab")
    assert article.is_demo
    assert article.get_admin_display_title().endswith("[demo]")
    assert not ToolboxArticlePage.objects.get(slug="skab-tillid").is_demo  # the seed's own text
    research = ResearchItemPage.objects.filter(is_demo=True)
    assert research.count() == 4
    assert all("fiktivt eksempel" in item.title for item in research)


@pytest.mark.usefixtures("demo")
def test_demo_loading_is_idempotent() -> None:
    from wagtail.models import Page

    from tillid.knowledge import demo as knowledge_demo

    before = (Page.objects.count(), HomePage.objects.get().latest_revision_id)
    knowledge_demo.load()
    assert (Page.objects.count(), HomePage.objects.get().latest_revision_id) == before


@pytest.mark.usefixtures("demo")
def test_english_shows_the_danish_page_with_english_chrome(client: Client) -> None:
    html = client.get("/en/vaerktoejskasse/tvangsaegteskab/").content.decode()
    assert '<html lang="en"' in html
    assert '<div class="tillid-page" lang="da">' in html
    assert "tillid-language-note" in html
    # The same text in both languages: the Danish address is the canonical one.
    assert (
        '<link rel="canonical" href="http://testserver/vaerktoejskasse/tvangsaegteskab/">' in html
    )
    assert 'href="/vaerktoejskasse/tvangsaegteskab/" lang="da" hreflang="da"' in html


def test_unpublished_and_expired_pages_are_not_found(client: Client, make_article) -> None:
    draft = make_article("Kladde")
    draft.unpublish()
    assert client.get(draft.url_path.replace("/forside", "")).status_code == 404
    expiring = make_article("Udløber")
    url = expiring.get_url()
    assert client.get(url).status_code == 200
    expiring.expire_at = timezone.now() - timedelta(minutes=1)
    expiring.save_revision().publish()
    call_command("publish_scheduled", verbosity=0)
    assert client.get(url).status_code == 404


def test_scheduled_page_goes_live_when_publish_scheduled_runs(client: Client, make_article) -> None:
    article = make_article("Planlagt")
    article.unpublish()
    article.title = "Planlagt og udgivet"
    revision = article.save_revision()
    revision.publish()  # with go_live_at in the future, publish() only schedules
    article.refresh_from_db()
    url = article.get_url()
    future = timezone.now() + timedelta(hours=1)
    revision = article.save_revision(approved_go_live_at=future)
    article.go_live_at = future
    article.save(update_fields=["go_live_at"])
    article.unpublish()
    assert client.get(url).status_code == 404
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save(update_fields=["approved_go_live_at"])
    call_command("publish_scheduled", verbosity=0)
    assert client.get(url).status_code == 200


@pytest.mark.usefixtures("demo")
def test_a_removed_directory_service_drops_the_card_but_the_page_still_renders(
    client: Client,
) -> None:
    from tillid.directory.models import Service

    url = "/vaerktoejskasse/tegn-paa-social-kontrol/"
    card = "Læs mere om Etnisk Konsulentteam"
    assert card in client.get(url).content.decode()
    Service.objects.filter(slug="etnisk-konsulentteam").update(status=Service.Status.INACTIVE)
    response = client.get(url)
    assert response.status_code == 200
    assert card not in response.content.decode()
    Service.objects.filter(slug="etnisk-konsulentteam").delete()
    assert client.get(url).status_code == 200
    assert client.get("/").status_code == 200


@pytest.mark.usefixtures("demo")
def test_research_index_filters_by_topic_and_year_and_ignores_bad_values(client: Client) -> None:
    html = client.get("/forskning/?year=2022").content.decode()
    assert "Digital kontrol blandt unge" in html
    assert "Unges hverdag med kontrol" not in html
    html = client.get("/forskning/?topic=underretning").content.decode()
    assert "Fagpersoners erfaringer" in html
    assert "Digital kontrol blandt unge" not in html
    for bad in ("?year=abc", "?topic=findes-ikke", "?side=999", "?side=-1", "?year=1" + "9" * 50):
        response = client.get("/forskning/" + bad)
        assert response.status_code == 200, bad
        assert "Unges hverdag med kontrol" in response.content.decode(), bad


@pytest.mark.usefixtures("demo")
def test_toolbox_filters_by_audience(client: Client) -> None:
    html = client.get("/vaerktoejskasse/?audience=voksne").content.decode()
    assert "Digital kontrol" in html
    assert "Bekymring for en genopdragelsesrejse" not in html


@pytest.mark.usefixtures("demo")
def test_inspiration_page_offers_its_documents_for_download(client: Client) -> None:
    html = client.get("/inspiration/hvem-bestemmer-over-mit-liv/").content.decode()
    assert 'href="/dokumenter/' in html
    start = html.index('href="/dokumenter/') + len('href="')
    url = html[start : html.index('"', start)]
    response = client.get(url)
    assert response.status_code == 200
    assert b"Dilemmakort" in b"".join(response.streaming_content)


@pytest.mark.usefixtures("demo")
def test_research_feed_sitemap_and_robots(client: Client) -> None:
    feed = client.get("/forskning/atom.xml")
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Unges hverdag med kontrol (fiktivt eksempel) (2024)" in feed.content.decode()

    ToolboxArticlePage.objects.get(slug="digital-kontrol").unpublish()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/</loc>" in sitemap
    assert "<loc>http://testserver/vaerktoejskasse/tvangsaegteskab/</loc>" in sitemap
    assert "/vaerktoejskasse/digital-kontrol/" not in sitemap

    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    body = robots.content.decode()
    assert "Disallow: /cms/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def _queries(client: Client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.usefixtures("demo")  # with the home page's contact cards and teasers filled
def test_query_counts_do_not_grow_with_the_number_of_articles(
    client: Client, toolbox, settings
) -> None:
    settings.TASKS = DUMMY_TASKS
    from tillid.taxonomy.models import Topic

    def add_articles(count: int) -> None:
        topic = Topic.objects.get(slug="social-kontrol")
        for number in range(count):
            article = ToolboxArticlePage(
                title=f"Artikel {number:03}", summary="<p>Kort.</p>", topics=[topic]
            )
            toolbox.add_child(instance=article)

    add_articles(10 - toolbox.get_children().count())
    client.get("/")  # the first request fills Wagtail's site cache
    article_url = "/vaerktoejskasse/skab-tillid/"
    at_10 = {url: _queries(client, url) for url in ("/", article_url, "/vaerktoejskasse/")}
    add_articles(190)
    assert toolbox.get_children().count() == 200
    at_200 = {url: _queries(client, url) for url in ("/", article_url, "/vaerktoejskasse/")}
    assert at_200 == at_10
    # The three contact cards come from the directory in one batch (5 queries, not 5 each).
    assert at_10["/"] <= 20
    assert at_10[article_url] <= 12
    assert at_10["/vaerktoejskasse/"] <= 14
