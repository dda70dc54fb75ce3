"""Find hjælp in the Wagtail admin (editors): organisations, services and service types as
snippets, the "confirm facts" action, the list of unconfirmed services, and CSV import/export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from tillid.accounts.roles import Role, has_role
from tillid.directory import admin_views
from tillid.directory.admin_forms import ServiceAdminForm
from tillid.directory.models import Organization, Service, TaxonomyTerm


class EditorMenuItem(AdminMenuItem):
    """Shown to editors only, like the views behind it."""

    def is_shown(self, request: Any) -> bool:
        return has_role(request.user, Role.EDITOR)


class ServiceIndexView(IndexView):
    @property
    def header_more_buttons(self) -> list[Any]:
        return [
            *super().header_more_buttons,
            Button(
                _("Ikke bekræftet i 6 måneder"),
                url=reverse("directory_admin:unconfirmed"),
                icon_name="warning",
                priority=50,
            ),
            Button(
                _("Eksportér CSV"),
                url=reverse("directory_admin:csv_export"),
                icon_name="download",
                priority=60,
            ),
            Button(
                _("Importér CSV"),
                url=reverse("directory_admin:csv_import"),
                icon_name="upload",
                priority=70,
            ),
        ]


class ServiceEditView(EditView):
    @property
    def header_buttons(self) -> list[Any]:
        return [
            *super().header_buttons,
            HeaderButton(
                _("Bekræft, at oplysningerne er aktuelle"),
                url=reverse("directory_admin:confirm", args=[self.object.pk]),
                icon_name="tick",
            ),
        ]


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "help"
    menu_label = _("Tilbud")
    index_view_class = ServiceIndexView
    edit_view_class = ServiceEditView
    list_display = [
        "name",
        "organization",
        "status",
        Column("assured_date", label=_("Bekræftet")),
        Column("last_modified", label=_("Ændret")),
    ]
    list_filter = ["status", "organization", "for_professionals", "for_citizens"]
    search_fields = ["name", "alternate_name", "summary"]
    ordering = ["name"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("alternate_name"),
                    FieldPanel("slug"),
                    FieldPanel("organization"),
                    FieldPanel("status"),
                    FieldPanel("alert"),
                    FieldPanel("summary"),
                    FieldPanel("summary_en"),
                    FieldPanel("description"),
                    FieldPanel("what_to_expect"),
                    FieldPanel("application_process"),
                    FieldPanel("service_types", widget=forms.CheckboxSelectMultiple),
                    FieldRowPanel([FieldPanel("url"), FieldPanel("email")]),
                ],
                heading=_("Indhold"),
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("for_professionals"), FieldPanel("for_citizens")]),
                    FieldRowPanel([FieldPanel("minimum_age"), FieldPanel("maximum_age")]),
                    FieldPanel("employer_restriction"),
                    FieldPanel("eligibility_description"),
                    FieldRowPanel([FieldPanel("is_free"), FieldPanel("fees_description")]),
                    FieldPanel("interpretation_services"),
                    InlinePanel("languages", heading=_("Sprog"), label=_("Sprog")),
                ],
                heading=_("Målgruppe"),
            ),
            ObjectList(
                [
                    InlinePanel("phones", heading=_("Telefonnumre"), label=_("Telefonnummer")),
                    InlinePanel("contacts", heading=_("Kontaktpersoner"), label=_("Kontaktperson")),
                    InlinePanel(
                        "service_at_locations", heading=_("Lokationer"), label=_("Lokation")
                    ),
                ],
                heading=_("Kontakt"),
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("hours_mode"),
                            FieldPanel("holiday_policy"),
                            FieldPanel("hours_note"),
                        ],
                        heading=_("Åbningstider"),
                    ),
                    InlinePanel(
                        "schedules", heading=_("Ugentlige tider"), label=_("Ugentlig åbningstid")
                    ),
                    InlinePanel(
                        "schedule_exceptions",
                        heading=_("Undtagelser på bestemte datoer"),
                        label=_("Undtagelse"),
                    ),
                ],
                heading=_("Åbningstider"),
            ),
        ],
        base_form_class=ServiceAdminForm,
    )


class OrganizationViewSet(SnippetViewSet):
    model = Organization
    icon = "site"
    menu_label = _("Organisationer")
    list_display = ["name", "slug", Column("last_modified", label=_("Ændret"))]
    search_fields = ["name", "alternate_name"]
    ordering = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("alternate_name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("website"), FieldPanel("email")]),
        FieldPanel("parent"),
        InlinePanel("locations", heading=_("Lokationer"), label=_("Lokation")),
    ]


class TaxonomyTermViewSet(SnippetViewSet):
    model = TaxonomyTerm
    icon = "tag"
    menu_label = _("Ydelsestyper")
    list_display = ["name", "code", "name_en"]
    ordering = ["sort_order", "name"]
    panels = [
        FieldPanel("taxonomy"),
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("code"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (ServiceViewSet, OrganizationViewSet, TaxonomyTermViewSet)
    menu_icon = "help"
    menu_label = _("Find hjælp")
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)


@hooks.register("register_snippet_listing_buttons")
def confirm_facts_button(snippet: Any, user: Any, next_url: str | None = None) -> Any:
    if isinstance(snippet, Service) and user.has_perm("directory.change_service"):
        yield MenuItem(
            _("Bekræft oplysninger"),
            reverse("directory_admin:confirm", args=[snippet.pk]),
            icon_name="tick",
            priority=15,
        )


@hooks.register("register_admin_menu_item")
def citizen_languages_menu_item() -> AdminMenuItem:
    return EditorMenuItem(
        _("Borgersidens oversættelser"),
        reverse("directory_admin:citizen_languages"),
        icon_name="globe",
        order=900,
    )


@hooks.register("register_admin_urls")
def register_directory_admin_urls() -> list[Any]:
    return [path("find-hjaelp/", admin_views.include_urls())]
