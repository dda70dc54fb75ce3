"""The languages of the citizens' page ``/hjaelp/``.

Danish and English are complete and approved (the site's own languages, English under /en/).
Further languages are offered on this page only, through ``?sprog=<code>``: their texts live in
the message catalogue of that language, right-to-left languages get ``dir="rtl"``, and until a
translator has approved a catalogue the page says it is a draft ("udkast - ikke godkendt af
translatør"). Approving a language is a reviewed change of ``approved`` here, so that it passes
review like any other text the municipality publishes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation


@dataclass(frozen=True)
class CitizenLanguage:
    code: str
    name: str  # in the language itself, as people look for it
    approved: bool
    # The language the directory's own texts (service summaries) are shown in, when it differs.
    content_language: str = ""

    @property
    def is_draft(self) -> bool:
        return not self.approved

    @property
    def direction(self) -> str:
        return "rtl" if self.code.split("-")[0] in settings.LANGUAGES_BIDI else "ltr"


CITIZEN_LANGUAGES = (
    CitizenLanguage("da", "Dansk", approved=True),
    CitizenLanguage("en", "English", approved=True),
    CitizenLanguage("ar", "العربية", approved=False, content_language="da"),
    CitizenLanguage("ur", "اردو", approved=False, content_language="da"),
)
SITE_LANGUAGES = {code for code, _name in settings.LANGUAGES}
PAGE_LANGUAGES = {language.code: language for language in CITIZEN_LANGUAGES}


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    direction: str
    current: bool


def page_language(requested: str) -> CitizenLanguage | None:
    """A page-only language asked for with ``?sprog=``; None for the site's own languages."""
    language = PAGE_LANGUAGES.get(requested)
    if language is None or language.code in SITE_LANGUAGES:
        return None
    return language


def citizen_language_links(current: str) -> list[LanguageLink]:
    links = []
    for language in CITIZEN_LANGUAGES:
        if language.code in SITE_LANGUAGES:
            with translation.override(language.code):
                url = reverse("directory:citizen_help")
        else:
            with translation.override(settings.LANGUAGE_CODE):
                url = reverse("directory:citizen_help") + f"?sprog={language.code}"
        links.append(
            LanguageLink(
                code=language.code,
                name=language.name,
                url=url,
                direction=language.direction,
                current=language.code == current,
            )
        )
    return links
