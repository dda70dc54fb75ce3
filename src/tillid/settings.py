"""Tillid's one settings module, configured by environment variables (see README).

Three environments (``TILLID_ENV``):

- ``development`` (the default): Django's debug pages, runserver; an SQLite file and generated
  keys under ``var/``.
- ``local``: production's code path on this machine, as ``scripts/run`` serves it: ``DEBUG``
  off, Tillid's own error pages, WhiteNoise with the collected, hashed static files; but the
  generated keys under ``var/``, loopback host names and plain HTTP (no secure cookies, HSTS or
  HTTPS redirect), so it runs without a certificate or a secret store.
- ``production``: refuses to start without the secrets and the public address it needs.

Over 400 lines on purpose: one settings module, so that every setting is found in one place.
"""

import os
import secrets
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from cryptography.fernet import Fernet
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from tillid.core.client_address import ipware_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("TILLID_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def refuse_to_start(message: str) -> None:
    """Stop the process with one line saying what is missing (no traceback to read through)."""
    sys.exit(f"Tillid cannot start: {message}")


def local_secret(filename: str, make: Callable[[], str]) -> str:
    """A secret generated once into var/ so that development keeps working across restarts."""
    path = VAR_DIR / filename
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        # Write a private temporary file, then link it into place: link() fails if the name
        # exists, so when processes start together exactly one secret wins and all read it whole.
        descriptor, temporary = tempfile.mkstemp(dir=VAR_DIR, prefix=f".{filename}.")
        with os.fdopen(descriptor, "w") as secret_file:
            secret_file.write(make())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    return path.read_text().strip()


TILLID_ENV = env_str("TILLID_ENV", "development")
if TILLID_ENV not in {"development", "local", "production"}:
    refuse_to_start(
        f"TILLID_ENV must be 'development', 'local' or 'production', not {TILLID_ENV!r}."
    )
PRODUCTION = TILLID_ENV == "production"
# Production's code path (DEBUG off, WhiteNoise, hashed static files): production and `local`.
PRODUCTION_LIKE = TILLID_ENV != "development"
DEBUG = env_bool("TILLID_DEBUG", not PRODUCTION_LIKE)

SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if PRODUCTION:
    missing = [
        name
        for name, value in (("SECRET_KEY", SECRET_KEY), ("ALLOWED_HOSTS", ALLOWED_HOSTS))
        if not value
    ]
    if missing:
        refuse_to_start(f"{' and '.join(missing)} must be set when TILLID_ENV=production.")
else:
    SECRET_KEY = SECRET_KEY or local_secret("secret_key", lambda: secrets.token_urlsafe(50))
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Tillid's public address: every absolute link (emails, calendar files, the CMS's notifications)
# starts with it (tillid.core.links), never with a request's Host header.
TILLID_BASE_URL = env_str("TILLID_BASE_URL").rstrip("/")
if PRODUCTION and not TILLID_BASE_URL:
    refuse_to_start(
        "TILLID_BASE_URL (the public address, e.g. https://tillid.kk.dk) must be set "
        "when TILLID_ENV=production."
    )
TILLID_BASE_URL = TILLID_BASE_URL or "http://127.0.0.1:8000"
_base = urlsplit(TILLID_BASE_URL)
if _base.scheme not in {"http", "https"} or not _base.netloc or _base.path or _base.query:
    refuse_to_start(f"TILLID_BASE_URL must be like https://tillid.kk.dk, not {TILLID_BASE_URL!r}.")

# Keys of the encrypted model fields (tillid.core.crypto), comma-separated, newest first. The
# newest encrypts, all decrypt; data encrypted with a key that is dropped cannot be read again.
TILLID_FIELD_KEYS = env_list("TILLID_FIELD_KEYS")
if PRODUCTION and not TILLID_FIELD_KEYS:
    refuse_to_start("TILLID_FIELD_KEYS must be set when TILLID_ENV=production.")
elif not TILLID_FIELD_KEYS:
    TILLID_FIELD_KEYS = [local_secret("field_keys", lambda: Fernet.generate_key().decode())]
try:
    for field_key in TILLID_FIELD_KEYS:
        Fernet(field_key)
except ValueError:
    refuse_to_start("TILLID_FIELD_KEYS must hold Fernet keys (from Fernet.generate_key()).")

# Keys that sign the audit trail's seals (tillid.core.audit_seal), comma-separated
# "keyid:secret", newest first: the newest signs, every listed key verifies seals bearing its id.
# Keep them out of the database (and its backups): whoever holds a key can re-seal a rewritten
# trail. Rotate by putting a new key first; drop an old key only if its seals need no checking.
TILLID_AUDIT_KEYS = env_list("TILLID_AUDIT_KEYS")
if PRODUCTION and not TILLID_AUDIT_KEYS:
    refuse_to_start("TILLID_AUDIT_KEYS must be set when TILLID_ENV=production.")
elif not TILLID_AUDIT_KEYS:
    TILLID_AUDIT_KEYS = [
        local_secret(
            "audit_keys", lambda: f"dev-{secrets.token_hex(4)}:{secrets.token_urlsafe(32)}"
        )
    ]
for audit_key in TILLID_AUDIT_KEYS:
    audit_key_id, _colon, audit_secret = audit_key.partition(":")
    if not (audit_key_id and len(audit_key_id) <= 64 and len(audit_secret) >= 32):
        refuse_to_start(
            "TILLID_AUDIT_KEYS must hold 'keyid:secret' pairs, secrets of 32 characters or more."
        )

# Key of the keyed hashes that let concern reports about the same child find each other
# (tillid.concerns.matching): HMAC-SHA-256 of the normalised CPR number, and of the normalised
# name with the birth date. Never the number itself in an index. Changing the key makes earlier
# reports unfindable for matching (their hashes were made with the old key).
TILLID_MATCH_KEY = env_str("TILLID_MATCH_KEY")
if PRODUCTION and not TILLID_MATCH_KEY:
    refuse_to_start("TILLID_MATCH_KEY must be set when TILLID_ENV=production.")
TILLID_MATCH_KEY = TILLID_MATCH_KEY or local_secret("match_key", lambda: secrets.token_urlsafe(32))
if len(TILLID_MATCH_KEY) < 32:
    refuse_to_start("TILLID_MATCH_KEY must be 32 characters or more.")

# Keys that encrypt backup archives (tillid.core.backup_crypto), comma-separated, newest first:
# 32 random bytes in URL-safe base64 each (Fernet.generate_key() makes one). Keep them apart from
# the archives and never equal to a field key. Not required to start; `manage.py backup` refuses
# without. Development and `local` generate one into var/.
TILLID_BACKUP_KEYS = env_list("TILLID_BACKUP_KEYS")
if not TILLID_BACKUP_KEYS and not PRODUCTION:
    TILLID_BACKUP_KEYS = [local_secret("backup_keys", lambda: Fernet.generate_key().decode())]
# Where pg_dump and pg_restore live; empty: /usr/lib/postgresql/<server major>/bin, then PATH.
TILLID_PG_BIN_DIR = env_str("TILLID_PG_BIN_DIR")

INSTALLED_APPS = [
    "tillid.core",
    "tillid.accounts",
    "tillid.taxonomy",  # before knowledge: its editor permissions must exist first
    "tillid.directory",
    "tillid.risk",
    "tillid.courses",
    "tillid.consultations",
    "tillid.stats",
    "tillid.actionplans",
    "tillid.concerns",
    "tillid.accounts.admin_config.TillidAdminConfig",  # the Django admin behind Tillid's 2FA
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "csp",
    # Wagtail (the knowledge portal); tillid.knowledge comes after it so that its post_migrate
    # step finds Wagtail's permissions already created.
    "wagtail.contrib.redirects",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.snippets",
    "wagtail.users",
    "wagtail.sites",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "tillid.knowledge",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Cache-Control: no-store on every response to a logged-in user (early: it has the last word).
    "tillid.core.cache_headers.NoStoreForUsersMiddleware",
    # Anonymous visitors' public pages from the shared cache (after the above: it sees every
    # cookie the inner middleware sets; see tillid.core.page_cache).
    "tillid.core.page_cache.PageCacheMiddleware",
    # django-csp's middleware with a relaxed policy for the Wagtail admin under /cms/ only.
    "tillid.knowledge.middleware.CmsAwareCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tillid.accounts.middleware.IdleTimeoutMiddleware",
    "tillid.core.audit.RequestActorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "tillid.knowledge.middleware.CmsGateMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # The municipality's login (OpenID Connect); answers only on its callback, and only when
    # TILLID_OIDC_CLIENT_ID is set.
    "tillid.accounts.sso.ProviderBackend",
]

if PRODUCTION_LIKE:
    # gunicorn serves the collected, compressed static files itself (no separate web server needed).
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "tillid.urls"
WSGI_APPLICATION = "tillid.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tillid.core.context_processors.site",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'tillid.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside a writer; IMMEDIATE makes concurrent writers queue on the
    # busy timeout instead of failing with "database is locked" halfway through a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    if DATABASES["default"]["NAME"] != ":memory:":
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's cache: the page cache (tillid.core.page_cache), fragments, the password-reset limits.
# Shared by every process that serves Tillid: Redis (Django's built-in backend) when
# TILLID_REDIS_URL is set, as production must with more than one app server; otherwise a file
# cache under var/ that every gunicorn worker and the task worker on this machine share, with no
# server to run. Never the per-process memory cache: one worker would keep a page another worker's
# publish had invalidated, and each worker would count password resets on its own.
TILLID_REDIS_URL = env_str("TILLID_REDIS_URL")
if TILLID_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": TILLID_REDIS_URL,
            "KEY_PREFIX": env_str("TILLID_CACHE_PREFIX", "tillid"),
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "TIMEOUT": 300,
            "OPTIONS": {"MAX_ENTRIES": env_int("TILLID_CACHE_MAX_ENTRIES", 5000)},
        }
    }
# Longest time an anonymous visitor's public page is served from the page cache; publishing,
# directory and course changes and the next opening-hours change end it sooner.
TILLID_PAGE_CACHE_SECONDS = env_int("TILLID_PAGE_CACHE_SECONDS", 300)
# Sessions stay in the database (Django's default engine, named here on purpose): every app
# server reads the same sessions, and a Redis restart logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_USER_MODEL = "accounts.User"
TILLID_TWO_FACTOR_URL = "accounts:two_factor"
# Third-party views that carry their own access rules; the access-policy check skips them.
TILLID_ACCESS_EXEMPT_NAMESPACES = [
    "admin",  # Django admin: every view is wrapped in the admin site's own staff check
]
TILLID_ACCESS_EXEMPT_MODULES = [
    "django.contrib.staticfiles",  # static files in development
    "django.views.static",  # media and static files in development
    "wagtail.views",  # Wagtail page serving: public by design; Wagtail enforces page restrictions
    "wagtail.documents.views.serve",  # documents: public; Wagtail enforces collection restrictions
]
# Route prefixes whose every view guards itself.
TILLID_ACCESS_EXEMPT_ROUTES = [
    "cms/",  # Wagtail admin: checks its own rights; CmsGateMiddleware admits the editor role only
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "my_work"
OTP_TOTP_ISSUER = "Tillid"
# Sessions of users whose roles need 2FA end after this many idle minutes.
TILLID_IDLE_TIMEOUT_MINUTES = env_int("TILLID_IDLE_TIMEOUT_MINUTES", 30)
LOGOUT_REDIRECT_URL = "core:home"
# Statistics (tillid.stats): a figure with fewer than this many behind it is shown as "<N", and
# any total or difference that would reveal it is hidden too (docs/statistics.md).
TILLID_STATS_THRESHOLD = env_int("TILLID_STATS_THRESHOLD", 5)
if TILLID_STATS_THRESHOLD < 2:
    refuse_to_start("TILLID_STATS_THRESHOLD must be 2 or more.")
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Single sign-on with the municipality's identity provider (OpenID Connect, mozilla-django-oidc;
# tillid.accounts.sso). Off unless TILLID_OIDC_CLIENT_ID is set; then the provider's endpoints
# and issuer must be set too (https in production). docs/operations.md shows Entra ID and AD FS.
TILLID_OIDC_ISSUER = env_str("TILLID_OIDC_ISSUER").rstrip("/")
OIDC_RP_CLIENT_ID = env_str("TILLID_OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("TILLID_OIDC_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("TILLID_OIDC_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("TILLID_OIDC_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("TILLID_OIDC_USERINFO_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("TILLID_OIDC_JWKS_ENDPOINT")
_oidc_required = {
    "TILLID_OIDC_CLIENT_SECRET": OIDC_RP_CLIENT_SECRET,
    "TILLID_OIDC_ISSUER": TILLID_OIDC_ISSUER,
    "TILLID_OIDC_AUTHORIZATION_ENDPOINT": OIDC_OP_AUTHORIZATION_ENDPOINT,
    "TILLID_OIDC_TOKEN_ENDPOINT": OIDC_OP_TOKEN_ENDPOINT,
    "TILLID_OIDC_USERINFO_ENDPOINT": OIDC_OP_USER_ENDPOINT,
    "TILLID_OIDC_JWKS_ENDPOINT": OIDC_OP_JWKS_ENDPOINT,
}
if OIDC_RP_CLIENT_ID:
    _oidc_missing = [name for name, value in _oidc_required.items() if not value]
    if _oidc_missing:
        refuse_to_start(f"TILLID_OIDC_CLIENT_ID is set, so {', '.join(_oidc_missing)} must be too.")
    if PRODUCTION:
        _oidc_plain = [
            name
            for name, value in _oidc_required.items()
            if name != "TILLID_OIDC_CLIENT_SECRET" and urlsplit(value).scheme != "https"
        ]
        if _oidc_plain:
            refuse_to_start(f"{', '.join(_oidc_plain)} must be https:// addresses in production.")
OIDC_RP_SIGN_ALGO = env_str("TILLID_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("TILLID_OIDC_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_TIMEOUT = env_int("TILLID_OIDC_TIMEOUT", 10)
OIDC_CREATE_USER = True
OIDC_STORE_ID_TOKEN = False
OIDC_STORE_ACCESS_TOKEN = False
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_callback"
LOGIN_REDIRECT_URL_FAILURE = "accounts:login"
# The claims Tillid reads: the e-mail (the login), the display name and the groups.
TILLID_OIDC_EMAIL_CLAIM = env_str("TILLID_OIDC_EMAIL_CLAIM", "email")
TILLID_OIDC_NAME_CLAIM = env_str("TILLID_OIDC_NAME_CLAIM", "name")
TILLID_OIDC_GROUPS_CLAIM = env_str("TILLID_OIDC_GROUPS_CLAIM", "groups")
# The provider's second factor counts when the ID token's amr holds one of these (RFC 8176) or
# its acr is one of TILLID_OIDC_SECOND_FACTOR_ACR; otherwise Tillid asks for its own TOTP code.
TILLID_OIDC_SECOND_FACTOR_AMR = env_list("TILLID_OIDC_SECOND_FACTOR_AMR", "mfa,otp,hwk")
TILLID_OIDC_SECOND_FACTOR_ACR = env_list("TILLID_OIDC_SECOND_FACTOR_ACR")
# Roles that must log in with the municipality's login: their password login is refused.
TILLID_PASSWORD_LOGIN_DISABLED_ROLES = env_list("TILLID_PASSWORD_LOGIN_DISABLED_ROLES")
if TILLID_PASSWORD_LOGIN_DISABLED_ROLES and not OIDC_RP_CLIENT_ID:
    refuse_to_start(
        "TILLID_PASSWORD_LOGIN_DISABLED_ROLES needs the municipality's login "
        "(TILLID_OIDC_CLIENT_ID and the rest), or those roles could not log in at all."
    )

# Login throttling (django-axes): lock an account from an address after repeated failures.
AXES_FAILURE_LIMIT = env_int("TILLID_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("TILLID_LOGIN_LOCKOUT_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# A login name holding a CPR number is stored pseudonymised; the raw form data is never stored.
AXES_USERNAME_CALLABLE = "tillid.core.cpr.throttle_login_name"
AXES_SENSITIVE_PARAMETERS = ["username", "password", "next"]
AXES_LOCKOUT_CALLABLE = "tillid.accounts.views.locked_out"
# The client address behind TILLID_PROXY_COUNT reverse proxies comes from django-ipware (see
# tillid.core.client_address): the N-th X-Forwarded-For entry from the right, never one the
# client wrote itself. Not strict: extra entries on the left are ignored, not a reason to fall
# back to the proxy's own address (which would lock everybody behind it).
TILLID_PROXY_COUNT = env_int("TILLID_PROXY_COUNT", 0)
_client_address = ipware_settings(TILLID_PROXY_COUNT)
AXES_IPWARE_PROXY_COUNT = _client_address["AXES_IPWARE_PROXY_COUNT"]
AXES_IPWARE_META_PRECEDENCE_ORDER = _client_address["AXES_IPWARE_META_PRECEDENCE_ORDER"]
AXES_IPWARE_PROXY_ORDER = _client_address["AXES_IPWARE_PROXY_ORDER"]
IPWARE_STRICT = False

# Language and time.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "src" / "tillid" / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
# Dates as Danes write them ("29. november 2026 kl. 15.49"); English the British way.
FORMAT_MODULE_PATH = ["tillid.formats"]
USE_TZ = True

# Static files: DKFDS and htmx come from npm (node_modules) and are served by us, never a CDN.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("dkfds", NODE_MODULES / "dkfds" / "dist"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION_LIKE
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_URL = "/media/"

# Knowledge portal (Wagtail). Editors work at /cms/ (tillid.knowledge.middleware keeps everyone
# else out); the page tree is served from / and, with English page chrome, from /en/.
WAGTAIL_SITE_NAME = "Tillid"
WAGTAILADMIN_BASE_URL = TILLID_BASE_URL  # links in the CMS's notification emails
WAGTAILADMIN_LOGIN_URL = "/konto/log-ind/"  # one login for everyone (throttling, 2FA)
WAGTAILADMIN_PERMITTED_LANGUAGES = [("da", "Dansk"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = [("da", "Dansk")]  # content is written in Danish only
WAGTAIL_I18N_ENABLED = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False  # passwords are changed under /konto/
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party image requests from the admin
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin does not call home
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # Danish titles give ASCII addresses (æ → ae)
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "odt", "odp", "ods", "txt", "csv"]
WAGTAILREDIRECTS_AUTO_CREATE = True
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # The database backend: PostgreSQL full-text search in production, FTS5 on SQLite.
        # To scale out, switch to "wagtail.search.backends.opensearch2" (see README).
        "BACKEND": "wagtail.search.backends.database",
        "AUTO_UPDATE": True,
    }
}
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # Danish stemming and stop words: "tilliden" finds "tillid", "kurserne" finds "kursus".
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "danish"

# Security headers. The CSP allows no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
CSRF_FAILURE_VIEW = "tillid.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("TILLID_BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Email goes through real SMTP; development defaults to a local server on port 1025.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("EMAIL_PORT", 1025 if not PRODUCTION else 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", PRODUCTION)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Tillid <tillid@kk.dk>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
TILLID_MAIL_MAX_ATTEMPTS = env_int("TILLID_MAIL_MAX_ATTEMPTS", 8)  # then the mail is marked failed
# A send (or a mail task) still unfinished after this long belongs to a dead worker: the outbox
# sweeper (manage.py mail_sweep) queues it again. Keep it well above EMAIL_TIMEOUT.
TILLID_MAIL_SENDING_TIMEOUT_SECONDS = env_int("TILLID_MAIL_SENDING_TIMEOUT_SECONDS", 300)
# Password-reset mails per address and per client address within an hour.
TILLID_PASSWORD_RESET_LIMIT_PER_ADDRESS = env_int("TILLID_PASSWORD_RESET_LIMIT_PER_ADDRESS", 3)
TILLID_PASSWORD_RESET_LIMIT_PER_CLIENT = env_int("TILLID_PASSWORD_RESET_LIMIT_PER_CLIENT", 10)

# Background tasks: django-tasks with the database backend (no extra server on one machine).
TASKS = {
    "default": {
        "BACKEND": env_str("TILLID_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Municipality shown in the header and footer.
TILLID_MUNICIPALITY = env_str("TILLID_MUNICIPALITY", "Københavns Kommune")
TILLID_CONTACT_EMAIL = env_str("TILLID_CONTACT_EMAIL", "tillid@kk.dk")

# Course calendar: reminders go out this many days before a session; courses for the
# municipality's staff accept work emails in these domains.
TILLID_COURSE_REMINDER_DAYS = env_int("TILLID_COURSE_REMINDER_DAYS", 2)
TILLID_MUNICIPAL_EMAIL_DOMAINS = env_list("TILLID_MUNICIPAL_EMAIL_DOMAINS", "kk.dk")
# Where "Forlad siden hurtigt" (quick exit on /hjaelp/) sends the visitor: a neutral site.
TILLID_QUICK_EXIT_URL = env_str("TILLID_QUICK_EXIT_URL", "https://www.dmi.dk/")
# Consultations (Etnisk Konsulentteam): working days to the first response per urgency (0 = the
# day of receipt), the cut-off after which a request counts from the next working day, the end of
# the working day (the deadline's time), and months before closed cases are anonymised.
TILLID_CONSULTATION_RESPONSE_DAYS = {
    "akut": env_int("TILLID_CONSULTATION_RESPONSE_DAYS_ACUTE", 0),
    "uge": env_int("TILLID_CONSULTATION_RESPONSE_DAYS_WEEK", 2),
    "ikke_hastende": env_int("TILLID_CONSULTATION_RESPONSE_DAYS_NOT_URGENT", 2),
}
TILLID_CONSULTATION_CUTOFF = env_str("TILLID_CONSULTATION_CUTOFF", "15:00")
TILLID_CONSULTATION_DAY_ENDS = env_str("TILLID_CONSULTATION_DAY_ENDS", "16:00")
TILLID_CONSULTATION_RETENTION_MONTHS = env_int("TILLID_CONSULTATION_RETENTION_MONTHS", 24)
# Concern reports (tillid.concerns; docs/domain.md, "Concern reports"): months after receipt
# before a submitted report is anonymised, and days before an untouched draft gets a reminder and
# (the same number of days after the reminder) is removed.
TILLID_CONCERN_RETENTION_MONTHS = env_int("TILLID_CONCERN_RETENTION_MONTHS", 24)
TILLID_CONCERN_DRAFT_REMINDER_DAYS = env_int("TILLID_CONCERN_DRAFT_REMINDER_DAYS", 30)
TILLID_CONCERN_DRAFT_REMOVAL_DAYS = env_int("TILLID_CONCERN_DRAFT_REMOVAL_DAYS", 14)
# Retention periods of the other records (tillid.core.retention; `manage.py retention` nightly).
TILLID_MAIL_RETENTION_DAYS = env_int("TILLID_MAIL_RETENTION_DAYS", 30)
TILLID_LOGIN_RECORD_RETENTION_DAYS = env_int("TILLID_LOGIN_RECORD_RETENTION_DAYS", 90)
TILLID_ACCOUNT_RETENTION_MONTHS = env_int("TILLID_ACCOUNT_RETENTION_MONTHS", 12)
TILLID_RISK_RETENTION_MONTHS = env_int("TILLID_RISK_RETENTION_MONTHS", 24)
TILLID_COURSE_RETENTION_MONTHS = env_int("TILLID_COURSE_RETENTION_MONTHS", 12)

# Action plans (Serviceloven § 12 a): how old a finalised risk assessment may be when a plan is
# finalised, how many working days before the review date the responsible worker is reminded,
# and how long a closed plan is kept before it is anonymised.
TILLID_ACTIONPLAN_RISK_MAX_AGE_DAYS = env_int("TILLID_ACTIONPLAN_RISK_MAX_AGE_DAYS", 90)
TILLID_ACTIONPLAN_REMINDER_WORKING_DAYS = env_int("TILLID_ACTIONPLAN_REMINDER_WORKING_DAYS", 5)
TILLID_ACTIONPLAN_RETENTION_DAYS = env_int("TILLID_ACTIONPLAN_RETENTION_DAYS", 730)
# Days the offices close that are not public holidays; they do not count as working days.
TILLID_CLOSED_ON_CHRISTMAS_EVE = env_bool("TILLID_CLOSED_ON_CHRISTMAS_EVE", True)
TILLID_CLOSED_ON_NEW_YEARS_EVE = env_bool("TILLID_CLOSED_ON_NEW_YEARS_EVE", True)
TILLID_CLOSED_ON_CONSTITUTION_DAY = env_bool("TILLID_CLOSED_ON_CONSTITUTION_DAY", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "filters": {"mask_cpr": {"()": "tillid.core.cpr.CprMaskingFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["mask_cpr"]}
    },
    "root": {"handlers": ["console"], "level": env_str("TILLID_LOG_LEVEL", "INFO")},
    # Django's own loggers go through the same masked handler instead of their defaults
    # (which would print request URLs and error reports unfiltered).
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},  # PDF rendering logs every step at INFO
        "fontTools": {"level": "WARNING"},
    },
}
