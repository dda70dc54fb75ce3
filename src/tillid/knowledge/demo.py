"""Demo content of the knowledge portal (``manage.py load_demo``): idempotent, marked as demo.

Adds eight toolbox articles, four fictional research items and two inspiration pages with
documents, and connects the home page's advice offers and urgent boxes to the directory's demo
services (their phone numbers live there). Pages that already exist (by address) are left as
they are, so a second run changes nothing and editors' changes survive.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, Page

from tillid.accounts.demo import DEMO_PASSWORD
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.directory import selectors as directory_selectors
from tillid.knowledge import content, demo_content, services
from tillid.knowledge.models import (
    InspirationIndexPage,
    InspirationPage,
    LegislationPage,
    ResearchIndexPage,
    ResearchItemPage,
    ToolboxArticlePage,
    ToolboxIndexPage,
)
from tillid.taxonomy import selectors as taxonomy_selectors


def _directory_ids() -> dict[str, int]:
    """Directory service ids by slug (empty while the directory has no demo services)."""
    return directory_selectors.service_ids_by_slug()


def _resolve(value: Any, *, services: dict[str, int], documents: dict[str, int]) -> Any:
    """Replace the demo's service slugs and document keys in block JSON with database ids."""
    if isinstance(value, list):
        return [_resolve(item, services=services, documents=documents) for item in value]
    if not isinstance(value, dict):
        return value
    resolved = {}
    for key, item in value.items():
        if key == "service" and isinstance(item, str):
            resolved[key] = services.get(item)
        elif key == "document" and isinstance(item, str):
            resolved[key] = documents.get(item)
        else:
            resolved[key] = _resolve(item, services=services, documents=documents)
    return resolved


def _without_missing_references(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Contact cards and document links whose target is missing are left out."""
    return [
        block
        for block in blocks
        if not (
            (block["type"] == "contact_card" and block["value"]["service"] is None)
            or (block["type"] == "document" and block["value"]["document"] is None)
        )
    ]


def _body(
    blocks: list[dict[str, Any]], *, services: dict[str, int], documents: dict[str, int]
) -> list[dict[str, Any]]:
    return _without_missing_references(_resolve(blocks, services=services, documents=documents))


def _tag(page: Any, spec: dict[str, Any]) -> None:
    page.audiences = list(taxonomy_selectors.audience_list_by_slugs(spec.get("audiences", [])))
    page.topics = list(taxonomy_selectors.topic_list_by_slugs(spec.get("topics", [])))


def _add(parent: Page, page: Page) -> bool:
    if parent.get_children().filter(slug=page.slug).exists():
        return False
    parent.add_child(instance=page)
    page.save_revision().publish()
    return True


def _documents(specs: dict[str, tuple[str, str, list[str]]]) -> dict[str, int]:
    collection = Collection.get_first_root_node()
    ids = {}
    for key, (title, filename, lines) in specs.items():
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title, collection=collection)
            document.file.save(filename, ContentFile("\n".join(lines).encode()), save=False)
            document.save()
        ids[key] = document.pk
    return ids


def _connect_services(page: Page, services_by_slug: dict[str, int]) -> bool:
    """Point the seed's advice offers and urgent boxes at the directory's services."""
    wanted = {heading: slug for heading, _html, slug in content.ADVICE_OFFERS}
    raw = [dict(block) for block in page.body.raw_data]
    changed = False
    for block in raw:
        if block.get("type") not in {"advice_offer", "urgent"}:
            continue
        value = dict(block["value"])
        if block["type"] == "advice_offer":
            slug = wanted.get(value.get("heading", ""))
        else:
            slug = "den-sociale-doegnvagt"
        if slug in services_by_slug and not value.get("service"):
            value["service"] = services_by_slug[slug]
            block["value"] = value
            changed = True
    if changed:
        page.body = raw
        page.save_revision().publish()
    return changed


APPROVER_EMAIL = "godkender@tillid.example"


def _approver() -> None:
    """A second editor who is also an approver, so the workflow can be tried with two logins."""
    user = User.objects.filter(email=APPROVER_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            email=APPROVER_EMAIL,
            password=DEMO_PASSWORD,
            name="Henrik Dahl",
            job_title="Kommunikationschef",
        )
    user.groups.add(*Group.objects.filter(name__in=[Role.EDITOR, services.APPROVER_GROUP]))


def load() -> list[str]:
    home = services.site_ensure()
    services.cms_permissions_ensure()
    _approver()
    directory = _directory_ids()
    created = 0

    toolbox = ToolboxIndexPage.objects.child_of(home).first()
    research = ResearchIndexPage.objects.child_of(home).first()
    inspiration = InspirationIndexPage.objects.child_of(home).first()
    if toolbox is not None:
        for spec in demo_content.TOOLBOX_ARTICLES:
            article = ToolboxArticlePage(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                body=_body(spec["body"], services=directory, documents={}),
                is_demo=True,
            )
            _tag(article, spec)
            created += _add(toolbox, article)
    if research is not None:
        for spec in demo_content.RESEARCH_ITEMS:
            item = ResearchItemPage(
                title=spec["title"],
                slug=spec["slug"],
                authors=spec["authors"],
                year=spec["year"],
                publisher=demo_content.FICTIONAL_PUBLISHER,
                summary=spec["summary"],
                is_demo=True,
            )
            _tag(item, spec)
            created += _add(research, item)
    if inspiration is not None:
        for spec in demo_content.INSPIRATION_PAGES:
            if inspiration.get_children().filter(slug=spec["slug"]).exists():
                continue
            documents = _documents(spec["documents"])
            page = InspirationPage(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                body=_body(spec["body"], services=directory, documents=documents),
                is_demo=True,
            )
            _tag(page, spec)
            created += _add(inspiration, page)

    connected = _connect_services(home, directory)
    for legislation in LegislationPage.objects.child_of(home):
        connected |= _connect_services(legislation, directory)
    lines = ["", f"Viden: {created} nye demosider (værktøjskasse, forskning, inspiration)."]
    if connected:
        lines.append("  Forsidens rådgivningstilbud er koblet til vejviserens tilbud.")
    if not directory:
        lines.append("  Vejviseren har ingen tilbud endnu: kør load_demo igen for kontaktkortene.")
    lines.append(
        f"  CMS (/cms/): redaktoer@tillid.example skriver, {APPROVER_EMAIL} godkender "
        "(adgangskode som ovenfor)."
    )
    return lines
