"""Models of the cross-cutting mechanisms. The audit trail is append-only and sealed with a key."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit entry through Django."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """One audited event. Write through ``tillid.core.audit.record`` only.

    The id (the database's sequence) orders the trail; writers take no lock. ``entry_hash`` is
    the SHA-256 of the entry's own content; seals (``AuditSeal``) chain these hashes in id order
    and sign the result with a key outside the database (``tillid.core.audit_seal``). The
    database refuses UPDATE, DELETE and TRUNCATE on this table (triggers, ``audit_guard``).
    ``previous_hash`` is set only on entries written before seals existed (the old hash chain).
    """

    created_at = models.DateTimeField(_("tidspunkt"), db_index=True)
    # No foreign-key constraint and no cascade: the entry must outlive the user unchanged.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("bruger (som registreret)"), max_length=300, blank=True)
    action = models.CharField(_("handling"), max_length=100, db_index=True)
    target_type = models.CharField(_("posttype"), max_length=100, blank=True)
    target_id = models.CharField(_("post-id"), max_length=64, blank=True)
    target_label = models.CharField(_("post (som registreret)"), max_length=300, blank=True)
    details = models.JSONField(_("detaljer"), default=dict, blank=True)
    previous_hash = models.CharField(max_length=64, blank=True, default="")
    entry_hash = models.CharField(max_length=64)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("logpost")
        verbose_name_plural = _("log")
        ordering = ["-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.created_at:%Y-%m-%d %H:%M:%S}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit entries cannot be deleted.")


class AuditSealQuerySet(models.QuerySet["AuditSeal"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit seals cannot be changed.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Audit seals cannot be deleted.")


class AuditSeal(models.Model):
    """A signed statement that entries ``first_id``..``last_id`` (``count`` of them) had exactly
    these hashes, chained to the seal before it. Written by ``tillid.core.audit_seal`` only.

    ``chain_hash`` is the entries' hash chain (starting from the previous seal's chain value),
    ``seal_hash`` the SHA-256 of the seal's canonical text and ``signature`` its HMAC-SHA-256 with
    the audit key ``key_id`` (``TILLID_AUDIT_KEYS``, never stored in the database). The unique
    ``previous_seal_hash`` lets only one of two concurrent sealers extend the chain.
    """

    first_id = models.BigIntegerField(unique=True)
    last_id = models.BigIntegerField(unique=True)
    count = models.PositiveIntegerField()
    chain_hash = models.CharField(max_length=64)
    previous_seal_hash = models.CharField(max_length=64, unique=True)
    seal_hash = models.CharField(max_length=64, unique=True)
    key_id = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    signature = models.CharField(max_length=64)

    objects = AuditSealQuerySet.as_manager()

    class Meta:
        verbose_name = _("forsegling af log")
        ordering = ["last_id"]

    def __str__(self) -> str:
        return f"seal #{self.pk} entries {self.first_id}-{self.last_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit seals cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit seals cannot be deleted.")


class OutgoingMail(models.Model):
    """One email in the outbox. Written through ``tillid.core.mail.send_mail`` only.

    The row is stored in the caller's transaction and sent afterwards by the ``deliver_mail`` task,
    so a mail is never lost to an SMTP outage: it stays queued and is retried until it is sent or
    has used up its attempts. ``last_error`` holds the failure's kind, never message content.

    A worker claims a mail by moving it from queued to sending (``claimed_at``) and sends it outside
    any transaction with the fixed ``message_id``; a claim older than the sending timeout belongs
    to a worker that died and is released by the sweeper. Mails with ``erase_after_sending`` (a
    password-reset link) lose their body once sent or failed.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("i kø")
        SENDING = "sending", _("sendes")
        SENT = "sent", _("sendt")
        FAILED = "failed", _("fejlet")

    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    to = models.EmailField(_("modtager"), max_length=254)
    subject = models.CharField(_("emne"), max_length=998)  # the RFC 5322 line limit
    body_text = models.TextField(_("tekst"))
    body_html = models.TextField(_("HTML"), blank=True)
    language = models.CharField(_("sprog"), max_length=10)
    template = models.CharField(_("skabelon"), max_length=100)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("forsøg"), default=0)
    last_error = models.CharField(_("seneste fejl"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("næste forsøg"), null=True, blank=True)
    # Text attachments as [{"filename", "content", "mimetype"}], e.g. a calendar invitation.
    attachments = models.JSONField(_("vedhæftninger"), default=list, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    claimed_at = models.DateTimeField(_("afsendelse startet"), null=True, blank=True)
    erase_after_sending = models.BooleanField(_("slet indholdet efter afsendelse"), default=False)

    class Meta:
        verbose_name = _("udgående e-mail")
        verbose_name_plural = _("udgående e-mails")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.template} ({self.status})"
