"""Retention rules of the CMS (Wagtail) records that name editors (``tillid.core.retention``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tillid.core.retention import Concerns, Ending, Rule, exempt, register

register(
    Rule(
        key="knowledge.editorial",
        models=(
            "wagtailcore.Page",
            "wagtailcore.Revision",
            "wagtailcore.PageLogEntry",
            "wagtailcore.ModelLogEntry",
            "wagtailcore.WorkflowState",
            "wagtailcore.TaskState",
            "wagtailcore.Comment",
            "wagtailcore.CommentReply",
            "wagtailcore.PageSubscription",
            "wagtailcore.UploadedFile",
            "wagtailcore.APIToken",
            "wagtailadmin.EditingSession",
            "wagtailadmin.FormState",
            "wagtaildocs.Document",
            "wagtailimages.Image",
        ),
        record=_(
            "Redaktionel historik i CMS'et: hvem der skrev, ændrede, godkendte og kommenterede "
            "sider og dokumenter"
        ),
        why=_("For at redaktørerne kan se, hvem der har gjort hvad, og godkende før udgivelse."),
        period=_("Så længe siden eller dokumentet findes"),
        who_sees=_("Redaktørerne"),
        ending=Ending.ANONYMISED,
        how=_(
            "Følger redaktørens brugerkonto: når den anonymiseres, står der ikke længere et "
            "navn; sider og dokumenter slettes af redaktørerne"
        ),
        concerns=Concerns.STAFF,
    )
)
exempt("wagtailsearch.IndexEntry", "the search index of the public pages' own text")
exempt("wagtailsearch.SQLiteFTSIndexEntry", "the search index of the public pages' own text")
