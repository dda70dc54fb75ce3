"""Writes of the knowledge portal: the standing page tree and the editors' permissions.

Both are idempotent and run after every ``migrate`` (and after a test's database flush), through
the post_migrate handler in ``apps``. ``site_ensure`` creates pages only on a new installation:
once a home page exists, the tree belongs to the editors and is never touched again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    ReferenceIndex,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.signal_handlers import disable_reference_index_auto_update

from tillid.accounts.roles import Role
from tillid.knowledge import content
from tillid.knowledge.models import (
    ContentPage,
    HomePage,
    InspirationIndexPage,
    LegislationPage,
    ResearchIndexPage,
    ToolboxArticlePage,
    ToolboxIndexPage,
)
from tillid.taxonomy import services as taxonomy_services

# Approvers are editors who may also publish: the second step of the moderation workflow.
APPROVER_GROUP = "Godkendere"
WORKFLOW_NAME = "Redaktør → godkender"
APPROVAL_TASK_NAME = "Godkendelse"
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
APPROVER_PAGE_PERMISSIONS = [*EDITOR_PAGE_PERMISSIONS, "publish_page", "bulk_delete_page"]
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]
EDITOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("taxonomy", "add_topic"),
    ("taxonomy", "change_topic"),
    ("taxonomy", "delete_topic"),
    ("taxonomy", "view_topic"),
    ("taxonomy", "add_audience"),
    ("taxonomy", "change_audience"),
    ("taxonomy", "view_audience"),
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
]
# Wagtail's own starter groups and workflow; Tillid uses the editor role and Godkendere instead.
WAGTAIL_STARTER_GROUPS = ["Editors", "Moderators"]
WAGTAIL_STARTER_WORKFLOW = "Moderators approval"


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _add_child(parent: Page, page: Page) -> Page:
    """Add ``page`` under ``parent`` and publish it (with a first revision, as editors do)."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _tree_roots() -> tuple[Page, Collection]:
    """Wagtail's root page, locale and root collection (a flushed database has lost them)."""
    Locale.objects.get_or_create(language_code="da")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root")
    collection = Collection.get_first_root_node()
    if collection is None:
        collection = Collection.add_root(name="Root")
    return root, collection


@contextmanager
def _indexing_in_place() -> Iterator[None]:
    """Save pages without queueing index tasks for the worker; the caller indexes them itself.

    ``migrate`` (and a test's database flush) should leave no work in the task queue.
    """
    models = [model for model in index.get_indexed_models() if issubclass(model, Page)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


@transaction.atomic
def site_ensure() -> HomePage:
    """The standing page tree of a new installation; returns the home page.

    Creates the home page ("For fagpersoner", the seed's text), the section pages, "Skab
    tillid", "Om Tillid" and the two statements, and makes the home page the site's root.
    Does nothing but return the home page when one exists.
    """
    existing = HomePage.objects.first()
    if existing is not None:
        return existing
    with _indexing_in_place():
        home = _create_site()
    for page in home.get_descendants(inclusive=True).specific():
        index.insert_or_update_object(page)
        ReferenceIndex.create_or_update_for_object(page)
    return home


def _create_site() -> HomePage:
    root, _collection = _tree_roots()
    taxonomy_services.taxonomy_ensure()
    # Wagtail's installation leaves a "Welcome to your new Wagtail site!" page: replace it.
    for welcome in Page.objects.filter(depth=2, content_type__model="page"):
        welcome.delete()
    root.refresh_from_db()
    home = _add_child(
        root,
        HomePage(
            title=content.HOME_TITLE,
            slug="forside",
            lead=content.HOME_LEAD,
            intro=content.HOME_INTRO,
            search_description=content.HOME_DESCRIPTION,
        ),
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"root_page": home, "hostname": "localhost", "port": 80, "site_name": "Tillid"},
    )
    toolbox = _add_child(
        home,
        ToolboxIndexPage(
            title=content.TOOLBOX_TEASER_HEADING,
            slug="vaerktoejskasse",
            intro=content.TOOLBOX_INTRO,
        ),
    )
    _add_child(
        toolbox,
        ToolboxArticlePage(
            title=content.CREATE_TRUST_TITLE,
            slug="skab-tillid",
            summary=content.CREATE_TRUST_SUMMARY,
        ),
    )
    legislation = _add_child(
        home,
        LegislationPage(
            title=content.LEGISLATION_HEADING,
            slug="lovgivning",
            intro=content.LEGISLATION_INTRO,
            body=content.legislation_body(),
        ),
    )
    research = _add_child(
        home,
        ResearchIndexPage(
            title="Forskning og viden", slug="forskning", intro=content.RESEARCH_INTRO
        ),
    )
    _add_child(
        home,
        InspirationIndexPage(
            title="Inspiration til undervisning og dialog",
            slug="inspiration",
            intro=content.INSPIRATION_INTRO,
        ),
    )
    about = _add_child(
        home,
        ContentPage(
            title=content.ABOUT_TITLE,
            slug="om-tillid",
            intro=content.ABOUT_INTRO,
            body=content.about_body(),
        ),
    )
    _add_child(
        home,
        ContentPage(
            title=content.PRIVACY_TITLE,
            slug="privatliv",
            intro=content.privacy_intro(),
            body=content.privacy_body(),
            show_in_menus=False,
        ),
    )
    _add_child(
        home,
        ContentPage(
            title=content.ACCESSIBILITY_TITLE,
            slug="tilgaengelighed",
            intro=content.accessibility_intro(),
            body=content.accessibility_body(),
            show_in_menus=False,
        ),
    )
    home.body = home_body(
        toolbox=toolbox, legislation=legislation, research=research, about=about, services={}
    )
    home.save_revision().publish()
    return home


def home_body(
    *, toolbox: Page, legislation: Page, research: Page, about: Page, services: dict[str, int]
) -> list[dict[str, Any]]:
    """The home page's blocks in the seed's order; ``services`` maps slugs to directory ids."""
    blocks: list[dict[str, Any]] = [
        {
            "type": "toolbox_teaser",
            "value": {
                "heading": content.TOOLBOX_TEASER_HEADING,
                "index": toolbox.pk,
                "link_text": content.TOOLBOX_TEASER_LINK,
                "count": 4,
            },
        }
    ]
    for heading, html, service_slug in content.ADVICE_OFFERS:
        blocks.append(
            {
                "type": "advice_offer",
                "value": {"heading": heading, "text": html, "service": services.get(service_slug)},
            }
        )
    blocks += [
        {
            "type": "section",
            "value": {
                "heading": content.LEGISLATION_HEADING,
                "text": content.LEGISLATION_TEXT,
                "link_page": legislation.pk,
                "link_text": content.LEGISLATION_LINK,
            },
        },
        {
            "type": "courses_teaser",
            "value": {
                "heading": content.COURSES_TEASER_HEADING,
                "text": content.COURSES_TEASER_TEXT,
                "count": 3,
            },
        },
        {
            "type": "research_teaser",
            "value": {
                "heading": content.RESEARCH_TEASER_HEADING,
                "text": "",
                "index": research.pk,
                "count": 3,
            },
        },
        {
            "type": "section",
            "value": {
                "heading": content.COPENHAGEN_HEADING,
                "text": content.COPENHAGEN_TEXT,
                "link_page": about.pk,
                "link_text": content.COPENHAGEN_LINK,
            },
        },
    ]
    return blocks


@transaction.atomic
def cms_permissions_ensure() -> None:
    """The editor role reaches /cms/ and edits; "Godkendere" also publish, via the workflow.

    Page permissions sit on the home page, so they cover every page of the portal.
    """
    home = HomePage.objects.first()
    _root, collection = _tree_roots()
    editors, _created = Group.objects.get_or_create(name=Role.EDITOR)
    approvers, _created = Group.objects.get_or_create(name=APPROVER_GROUP)
    editors.permissions.add(
        *(_permission(app_label, codename) for app_label, codename in EDITOR_MODEL_PERMISSIONS)
    )
    for group in (editors, approvers):
        for app_label, codename in EDITOR_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(app_label, codename)
            )
    if home is None:
        return
    for group, codenames in (
        (editors, EDITOR_PAGE_PERMISSIONS),
        (approvers, APPROVER_PAGE_PERMISSIONS),
    ):
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=home, permission=_permission("wagtailcore", codename)
            )
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
    task.groups.add(approvers)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
    # Wagtail's starter groups would give admin access outside the role model: remove them
    # while nobody is in them, and switch off the starter workflow.
    Group.objects.filter(name__in=WAGTAIL_STARTER_GROUPS, user__isnull=True).delete()
    Workflow.objects.filter(name=WAGTAIL_STARTER_WORKFLOW).update(active=False)
