"""Who reaches the Wagtail admin at /cms/, the policy it runs under, and the workflow."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tillid.accounts.roles import Role
from tillid.knowledge import services
from tillid.knowledge.models import HomePage, ToolboxArticlePage

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_tillids_login(client: Client) -> None:
    response = client.get("/cms/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/log-ind/?next=/cms/"
    response = client.get("/cms/login/")  # Wagtail's own login page is not used
    assert response["Location"] == "/konto/log-ind/?next=/cms/"


def test_only_the_editor_role_reaches_the_cms(
    client: Client, login, make_user, any_role: str, home: HomePage
) -> None:
    login(make_user(any_role))
    response = client.get("/cms/")
    if any_role == Role.EDITOR:
        assert response.status_code == 200
        assert client.get(f"/cms/pages/{home.pk}/").status_code == 200
    else:
        assert response.status_code == 403
        assert client.get(f"/cms/pages/{home.pk}/edit/").status_code == 403


def test_a_superuser_without_the_editor_role_is_kept_out(client: Client, make_user) -> None:
    client.force_login(make_user(is_superuser=True, is_staff=True))
    assert client.get("/cms/").status_code == 403


def test_an_editor_who_also_needs_2fa_must_verify_first(client: Client, make_user) -> None:
    client.force_login(make_user(Role.EDITOR, Role.CONSULTANT))
    response = client.get("/cms/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/")
    assert "next=%2Fcms%2Fpages%2F" in response["Location"]


def test_the_cms_alone_runs_under_the_relaxed_policy(client: Client, login, make_user) -> None:
    public = client.get("/")["Content-Security-Policy"]
    assert "unsafe-inline" not in public
    assert "frame-ancestors 'none'" in public
    login(make_user(Role.EDITOR))
    cms = client.get("/cms/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in cms
    assert "frame-ancestors 'self'" in cms
    assert "unsafe-inline" not in client.get("/vaerktoejskasse/")["Content-Security-Policy"]


def test_editors_edit_approvers_publish(make_user, home: HomePage) -> None:
    editor = make_user(Role.EDITOR)
    approver = make_user(Role.EDITOR)
    approver.groups.add(Group.objects.get(name=services.APPROVER_GROUP))
    article = ToolboxArticlePage.objects.get(slug="skab-tillid")
    assert article.permissions_for_user(editor).can_edit()
    assert not article.permissions_for_user(editor).can_publish()
    assert article.permissions_for_user(approver).can_publish()
    workflow = article.get_workflow()
    assert workflow is not None
    assert workflow.name == services.WORKFLOW_NAME


def test_the_workflow_takes_a_draft_from_editor_to_approver(make_user, toolbox) -> None:
    editor = make_user(Role.EDITOR)
    approver = make_user(Role.EDITOR)
    approver.groups.add(Group.objects.get(name=services.APPROVER_GROUP))
    article = ToolboxArticlePage(title="Ny artikel", summary="<p>Kort.</p>", live=False)
    toolbox.add_child(instance=article)
    article.save_revision(user=editor)
    workflow_state = article.get_workflow().start(article, editor)
    task_state = workflow_state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(article, editor) == []  # the editor cannot approve their own draft
    assert "approve" in [action[0] for action in task.get_actions(article, approver)]
    task.on_action(task_state, approver, "approve")
    article.refresh_from_db()
    assert article.live


def test_permissions_survive_a_second_run_and_need_no_starter_groups(home: HomePage) -> None:
    services.cms_permissions_ensure()
    services.cms_permissions_ensure()
    editors = Group.objects.get(name=Role.EDITOR)
    assert editors.permissions.filter(codename="access_admin").exists()
    assert not Group.objects.filter(name__in=services.WAGTAIL_STARTER_GROUPS).exists()
    assert services.site_ensure() == home  # never touches an existing tree


@pytest.mark.usefixtures("demo")
def test_the_editor_is_warned_about_a_dropped_contact_card(
    client: Client, login, make_user
) -> None:
    from tillid.directory.models import Service

    Service.objects.filter(slug="etnisk-konsulentteam").update(status=Service.Status.INACTIVE)
    article = ToolboxArticlePage.objects.get(slug="tegn-paa-social-kontrol")
    login(make_user(Role.EDITOR))
    response = client.get(f"/cms/pages/{article.pk}/edit/")
    assert response.status_code == 200
    assert "ikke længere vises i vejviseren" in response.content.decode()


def test_a_preview_may_be_framed_by_the_cms_but_stays_strict(home: HomePage, rf) -> None:
    """Wagtail renders previews through the middleware with a dummy request for the page."""
    article = ToolboxArticlePage.objects.get(slug="skab-tillid")
    response = article.make_preview_request(original_request=rf.get("/cms/"))
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in csp
    assert "unsafe-inline" not in csp
