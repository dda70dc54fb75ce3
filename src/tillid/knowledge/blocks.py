"""StreamField blocks of the knowledge pages. Each renders DKFDS markup from its own template.

Blocks that show live data (teasers, contact cards) ask the selectors in ``get_context`` so that
templates only present. A contact card refers to a directory service: the phone number and the
opening hours live in one place, the directory.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from tillid.knowledge import selectors
from tillid.knowledge.choosers import ServiceChooserBlock

# Headings in body text start at h2 (the page title is the only h1).
RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
INLINE_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Type"),
        choices=[("info", _("Information")), ("warning", _("Advarsel"))],
        default="info",
    )
    heading = blocks.CharBlock(label=_("Overskrift"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Tekst"), features=INLINE_TEXT_FEATURES)

    class Meta:
        label = _("Faktaboks")
        icon = "warning"
        template = "knowledge/blocks/callout.html"


class AccordionItemBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Overskrift"), max_length=200)
    body = blocks.RichTextBlock(label=_("Indhold"), features=INLINE_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Overskrift over listen"), required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(label=_("Punkt")), label=_("Punkter"), min_num=1)

    class Meta:
        label = _("Harmonika (fold-ud-liste)")
        icon = "list-ul"
        template = "knowledge/blocks/accordion.html"


class ContactCardBlock(blocks.StructBlock):
    """A service from the directory; left out of the page if the service is gone or hidden."""

    service = ServiceChooserBlock(label=_("Tilbud fra vejviseren"))

    class Meta:
        label = _("Kontaktkort")
        icon = "user"
        template = "knowledge/blocks/contact_card.html"

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> Any:
        context = super().get_context(value, parent_context=parent_context)
        context["card"] = selectors.contact_card(value.get("service"), parent_context)
        return context


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(
        label=_("Linktekst"),
        required=False,
        max_length=200,
        help_text=_("Tomt: dokumentets titel."),
    )
    description = blocks.TextBlock(label=_("Kort beskrivelse"), required=False)

    class Meta:
        label = _("Dokument til download")
        icon = "doc-full"
        template = "knowledge/blocks/document_link.html"


class UrgentBlock(blocks.StructBlock):
    """What to do now when a child or adult is in danger: 112 and the emergency service."""

    heading = blocks.CharBlock(label=_("Overskrift"), default=_("Når det haster"), max_length=120)
    text = blocks.RichTextBlock(label=_("Tekst"), features=INLINE_TEXT_FEATURES)
    service = ServiceChooserBlock(
        label=_("Akuttilbud fra vejviseren"),
        required=False,
        help_text=_("F.eks. Den Sociale Døgnvagt. Telefonnummeret hentes fra vejviseren."),
    )

    class Meta:
        label = _("Når det haster")
        icon = "warning"
        template = "knowledge/blocks/urgent.html"

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> Any:
        context = super().get_context(value, parent_context=parent_context)
        context["card"] = selectors.contact_card(value.get("service"), parent_context)
        context["acute_numbers"] = selectors.acute_numbers()
        return context


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Citat"))
    attribution = blocks.CharBlock(label=_("Hvem siger det"), required=False, max_length=200)

    class Meta:
        label = _("Citat")
        icon = "openquote"
        template = "knowledge/blocks/quote.html"


class FeatureLinkBlock(blocks.StructBlock):
    """A link to a part of Tillid where the duty is acted on; shown once that part exists."""

    feature = blocks.ChoiceBlock(label=_("Funktion"), choices=selectors.FEATURE_CHOICES)
    text = blocks.CharBlock(label=_("Knaptekst"), max_length=120)
    description = blocks.TextBlock(label=_("Forklaring"), required=False)

    class Meta:
        label = _("Link til en funktion i Tillid")
        icon = "link"
        template = "knowledge/blocks/feature_link.html"

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> Any:
        context = super().get_context(value, parent_context=parent_context)
        context["url"] = selectors.feature_url(value["feature"])
        return context


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Overskrift"), max_length=200)
    text = blocks.RichTextBlock(label=_("Tekst"), features=INLINE_TEXT_FEATURES)
    link_page = blocks.PageChooserBlock(label=_("Læs mere-side"), required=False)
    link_text = blocks.CharBlock(label=_("Læs mere-tekst"), required=False, max_length=200)

    class Meta:
        label = _("Afsnit med link")
        icon = "pilcrow"
        template = "knowledge/blocks/section.html"


class AdviceOfferBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Overskrift"), max_length=200)
    text = blocks.RichTextBlock(label=_("Tekst"), features=INLINE_TEXT_FEATURES)
    service = ServiceChooserBlock(
        label=_("Tilbud fra vejviseren"),
        required=False,
        help_text=_("Telefon og åbningstid vises fra vejviseren, så de kun skal rettes ét sted."),
    )

    class Meta:
        label = _("Rådgivningstilbud")
        icon = "help"
        template = "knowledge/blocks/advice_offer.html"

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> Any:
        context = super().get_context(value, parent_context=parent_context)
        context["card"] = selectors.contact_card(value.get("service"), parent_context)
        return context


class ToolboxTeaserBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Overskrift"), max_length=200)
    index = blocks.PageChooserBlock(
        label=_("Værktøjskassen"), page_type="knowledge.ToolboxIndexPage"
    )
    link_text = blocks.CharBlock(label=_("Linktekst"), default=_("Vis alle"), max_length=60)
    count = blocks.IntegerBlock(label=_("Antal artikler"), default=4, min_value=1, max_value=12)

    class Meta:
        label = _("Værktøjskasse (udvalg)")
        icon = "folder-open-inverse"
        template = "knowledge/blocks/toolbox_teaser.html"

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> Any:
        context = super().get_context(value, parent_context=parent_context)
        index = value.get("index")
        context["articles"] = (
            selectors.toolbox_article_teasers(index=index, limit=value["count"]) if index else []
        )
        return context


class ResearchTeaserBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Overskrift"), max_length=200)
    text = blocks.RichTextBlock(label=_("Tekst"), features=INLINE_TEXT_FEATURES, required=False)
    index = blocks.PageChooserBlock(label=_("Forskning"), page_type="knowledge.ResearchIndexPage")
    count = blocks.IntegerBlock(label=_("Antal"), default=3, min_value=1, max_value=12)

    class Meta:
        label = _("Nyeste forskning")
        icon = "doc-full-inverse"
        template = "knowledge/blocks/research_teaser.html"

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> Any:
        context = super().get_context(value, parent_context=parent_context)
        index = value.get("index")
        context["items"] = (
            selectors.research_item_teasers(index=index, limit=value["count"]) if index else []
        )
        return context


class CoursesTeaserBlock(blocks.StructBlock):
    """The next course sessions, once the course calendar exists; until then nothing shows."""

    heading = blocks.CharBlock(label=_("Overskrift"), max_length=200)
    text = blocks.RichTextBlock(label=_("Tekst"), features=INLINE_TEXT_FEATURES, required=False)
    count = blocks.IntegerBlock(label=_("Antal"), default=3, min_value=1, max_value=12)

    class Meta:
        label = _("Kommende kurser")
        icon = "date"
        template = "knowledge/blocks/courses_teaser.html"

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> Any:
        context = super().get_context(value, parent_context=parent_context)
        context["courses"] = selectors.upcoming_courses(limit=value["count"])
        context["courses_url"] = selectors.feature_url("courses")
        return context


class ArticleStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("Tekst"), features=RICH_TEXT_FEATURES)
    callout = CalloutBlock()
    accordion = AccordionBlock()
    contact_card = ContactCardBlock()
    document = DocumentLinkBlock()
    urgent = UrgentBlock()
    quote = QuoteBlock()


class LegislationStreamBlock(ArticleStreamBlock):
    feature_link = FeatureLinkBlock()


class HomeStreamBlock(blocks.StreamBlock):
    section = SectionBlock()
    advice_offer = AdviceOfferBlock()
    toolbox_teaser = ToolboxTeaserBlock()
    research_teaser = ResearchTeaserBlock()
    courses_teaser = CoursesTeaserBlock()
    callout = CalloutBlock()
    urgent = UrgentBlock()
