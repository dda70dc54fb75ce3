"""Municipal-scale data for bench/load.py, inserted in bulk (run inside Django, on PostgreSQL).

    DATABASE_URL=... DJANGO_SETTINGS_MODULE=tillid.settings python bench/load_data.py SCALE

Loads the demo data first (the organisation tree, one user per role, the consultant's TOTP
device, the standing pages), then adds, times ``SCALE``: 10,000 toolbox articles, 2,000 directory
services, 5,000 course sessions with 100,000 registrations, 20,000 consultation cases and
1,000,000 audit entries. Rows go in with ``bulk_create`` (the pages table by table, as Django
saves a multi-table page, with treebeard paths computed here) and audit entries with COPY; the
search index is written through Wagtail's own backend (``add_bulk``), so it is the index
production has. Prints one JSON line: the paths and session cookies bench/load.py requests.

The article text is generated from real Danish: every sentence of the project's own Danish
strings (the translation catalogue's msgids and the demo content) feeds a word-bigram model,
and compound nouns are formed from its words, as Danish does. That gives a vocabulary of
thousands of words with a natural long tail, so a query matches some articles, not all.
"""

from __future__ import annotations

import ast
import itertools
import json
import random
import re
import sys
import time
import uuid
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "tillid"
_WORD = re.compile(r"[a-zæøåéü]+(?:-[a-zæøå]+)?", re.IGNORECASE)
# Demo content quotes some English (addresses, names of English documents): left out.
ENGLISH = frozenset(
    {"the", "and", "is", "of", "with", "are", "it", "this", "that", "be", "by", "in", "from"}
    | {"only", "never", "you"}
)
QUERIES = [
    "tillid",
    "kurserne",
    "tvangsægteskab",
    "underretning af et barn",
    "digital kontrol telefon",
    "handleplan bolig",
    "samtale med forældre",
    "risikovurdering",
    "genopdragelsesrejser",
    "fællesskab og frihed",
]


def danish_sentences() -> list[list[str]]:
    """Sentences (as word lists) of the project's Danish text: msgids and demo content."""
    texts: list[str] = []
    catalogue = (SOURCE / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text()
    for block in re.findall(r'^msgid ((?:".*"\n)+)', catalogue, re.MULTILINE):
        texts.append("".join(re.findall(r'"(.*)"', block)))
    for path in SOURCE.glob("*/demo*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.append(node.value)
    sentences = []
    for text in texts:
        text = re.sub(r"<[^>]+>|%\(\w+\)s|\{\w+\}|https?://\S+", " ", text)
        for sentence in re.split(r"[.!?:;\n]+", text):
            words = [word.lower() for word in _WORD.findall(sentence)]
            if len(words) >= 3 and not ENGLISH.intersection(words):
                sentences.append(words)
    return sentences


class DanishText:
    """Word-bigram Danish from the project's own sentences, with compound nouns."""

    def __init__(self, generator: random.Random) -> None:
        self.random = generator
        self.following: dict[str, list[str]] = defaultdict(list)
        self.starts: list[str] = []
        for words in danish_sentences():
            self.starts.append(words[0])
            for first, second in itertools.pairwise(words):
                self.following[first].append(second)
        self.words = sorted(self.following)
        self.long_words = [word for word in self.words if len(word) >= 5 and "-" not in word]

    def compound(self) -> str:
        first, second = self.random.sample(self.long_words, 2)
        return first + ("s" if self.random.random() < 0.3 else "") + second

    def sentence(self) -> str:
        word = self.random.choice(self.starts)
        words = [word]
        for _ in range(self.random.randint(6, 22)):
            options = self.following.get(word)
            if not options or self.random.random() < 0.08:
                word = self.random.choice(self.words)
            else:
                word = self.random.choice(options)
            words.append(self.compound() if self.random.random() < 0.04 else word)
        return " ".join(words).capitalize() + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def title(self) -> str:
        words = self.sentence().rstrip(".").split()[: self.random.randint(3, 7)]
        return " ".join(words).capitalize()


def insert_pages(parent, pages: list) -> None:
    """Insert specific pages under ``parent`` table by table, as ``Page.save`` would."""
    from django.contrib.contenttypes.models import ContentType

    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    start = parent.numchild
    now = django.utils.timezone.now()
    for offset, page in enumerate(pages, start=1):
        page.depth = parent.depth + 1
        page.path = model._get_path(parent.path, page.depth, start + offset)
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.live = True
        page.draft_title = page.title
        page.first_published_at = page.last_published_at = now
        page.translation_key = uuid.uuid4()
    chain = [*reversed(model._meta.get_parent_list()), model]
    root = chain[0]
    fields = [field for field in root._meta.local_concrete_fields if not field.primary_key]
    rows = root._base_manager._insert(
        pages, fields=fields, returning_fields=[root._meta.pk], using="default"
    )
    for page, (pk,) in zip(pages, rows, strict=True):
        page.pk = page.id = pk
        for level in chain[1:]:
            setattr(page, level._meta.pk.attname, pk)
    for level in chain[1:]:
        level._base_manager._insert(
            pages, fields=list(level._meta.local_concrete_fields), using="default"
        )
    parent.numchild = start + len(pages)
    type(parent)._base_manager.filter(pk=parent.pk).update(numchild=parent.numchild)


def index_articles(articles: list) -> None:
    """Write the search index entries of ``articles`` in SQL, as Wagtail's PostgreSQL backend
    would (same texts, weights, configurations and order; ``check_index`` compares a sample
    with what the backend itself writes). Wagtail's indexer takes about 15 ms of Python per
    article (rich text to plain text, field by field), too slow for 10,000 articles here."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from tillid.knowledge.models import ToolboxArticlePage

    config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG") or "simple"
    content_type = ContentType.objects.get_for_model(ToolboxArticlePage).pk
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_texts (object_id text, title text, summary text,"
            " body text, topic_1 text, topic_2 text)"
        )
        # The topics in the order the indexer reads them (its prefetch).
        tagged = ToolboxArticlePage.objects.filter(pk__in=[article.pk for article in articles])
        topics = {
            page.pk: list(page.topics.all())
            for page in tagged.only("pk").prefetch_related("topics")
        }
        with cursor.cursor.copy("COPY bench_texts FROM STDIN") as copy:
            for article in articles:
                names = [topic.name for topic in topics.get(article.pk, [])] + ["", ""]
                body = ", ".join(block["value"][3:-4] for block in article.body.raw_data)
                copy.write_row(
                    (str(article.pk), article.title, article.summary[3:-4], body, *names[:2])
                )
        vectors = " || ".join(
            f"CASE WHEN {column} <> '' THEN setweight(to_tsvector(%(config)s, {column}), "
            f"{weight!r}) ELSE ''::tsvector END"
            for column, weight in (
                ("summary", "C"),
                ("body", "D"),
                ("topic_1", "D"),
                ("topic_2", "D"),
            )
        )
        # The columns are written above; the values are parameters.
        cursor.execute(
            "INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, title,"  # noqa: S608
            " autocomplete, body, title_norm, title_text, body_text)"
            " SELECT %(content_type)s, object_id, setweight(to_tsvector(%(config)s, title), 'B'),"
            " setweight(to_tsvector('simple', title), 'D'), " + vectors + ", 1.0, title,"
            " concat_ws(' ', nullif(summary, ''), nullif(body, ''), nullif(topic_1, ''),"
            " nullif(topic_2, '')) FROM bench_texts",
            {"config": config, "content_type": content_type},
        )
        cursor.execute("DROP TABLE bench_texts")
    get_search_backend().get_index_for_model(Page)._refresh_title_norms(full=True)


def check_index(sample: list) -> None:
    """The entries written in SQL equal what Wagtail's backend writes for the same pages."""
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    from tillid.knowledge.models import ToolboxArticlePage

    query = (
        "SELECT object_id, title::text, autocomplete::text, body::text, title_text, body_text"
        " FROM wagtailsearch_indexentry WHERE object_id = ANY(%s) ORDER BY object_id"
    )
    ids = [str(article.pk) for article in sample]
    with connection.cursor() as cursor:
        cursor.execute(query, [ids])
        ours = cursor.fetchall()
        pages = ToolboxArticlePage.objects.filter(pk__in=[article.pk for article in sample])
        get_search_backend().add_bulk(ToolboxArticlePage, list(pages.prefetch_related("topics")))
        cursor.execute(query, [ids])
        wagtails = cursor.fetchall()
    if ours != wagtails or len(ours) != len(sample):
        raise SystemExit(f"the bulk search index differs from Wagtail's:\n{ours}\n{wagtails}")


def generate(scale: float) -> dict[str, object]:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tillid.accounts.models import User
    from tillid.accounts.roles import Role
    from tillid.consultations.models import Consultation, Team
    from tillid.core.audit import content_hash
    from tillid.courses.models import Course, CourseSession, Registration
    from tillid.directory.models import Organization, Phone, Service, TaxonomyTerm
    from tillid.knowledge.models import ToolboxArticlePage, ToolboxIndexPage
    from tillid.taxonomy.models import Topic

    count = lambda number: max(1, round(number * scale))  # noqa: E731
    timings: dict[str, float] = {}
    generator = random.Random(2026)
    text = DanishText(generator)

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    timings["migrate_and_demo_s"] = time.perf_counter() - began

    began = time.perf_counter()
    toolbox = ToolboxIndexPage.objects.get()
    topics = list(Topic.objects.all())
    articles = []
    topic_names: dict[int, list] = {}
    for number in range(count(10_000)):
        title = f"{text.title()} {number}"
        body = [
            {"type": "text", "value": f"<p>{text.paragraph(generator.randint(3, 7))}</p>"}
            for _ in range(generator.randint(2, 4))
        ]
        for block in body:
            block["id"] = str(uuid.uuid4())
        articles.append(
            ToolboxArticlePage(
                title=title,
                slug=f"artikel-{number}",
                summary=f"<p>{text.paragraph(2)}</p>",
                body=body,
                is_demo=True,
            )
        )
    with transaction.atomic():
        for batch in range(0, len(articles), 1000):
            insert_pages(toolbox, articles[batch : batch + 1000])
        through = ToolboxArticlePage.topics.through
        through.objects.bulk_create(
            through(toolboxarticlepage_id=article.pk, topic_id=topic.pk)
            for article in articles
            for topic in topic_names.setdefault(
                article.pk, generator.sample(topics, min(2, len(topics)))
            )
        )
    timings["articles_s"] = time.perf_counter() - began
    began = time.perf_counter()
    index_articles(articles)
    check_index(articles[:: max(1, len(articles) // 5)][:5])
    timings["search_index_s"] = time.perf_counter() - began

    began = time.perf_counter()
    organization = Organization.objects.create(
        name="Bench-kommunen", slug="bench-kommunen", description=text.paragraph(2)
    )
    service_types = list(TaxonomyTerm.objects.all()[:20])
    services = Service.objects.bulk_create(
        Service(
            organization=organization,
            name=f"{text.title()} {number}",
            slug=f"tilbud-{number}",
            status="active",
            summary=text.sentence()[:200],
            description=text.paragraph(3),
            for_professionals=number % 2 == 0,
            for_citizens=number % 3 != 0,
        )
        for number in range(count(2_000))
    )
    Phone.objects.bulk_create(
        Phone(service=service, number=f"{30000000 + index:08d}", label="Rådgivning", sort_order=0)
        for index, service in enumerate(services)
    )
    if service_types:
        through = Service.service_types.through
        through.objects.bulk_create(
            through(service_id=service.pk, taxonomyterm_id=generator.choice(service_types).pk)
            for service in services
        )
    timings["services_s"] = time.perf_counter() - began

    began = time.perf_counter()
    now = timezone.now()
    professionals = User.objects.bulk_create(
        User(email=f"bench{number}@kk.dk", name=f"Fagperson {number}", password="!")  # noqa: S106
        for number in range(2_000)
    )
    django.contrib.auth.models.Group.objects.get(name=Role.PROFESSIONAL).user_set.add(
        *professionals
    )
    courses = Course.objects.bulk_create(
        Course(
            title=f"{text.title()} {number}",
            slug=f"bench-kursus-{number}",
            summary=text.sentence()[:200],
            description=text.paragraph(3),
            audience="Fagpersoner",
            organiser="Etnisk Konsulentteam",
        )
        for number in range(count(500))
    )
    sessions = []
    for number in range(count(5_000)):
        starts = now + timedelta(days=generator.randint(-200, 200), hours=generator.randint(0, 8))
        sessions.append(
            CourseSession(
                course=courses[number % len(courses)],
                starts_at=starts,
                ends_at=starts + timedelta(hours=6),
                registration_deadline=starts - timedelta(days=2),
                capacity=25,
                seats_taken=20,
                arrivals=20,
                place="København V",
            )
        )
    sessions = CourseSession.objects.bulk_create(sessions)
    registrations = (
        Registration(
            session=session,
            user=professionals[(index * 20 + seat) % len(professionals)],
            name="Fagperson",
            email=f"bench{(index * 20 + seat) % len(professionals)}@kk.dk",
            status="confirmed",
            arrival_number=seat + 1,
            confirmed_at=now,
        )
        for index, session in enumerate(sessions)
        for seat in range(20)
    )
    Registration.objects.bulk_create(registrations, batch_size=5000)
    timings["courses_s"] = time.perf_counter() - began

    began = time.perf_counter()
    team = Team.objects.get()
    consultant = User.objects.get(email="konsulent@tillid.example")
    statuses = ["ny", "i_gang", "afsluttet"]
    cases = []
    for number in range(count(20_000)):
        status = statuses[number % 3] if number % 10 else "ny"
        created = now - timedelta(hours=number)
        cases.append(
            Consultation(
                team=team,
                requester=professionals[number % len(professionals)],
                submission_token=uuid.uuid4(),
                help_types=["sparring"],
                urgency="uge",
                concerns=["digital_kontrol"],
                contact_channel="telefon",
                status=status,
                created_at=created,
                first_response_due=created + timedelta(days=2),
                assigned_to=None if status == "ny" else consultant,
                closed_at=created + timedelta(days=5) if status == "afsluttet" else None,
            )
        )
    Consultation.objects.bulk_create(cases, batch_size=2000)
    timings["consultations_s"] = time.perf_counter() - began

    began = time.perf_counter()
    columns = (
        "created_at, actor_id, actor_label, action, target_type, target_id, target_label, "
        "details, previous_hash, entry_hash"
    )
    start = now - timedelta(days=365)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY core_auditentry ({columns}) FROM STDIN") as copy,
    ):
        for index in range(count(1_000_000)):
            created = start + timedelta(seconds=index * 30 * max(scale, 0.01) ** -1 / 1000)
            details = {"index": index}
            fields = (
                created.isoformat(),
                None,
                "",
                "consultations.case.viewed",
                "consultations.consultation",
                str(index % 20_000),
                f"Henvendelse {index}",
                details,
            )
            copy.write(
                "\t".join(
                    [
                        fields[0],
                        "\\N",
                        "",
                        fields[3],
                        fields[4],
                        fields[5],
                        fields[6],
                        json.dumps(details),
                        "",
                        content_hash(*fields),
                    ]
                )
                + "\n"
            )
    timings["audit_s"] = time.perf_counter() - began
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    def cookie(email: str) -> str:
        user = User.objects.get(email=email)
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        device = TOTPDevice.objects.filter(user=user).first()
        if device is not None:
            store[DEVICE_ID_SESSION_KEY] = device.persistent_id
        store.create()
        return store.session_key or ""

    article = articles[len(articles) // 2]
    return {
        "timings": timings,
        "article": "/" + article.url_path.removeprefix(toolbox.get_parent().url_path),
        "service": f"/find-hjaelp/{services[len(services) // 2].slug}/",
        "professional_cookie": cookie("fagperson@tillid.example"),
        "consultant_cookie": cookie("konsulent@tillid.example"),
        "queries": QUERIES,
        "counts": {
            "articles": len(articles),
            "services": len(services),
            "sessions": len(sessions),
            "registrations": len(sessions) * 20,
            "consultations": len(cases),
            "audit_entries": count(1_000_000),
        },
    }


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    django.setup()
    print(json.dumps(generate(float(sys.argv[1]))))
