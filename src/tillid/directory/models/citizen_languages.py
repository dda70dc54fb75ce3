"""An editor's approval of a translation of the citizens' page ``/hjaelp/``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CitizenLanguageApproval(models.Model):
    """One row per approved page-only language; until it exists the page says it is a draft."""

    language = models.CharField(_("sprog"), max_length=12, unique=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,  # the approval stands when the account is deleted
        null=True,
        related_name="+",
        verbose_name=_("godkendt af"),
    )
    approved_at = models.DateTimeField(_("godkendt"))

    class Meta:
        verbose_name = _("godkendt oversættelse af borgersiden")
        verbose_name_plural = _("godkendte oversættelser af borgersiden")

    def __str__(self) -> str:
        return self.language
