"""Users, their organisational units and roles (groups)."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from tillid.accounts.roles import TWO_FACTOR_ROLES, Role, has_role


class OrgUnit(models.Model):
    """A node in the municipality's tree: administration → centre → unit or institution."""

    class Kind(models.TextChoices):
        ADMINISTRATION = "administration", _("Forvaltning")
        CENTRE = "centre", _("Center")
        UNIT = "unit", _("Enhed/institution")

    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("overordnet enhed"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    # The unit's lead: gets the unit's deadline warnings (concern reports) and sees the team's
    # action plans. Optional; a unit without a lead falls back to its parent's lead.
    lead = models.ForeignKey(
        "accounts.User",
        verbose_name=_("leder"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_units",
    )

    class Meta:
        verbose_name = _("organisatorisk enhed")
        verbose_name_plural = _("organisatoriske enheder")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="orgunit_unique_name_in_parent"
            ),
            models.CheckConstraint(
                condition=models.Q(kind="administration", parent__isnull=True)
                | (~models.Q(kind="administration") & models.Q(parent__isnull=False)),
                name="orgunit_only_administrations_are_roots",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def effective_lead(self) -> User | None:
        """The unit's lead, or the nearest ancestor's: every unit answers to someone."""
        unit: OrgUnit | None = self
        while unit is not None:
            if unit.lead_id is not None:
                return unit.lead
            unit = unit.parent
        return None


class UserManager(BaseUserManager["User"]):
    """Email is the login; there is no username."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("Users must have an email address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):  # type: ignore[django-manager-missing]  # ProviderSecondFactor.user
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail"), unique=True)
    name = models.CharField(_("navn"), max_length=200)
    job_title = models.CharField(_("stilling"), max_length=200, blank=True)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("organisatorisk enhed"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    objects = UserManager()  # type: ignore[assignment,misc]

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    @cached_property
    def role_names(self) -> frozenset[str]:
        """The user's roles, read once per request (the user object lives for one request)."""
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles: str) -> bool:
        """``tillid.accounts.roles.has_role`` for this user (for ``core``, which cannot import
        accounts): active and holding at least one of ``roles``."""
        return has_role(self, *roles)

    @property
    def requires_two_factor(self) -> bool:
        """Holding a role that reaches case data, active or not: such a login needs 2FA."""
        return not self.role_names.isdisjoint(TWO_FACTOR_ROLES)


class RoleGrant(models.Model):
    """A request to give a user a case role, waiting for a second administrator (four eyes).

    The role takes effect only when another administrator than the requester approves; the
    database refuses a grant decided by its own requester.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("afventer godkendelse")
        APPROVED = "approved", _("godkendt")
        REJECTED = "rejected", _("afvist")

    user = models.ForeignKey(
        User, verbose_name=_("bruger"), on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("rolle"), max_length=40)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        User, verbose_name=_("anmodet af"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("anmodet"), auto_now_add=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("besluttet af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("besluttet"), null=True, blank=True)

    class Meta:
        verbose_name = _("rolletildeling")
        verbose_name_plural = _("rolletildelinger")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True)
                | ~models.Q(decided_by=models.F("requested_by")),
                name="rolegrant_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} → {self.user}"


class GroupMapping(models.Model):
    """A group in the municipality's identity provider gives a Tillid role (and optionally a unit)
    to its members when they log in with the municipality's login (``accounts/sso.py``).

    A mapping to a case role (``FOUR_EYES_ROLES``) takes effect only when another administrator
    than the one who asked for it approves it, exactly like a ``RoleGrant``; the database refuses
    a mapping decided by its own requester. Other mappings take effect at once. Mappings are never
    edited: an administrator deletes one and asks for a new one.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("afventer godkendelse")
        APPROVED = "approved", _("godkendt")
        REJECTED = "rejected", _("afvist")

    group = models.CharField(
        _("gruppe i kommunens login"),
        max_length=255,
        help_text=_(
            "Gruppens værdi i tokenets gruppe-claim: i Entra ID gruppens objekt-id, i AD FS "
            "gruppens navn."
        ),
    )
    role = models.CharField(_("rolle"), max_length=40, choices=Role.choices)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("organisatorisk enhed"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Gruppens medlemmer placeres i denne enhed, når de logger ind (valgfrit)."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        User, verbose_name=_("anmodet af"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("anmodet"), default=timezone.now)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("besluttet af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("besluttet"), null=True, blank=True)

    class Meta:
        verbose_name = _("gruppe fra kommunens login")
        verbose_name_plural = _("grupper fra kommunens login")
        ordering = ["group", "role"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True)
                | ~models.Q(decided_by=models.F("requested_by")),
                name="groupmapping_four_eyes",
            ),
            models.UniqueConstraint(
                fields=["group", "role"],
                condition=~models.Q(status="rejected"),
                name="groupmapping_unique_live_group_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} → {self.role}"


class ProviderIdentity(models.Model):
    """The link between a Tillid user and their identity in the municipality's login.

    ``roles`` are the roles the provider's groups gave at the last login: the next login removes
    those whose group the user has left. Roles only an administrator gave (by hand) are never
    touched; a role the provider's groups also give becomes the provider's to remove.
    """

    user = models.OneToOneField(
        User, verbose_name=_("bruger"), on_delete=models.CASCADE, related_name="provider_identity"
    )
    issuer = models.CharField(_("udsteder"), max_length=255)
    subject = models.CharField(_("id i kommunens login"), max_length=255)
    roles = models.JSONField(_("roller fra grupper"), default=list, blank=True)
    last_login_at = models.DateTimeField(_("sidst logget ind"), null=True, blank=True)

    class Meta:
        verbose_name = _("identitet i kommunens login")
        verbose_name_plural = _("identiteter i kommunens login")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="provideridentity_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.issuer})"


class ProviderSecondFactor(Device):
    """The second factor the identity provider performed (its token's ``amr``/``acr`` said so).

    It verifies no code: it exists so that django-otp marks a session verified after a login
    through the municipality's login, and names in the session how the second factor was done.
    """

    class Meta(Device.Meta):
        verbose_name = _("totrinsbekræftelse i kommunens login")
        verbose_name_plural = _("totrinsbekræftelser i kommunens login")

    def verify_token(self, token: object) -> bool:
        return False
