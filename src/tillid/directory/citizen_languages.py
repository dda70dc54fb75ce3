"""The languages of the citizens' page ``/hjaelp/``.

Danish and English are complete and approved (the site's own languages, English under /en/).
Further languages are offered on this page only, through ``?sprog=<code>``: their texts live in
the message catalogue of that language, right-to-left languages get ``dir="rtl"``, and until a
translator has approved a catalogue the page says it is a draft ("udkast - ikke godkendt af
translatør"). An editor approves a language in the CMS (``citizen_language_approve``, audited);
the approval is a ``CitizenLanguageApproval`` row.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tillid.directory.models import CitizenLanguageApproval


@dataclass(frozen=True)
class CitizenLanguage:
    code: str
    name: str  # in the language itself, as people look for it
    built_in: bool  # the site's own languages, complete and approved by definition
    # The language the directory's own texts (service summaries) are shown in, when it differs.
    content_language: str = ""

    @property
    def direction(self) -> str:
        return "rtl" if self.code.split("-")[0] in settings.LANGUAGES_BIDI else "ltr"


CITIZEN_LANGUAGES = (
    CitizenLanguage("da", "Dansk", built_in=True),
    CitizenLanguage("en", "English", built_in=True),
    CitizenLanguage("ar", "العربية", built_in=False, content_language="da"),
    CitizenLanguage("ur", "اردو", built_in=False, content_language="da"),
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


def is_draft(language: CitizenLanguage) -> bool:
    """True until an editor has approved the translation (never for Danish and English)."""
    if language.built_in:
        return False
    return not CitizenLanguageApproval.objects.filter(language=language.code).exists()


def language_approvals() -> dict[str, CitizenLanguageApproval]:
    """The editors' approvals by language code, with who approved."""
    return {
        approval.language: approval
        for approval in CitizenLanguageApproval.objects.select_related("approved_by")
    }


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
