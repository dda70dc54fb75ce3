"""Audit actions of accounts: logins, second factors, passwords, roles and user records."""

from django.utils.translation import gettext_lazy as _

from tillid.core.audit_actions import declare

USER = "the user (accounts.user)"

declare("accounts.user.login", _("Logget ind"), target=USER)
declare("accounts.user.logout", _("Logget ud"), target=USER)
declare(
    "accounts.user.login_failed",
    _("Mislykket login"),
    target="the user when the email exists, otherwise none",
)
declare(
    "accounts.user.locked_out",
    _("Spærret efter for mange mislykkede login"),
    target="the user when the email exists, otherwise none",
)
declare("accounts.user.password_changed", _("Adgangskode ændret"), target=USER)
declare("accounts.user.password_reset", _("Adgangskode nulstillet"), target=USER)
declare(
    "accounts.user.password_reset_requested", _("Nulstilling af adgangskode bestilt"), target=USER
)
declare("accounts.user.created", _("Bruger oprettet i administrationen"), target=USER)
declare("accounts.user.changed", _("Bruger ændret i administrationen"), target=USER)
declare("accounts.session.expired", _("Session udløbet efter inaktivitet"), target=USER)
declare("accounts.role.added", _("Rolle tildelt"), target=USER)
declare("accounts.role.removed", _("Rolle fjernet"), target=USER)
declare("accounts.role.cleared", _("Alle roller fjernet"), target=USER)
declare("accounts.two_factor.enrolled", _("Totrinsbekræftelse oprettet"), target=USER)
declare(
    "accounts.two_factor.enrolment_failed",
    _("Oprettelse af totrinsbekræftelse mislykkedes"),
    target=USER,
)
declare(
    "accounts.two_factor.backup_codes_created",
    _("Reservekoder til totrinsbekræftelse lavet"),
    target=USER,
)
declare("accounts.two_factor.verified", _("Totrinsbekræftelse godkendt"), target=USER)
declare("accounts.two_factor.failed", _("Totrinsbekræftelse mislykkedes"), target=USER)

# Issue 17: administrators cannot become someone else.
declare("accounts.user.viewed", _("Bruger åbnet i administrationen"), target=USER)
declare(
    "accounts.user.password_reset_sent",
    _("Link til ny adgangskode sendt af en administrator"),
    target=USER,
)
declare("accounts.role_grant.requested", _("Rolle anmodet (afventer godkendelse)"), target=USER)
declare("accounts.role_grant.approved", _("Rolletildeling godkendt"), target=USER)
declare("accounts.role_grant.rejected", _("Rolletildeling afvist"), target=USER)
declare(
    "accounts.two_factor.device_removed",
    _("Enhed til totrinsbekræftelse fjernet af en administrator"),
    target=USER,
)

# Issue 18: single sign-on with the municipality's identity provider.
MAPPING = "the group mapping (accounts.groupmapping)"
declare(
    "accounts.sso.user_created", _("Bruger oprettet ved login med kommunens login"), target=USER
)
declare(
    "accounts.sso.identity_linked",
    _("Konto knyttet til identitet i kommunens login"),
    target=USER,
)
declare("accounts.sso.user_updated", _("Bruger opdateret fra kommunens login"), target=USER)
declare("accounts.sso.roles_synced", _("Roller opdateret fra kommunens login"), target=USER)
declare("accounts.sso.unit_changed", _("Enhed opdateret fra kommunens login"), target=USER)
declare("accounts.sso.login_failed", _("Login med kommunens login mislykkedes"), target="none")
declare(
    "accounts.user.password_login_refused",
    _("Login med adgangskode afvist: rollen skal bruge kommunens login"),
    target=USER,
)
declare(
    "accounts.group_mapping.requested",
    _("Gruppe fra kommunens login knyttet til rolle"),
    target=MAPPING,
)
declare("accounts.group_mapping.approved", _("Gruppe til rolle godkendt"), target=MAPPING)
declare("accounts.group_mapping.rejected", _("Gruppe til rolle afvist"), target=MAPPING)
declare("accounts.group_mapping.deleted", _("Gruppe til rolle slettet"), target=MAPPING)
