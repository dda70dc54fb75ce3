"""An editor approves a translation of the citizens' page, which removes its draft banner."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tillid.accounts.roles import Role, has_role
from tillid.core import audit, clock
from tillid.core.refusals import NotPermittedError
from tillid.directory.citizen_languages import PAGE_LANGUAGES
from tillid.directory.models import CitizenLanguageApproval


def citizen_language_approve(*, actor: Any, language: str) -> CitizenLanguageApproval:
    """Record that ``actor`` approved the translation into ``language``, and audit it.

    Refused (``NotPermittedError``) unless ``actor`` is an editor; ``ValueError`` for a language
    that is not a page-only language of ``/hjaelp/``. Approving twice keeps the first approval.
    """
    if not has_role(actor, Role.EDITOR):
        raise NotPermittedError
    known = PAGE_LANGUAGES.get(language)
    if known is None or known.built_in:
        raise ValueError(language)
    with transaction.atomic():
        approval, created = CitizenLanguageApproval.objects.get_or_create(
            language=language,
            defaults={"approved_by": actor, "approved_at": clock.now()},
        )
        if created:
            audit.record(
                actor=actor,
                action="directory.citizen_language.approved",
                target=None,
                language=language,
            )
    return approval
