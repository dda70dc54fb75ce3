"""The page types of the knowledge portal. Listings ask ``selectors``; templates only present."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from tillid.knowledge.blocks import ArticleStreamBlock, HomeStreamBlock, LegislationStreamBlock

INTRO_FEATURES = ["bold", "italic", "link"]
SUMMARY_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def _filter_query(filters: dict[str, Any]) -> str:
    """The active filters as a query string for the pagination links ("topic=x")."""
    pairs = {
        name: getattr(value, "slug", value) for name, value in filters.items() if value is not None
    }
    return urlencode(pairs)


class KnowledgePage(Page):
    """What every knowledge page shares: an intro, the demo mark and a meta description."""

    intro = RichTextField(_("indledning"), blank=True, features=INTRO_FEATURES)
    is_demo = models.BooleanField(
        _("demoindhold"),
        default=False,
        help_text=_("Sæt flueben ved eksempler, der ikke er rigtigt indhold. Siden viser det."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = [*Page.promote_panels, FieldPanel("is_demo")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True

    def get_admin_display_title(self) -> str:
        title = str(super().get_admin_display_title())
        return f"{title} [demo]" if self.is_demo else title

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from tillid.knowledge import selectors

        context = super().get_context(request, *args, **kwargs)
        body = getattr(self, "body", None)
        if body is not None:  # the contact cards of all the body's blocks, in one batch
            context[selectors.CONTACT_CARDS] = selectors.contact_cards_for(body)
        return context

    @property
    def meta_description(self) -> str:
        """The editor's search description, else the start of the summary or intro."""
        text = self.search_description or strip_tags(getattr(self, "summary", "") or self.intro)
        return Truncator(" ".join(text.split())).chars(160)


class TaggedKnowledgePage(KnowledgePage):
    """A knowledge page with audiences and topics; list filters and search use them."""

    audiences = ParentalManyToManyField(
        "taxonomy.Audience", verbose_name=_("målgrupper"), blank=True, related_name="+"
    )
    topics = ParentalManyToManyField(
        "taxonomy.Topic", verbose_name=_("emner"), blank=True, related_name="+"
    )

    class Meta:
        abstract = True


def taxonomy_panel(*, audiences: bool = True) -> MultiFieldPanel:
    fields = [FieldPanel("topics", widget=forms.CheckboxSelectMultiple)]
    if audiences:
        fields.insert(0, FieldPanel("audiences", widget=forms.CheckboxSelectMultiple))
    return MultiFieldPanel(fields, heading=_("Målgrupper og emner"))


class HomePage(KnowledgePage):
    """ "For fagpersoner": the front door, its sections as editable blocks."""

    lead = models.CharField(_("underrubrik"), max_length=255, blank=True)
    body = StreamField(HomeStreamBlock(), verbose_name=_("indhold"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*KnowledgePage.search_fields, index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("forside")
        verbose_name_plural = _("forsider")


class ContentPage(KnowledgePage):
    """A plain page: "Om Tillid", the privacy policy, the accessibility statement."""

    body = StreamField(ArticleStreamBlock(), verbose_name=_("indhold"), blank=True)

    content_panels = [*KnowledgePage.content_panels, FieldPanel("body")]
    search_fields = [*KnowledgePage.search_fields, index.SearchField("body")]
    parent_page_types = ["knowledge.HomePage", "knowledge.ContentPage"]

    class Meta:
        verbose_name = _("indholdsside")
        verbose_name_plural = _("indholdssider")


class ToolboxIndexPage(KnowledgePage):
    content_panels = KnowledgePage.content_panels
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["knowledge.ToolboxArticlePage"]

    class Meta:
        verbose_name = _("værktøjskasse")
        verbose_name_plural = _("værktøjskasser")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from tillid.knowledge import selectors
        from tillid.knowledge.forms import ToolboxFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = ToolboxFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        context["filter_form"] = form
        context["filter_query"] = _filter_query(filters)
        context["articles"] = selectors.paginate(
            selectors.toolbox_article_list(
                index=self, audience=filters.get("audience"), topic=filters.get("topic")
            ),
            page_number=request.GET.get("side"),
        )
        return context


class ToolboxArticlePage(TaggedKnowledgePage):
    summary = RichTextField(
        _("det vigtigste"),
        features=SUMMARY_FEATURES,
        help_text=_("Få sætninger øverst på siden og i oversigter: det, man skal huske."),
    )
    body = StreamField(ArticleStreamBlock(), verbose_name=_("indhold"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        taxonomy_panel(),
    ]
    search_fields = [
        *KnowledgePage.search_fields,
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    parent_page_types = ["knowledge.ToolboxIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("værktøjsartikel")
        verbose_name_plural = _("værktøjsartikler")


class LegislationPage(KnowledgePage):
    """The duties (DOMAIN.md): children's notification duty, adults' action plans."""

    body = StreamField(LegislationStreamBlock(), verbose_name=_("indhold"), blank=True)

    content_panels = [*KnowledgePage.content_panels, FieldPanel("body")]
    search_fields = [*KnowledgePage.search_fields, index.SearchField("body")]
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["knowledge.ContentPage"]

    class Meta:
        verbose_name = _("lovgivningsside")
        verbose_name_plural = _("lovgivningssider")


class ResearchIndexPage(KnowledgePage):
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["knowledge.ResearchItemPage"]

    class Meta:
        verbose_name = _("forskningsoversigt")
        verbose_name_plural = _("forskningsoversigter")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from tillid.knowledge import selectors
        from tillid.knowledge.forms import ResearchFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = ResearchFilterForm(request.GET or None, years=selectors.research_years(index=self))
        filters = form.cleaned_data if form.is_valid() else {}
        context["filter_form"] = form
        context["filter_query"] = _filter_query(filters)
        context["items"] = selectors.paginate(
            selectors.research_item_list(
                index=self, topic=filters.get("topic"), year=filters.get("year")
            ),
            page_number=request.GET.get("side"),
        )
        return context


class ResearchItemPage(TaggedKnowledgePage):
    authors = models.CharField(_("forfattere"), max_length=500)
    year = models.PositiveSmallIntegerField(
        _("år"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    publisher = models.CharField(_("udgiver"), max_length=255, blank=True)
    link = models.URLField(_("link til udgivelsen"), blank=True)
    summary = RichTextField(
        _("vores sammenfatning"),
        features=SUMMARY_FEATURES,
        help_text=_(
            "Skrevet med egne ord: hvad undersøgelsen viser, og hvad fagpersoner kan bruge."
        ),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("authors"),
                FieldPanel("year"),
                FieldPanel("publisher"),
                FieldPanel("link"),
            ],
            heading=_("Udgivelsen"),
        ),
        FieldPanel("summary"),
        taxonomy_panel(audiences=False),
    ]
    search_fields = [
        *KnowledgePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("authors"),
        index.SearchField("publisher"),
        index.FilterField("year"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    parent_page_types = ["knowledge.ResearchIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("forskningsudgivelse")
        verbose_name_plural = _("forskningsudgivelser")


class InspirationIndexPage(KnowledgePage):
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["knowledge.InspirationPage"]

    class Meta:
        verbose_name = _("inspirationsoversigt")
        verbose_name_plural = _("inspirationsoversigter")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from tillid.knowledge import selectors

        context = super().get_context(request, *args, **kwargs)
        context["pages"] = selectors.paginate(
            selectors.inspiration_page_list(index=self), page_number=request.GET.get("side")
        )
        return context


class InspirationPage(TaggedKnowledgePage):
    """Material for teaching and dialogue events, with documents to download."""

    summary = RichTextField(_("kort fortalt"), features=SUMMARY_FEATURES)
    body = StreamField(ArticleStreamBlock(), verbose_name=_("indhold"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        taxonomy_panel(),
    ]
    search_fields = [
        *KnowledgePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    parent_page_types = ["knowledge.InspirationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("inspirationsside")
        verbose_name_plural = _("inspirationssider")
