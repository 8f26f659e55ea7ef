"""Django settings, all from the environment (see README, "Configuration")."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = Path(os.environ.get("BORDERDESK_DATA_DIR", PROJECT_DIR / "var")).resolve()
NODE_MODULES = Path(os.environ.get("BORDERDESK_NODE_MODULES", PROJECT_DIR / "node_modules"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """BORDERDESK_SECRET_KEY, or a key made once and kept in the data directory (mode 0600)."""
    if key := os.environ.get("BORDERDESK_SECRET_KEY"):
        return key
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def database_settings(url: str | None) -> dict:
    url = url or f"sqlite:///{DATA_DIR / 'borderdesk.sqlite3'}"
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at BEGIN so
            # two transactions never deadlock upgrading a read lock, and the audit chain stays serial.
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        name = config.get("NAME")
        if name and name != ":memory:":
            Path(name).parent.mkdir(parents=True, exist_ok=True)
    elif config["ENGINE"] == "django.db.backends.postgresql" and _env_bool("BORDERDESK_DATABASE_PREPARED", True):
        # Parameters bound by the server and statements prepared on their second use: PostgreSQL then plans the
        # booth's few dozen statements once per connection (its CPU per inspection 6 ms -> 3.5 ms). Off (0) for a
        # pooler in transaction mode that cannot keep prepared statements (PgBouncer before 1.21).
        config["OPTIONS"] = {**config.get("OPTIONS", {}), "server_side_binding": True, "prepare_threshold": 2}
    return config


SECRET_KEY = _secret_key()
DEBUG = _env_bool("BORDERDESK_DEBUG", False)
ALLOWED_HOSTS = _env_list("BORDERDESK_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = _env_list("BORDERDESK_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # its own Swagger UI assets for /api/v1/docs, served from here: no CDN
    "borderdesk.apps.common",
    "borderdesk.apps.posts",
    "borderdesk.apps.accounts",
    "borderdesk.apps.audit",
    "borderdesk.apps.travel_documents",
    "borderdesk.apps.travellers",
    "borderdesk.apps.visas",
    "borderdesk.apps.watchlists",
    "borderdesk.apps.policy",
    "borderdesk.apps.inspection",
    "borderdesk.apps.people",
    "borderdesk.apps.casework",
    "borderdesk.apps.asylum",
    "borderdesk.apps.citizenship",
    "borderdesk.apps.rosters",
    "borderdesk.apps.queues",
    "borderdesk.apps.briefings",
    "borderdesk.apps.messaging",
    "borderdesk.apps.figures",
    "borderdesk.apps.partners",
    "borderdesk.apps.patrols",
    "borderdesk.apps.incidents",
    "borderdesk.apps.manifests",  # #18 carriers' manifests and flights
    # Sign-in: throttling and lock-out, the second factor (see "Sign-in" below).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "borderdesk.apps.common.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "borderdesk.apps.common.middleware.RequestLimitsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # sign-in: the second factor (see "Sign-in" below)
    "borderdesk.apps.accounts.middleware.SecondFactorRequiredMiddleware",  # sign-in
    "django.contrib.messages.middleware.MessageMiddleware",
    "borderdesk.apps.common.middleware.IdleSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "borderdesk.apps.accounts.middleware.PostTimeZoneMiddleware",
    "axes.middleware.AxesMiddleware",  # sign-in: the lock-out page (see "Sign-in" below)
]

ROOT_URLCONF = "borderdesk.config.urls"
WSGI_APPLICATION = "borderdesk.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "borderdesk.apps.accounts.context_processors.navigation",
                "borderdesk.apps.accounts.context_processors.second_factor",
            ],
            # {{ code|label }}: words for codes, in every template (apps/common/labels.py).
            "builtins": ["borderdesk.apps.common.templatetags.labels"],
        },
    }
]

DATABASES = {"default": database_settings(os.environ.get("BORDERDESK_DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# HTTP hardening (sessions, request limits, security headers). Sign-in settings live in their own block.
# Sessions end after this much idle time and when the browser closes. Idle time counts from the last request a
# person made (common.middleware.IdleSessionMiddleware): self-refreshing pages do not renew a session. While the
# person has a booth open, the booth's idle time applies instead: a booth session lasts a shift.
BORDERDESK_SESSION_IDLE_SECONDS = int(os.environ.get("BORDERDESK_SESSION_IDLE_MINUTES", "60")) * 60
BORDERDESK_BOOTH_IDLE_SECONDS = int(os.environ.get("BORDERDESK_BOOTH_IDLE_MINUTES", "480")) * 60
# The session store keeps a session for the longer of the two; the middleware ends it at the one that applies.
# Rosters (#16 item 4): the working-time rules every roster change keeps (EU Working Time Directive defaults:
# 11 hours' daily rest, 48 hours in any 7 days, counted rolling; and the longest shift).
BORDERDESK_ROSTER_MIN_REST_HOURS = float(os.environ.get("BORDERDESK_ROSTER_MIN_REST_HOURS", "11"))
BORDERDESK_ROSTER_MAX_HOURS_7_DAYS = float(os.environ.get("BORDERDESK_ROSTER_MAX_HOURS_7_DAYS", "48"))
BORDERDESK_ROSTER_MAX_SHIFT_HOURS = float(os.environ.get("BORDERDESK_ROSTER_MAX_SHIFT_HOURS", "13"))
SESSION_COOKIE_AGE = max(BORDERDESK_SESSION_IDLE_SECONDS, BORDERDESK_BOOTH_IDLE_SECONDS)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_SAMESITE = "Strict"
CSRF_FAILURE_VIEW = "borderdesk.apps.common.views.csrf_failure"
BORDERDESK_HTTPS = _env_bool("BORDERDESK_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = BORDERDESK_HTTPS
if BORDERDESK_HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("BORDERDESK_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("BORDERDESK_HSTS_INCLUDE_SUBDOMAINS", False)
    # Behind a proxy that ends TLS, it must say so, or every request would be redirected to HTTPS again.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every asset is served by the app itself: no inline script, no eval, no other origin, never in a frame.
BORDERDESK_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Request bodies stay small (413 above this), except multipart uploads of list files, which are streamed to a
# temporary file beyond FILE_UPLOAD_MAX_MEMORY_SIZE and may be up to BORDERDESK_MAX_UPLOAD_MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(float(os.environ.get("BORDERDESK_MAX_REQUEST_MB", "4")) * 1024 * 1024)
BORDERDESK_MAX_UPLOAD_SIZE = int(float(os.environ.get("BORDERDESK_MAX_UPLOAD_MB", "256")) * 1024 * 1024)
# A case's supporting file (PDF, JPEG, PNG) may be up to this size; a larger one is refused by casework with
# file_too_large, so the request limit above always lets one through to that check (with a megabyte for the form).
BORDERDESK_CASEWORK_FILE_MAX_MB = float(os.environ.get("BORDERDESK_CASEWORK_FILE_MAX_MB", "10"))
BORDERDESK_MAX_UPLOAD_SIZE = max(BORDERDESK_MAX_UPLOAD_SIZE, int((BORDERDESK_CASEWORK_FILE_MAX_MB + 1) * 1024 * 1024))
# Keys that seal supporting files at rest (AES-256-GCM): "id1:base64key,id2:base64key", the first seals and every
# one opens. Unset: a key made once and kept in DATA_DIR/casework-file-key (mode 0600).
BORDERDESK_FILE_KEYS = os.environ.get("BORDERDESK_FILE_KEYS", "")
# Keys that seal asylum claims' narratives, interview records, reasons and documents, kept apart from the files'
# keys: the same form; unset, a key made once in DATA_DIR/asylum-key. `borderdesk asylum rekey` re-seals everything
# with the first key, after which an old key can be removed.
BORDERDESK_ASYLUM_KEYS = os.environ.get("BORDERDESK_ASYLUM_KEYS", "")
# Keys that seal partner agencies' webhook secrets at rest (#17 partners): the same form; unset, a key made once in
# DATA_DIR/partner-key.
BORDERDESK_PARTNER_KEYS = os.environ.get("BORDERDESK_PARTNER_KEYS", "")
# --- #19 face comparison at the booth ---
# Keys that seal the booth's live photos of travellers (biometric data): the same form; unset, a key made once in
# DATA_DIR/biometric-key.
BORDERDESK_BIOMETRIC_KEYS = os.environ.get("BORDERDESK_BIOMETRIC_KEYS", "")
# How long a live photo is kept, in days: 0 keeps none (the face is compared and the photo dropped; the comparison's
# result stays). `borderdesk faces purge` removes the photos past their time.
BORDERDESK_LIVE_PHOTO_KEEP_DAYS = int(os.environ.get("BORDERDESK_LIVE_PHOTO_KEEP_DAYS", "30"))
# The post (an in-country office) whose asylum unit takes on claims made at ports and by patrols; unset, the first
# active in-country office in the country of the post where the claim is made.
BORDERDESK_ASYLUM_UNIT = os.environ.get("BORDERDESK_ASYLUM_UNIT", "")
# Opening a claim (with a reason) lets the user read and work on it for this many minutes.
BORDERDESK_ASYLUM_OPENING_MINUTES = int(os.environ.get("BORDERDESK_ASYLUM_OPENING_MINUTES", "30"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# Free text (notes, reasons) is refused above this many characters (common.field_limits).
BORDERDESK_TEXT_MAX_CHARS = int(os.environ.get("BORDERDESK_TEXT_MAX_CHARS", "10000"))
# --- #18 manifests ---
# A carrier's manifest (one PAXLST interchange or CSV file) is refused above this size (manifest_too_large): the
# largest aircraft's full passenger list is some 400 KB. It must stay under BORDERDESK_MAX_REQUEST_MB for the API.
BORDERDESK_MANIFEST_MAX_KB = int(os.environ.get("BORDERDESK_MANIFEST_MAX_KB", "2048"))
# A part of a multi-part list not received this long after the flight's latest part is shown as never arrived.
BORDERDESK_MANIFEST_PART_WAIT_MINUTES = int(os.environ.get("BORDERDESK_MANIFEST_PART_WAIT_MINUTES", "30"))
# Flights land early: a traveller inspected at the arrival post up to this long before the flight's arrival time
# counts as seen at a booth after arrival.
BORDERDESK_FLIGHT_EARLY_MINUTES = int(os.environ.get("BORDERDESK_FLIGHT_EARLY_MINUTES", "60"))
# A stored manifest is screened before arrival in a background thread once its transaction commits; off (0), it is
# screened at the commit itself, in the request (the command line always screens before it returns).
BORDERDESK_MANIFEST_SCREEN_IN_BACKGROUND = os.environ.get("BORDERDESK_MANIFEST_SCREEN_IN_BACKGROUND", "1") == "1"

LANGUAGE_CODE = "en"
# The officer's screens are marked for translation (gettext); a translation goes in LOCALE_PATHS as
# <code>/LC_MESSAGES/django.po, made with `./manage.py makemessages -l <code>` and compiled with compilemessages.
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("BORDERDESK_TIME_ZONE", "UTC")
USE_I18N = True
FORMAT_MODULE_PATH = ["borderdesk.config.formats"]  # dates ISO 8601 everywhere, the admin included
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("uswds", NODE_MODULES / "@uswds" / "uswds" / "dist"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
]
# Served by the app itself: border posts run on closed networks, with no CDN and often no web server in front.
WHITENOISE_USE_FINDERS = True

BORDERDESK_COUNTRY = os.environ.get("BORDERDESK_COUNTRY", "UTO")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("BORDERDESK_LOG_LEVEL", "WARNING")},
}

# ---- Sign-in: throttling, lock-out and the second factor -------------------------------------------------------
# django-axes counts failed sign-ins per user name and address; the standalone backend refuses a locked pair
# before the password is even checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "borderdesk.apps.accounts.backends.RoleBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("BORDERDESK_SIGNIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("BORDERDESK_SIGNIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "borderdesk.apps.accounts.lockout.lockout_response"
AXES_ENABLE_ADMIN = True
AXES_VERBOSE = False
# Every person signs in with a second factor (an authenticator app's code, or a recovery code). Turning it off
# is for development only: it needs BORDERDESK_DEBUG=true too, and every page then says so.
BORDERDESK_REQUIRE_SECOND_FACTOR = _env_bool("BORDERDESK_REQUIRE_SECOND_FACTOR", True)
if not BORDERDESK_REQUIRE_SECOND_FACTOR and not DEBUG:
    raise ImproperlyConfigured(
        "BORDERDESK_REQUIRE_SECOND_FACTOR=false is only allowed together with BORDERDESK_DEBUG=true "
        "(development). In production every person signs in with a second factor."
    )
OTP_TOTP_ISSUER = os.environ.get("BORDERDESK_OTP_ISSUER", "Borderdesk")
# ---- end of sign-in --------------------------------------------------------------------------------------------

# Travel-document checks. The law in force may ask more (the rule packs say so per decision).
BORDERDESK_DOCUMENT_EXPIRY_WARNING_DAYS = int(os.environ.get("BORDERDESK_DOCUMENT_EXPIRY_WARNING_DAYS", "90"))
BORDERDESK_DOCUMENT_VALIDITY_AFTER_DEPARTURE_DAYS = int(
    os.environ.get("BORDERDESK_DOCUMENT_VALIDITY_AFTER_DEPARTURE_DAYS", "0")
)
BORDERDESK_UNRECOGNISED_STATES = _env_list("BORDERDESK_UNRECOGNISED_STATES", "")

# Passport control. Until the traveller states a departure date, the rules assume a visit of this many days.
BORDERDESK_ASSUMED_STAY_DAYS = int(os.environ.get("BORDERDESK_ASSUMED_STAY_DAYS", "30"))
# Nationalities an e-gate may admit on its own when every check is clear (none unless configured).
BORDERDESK_EGATE_NATIONALITIES = _env_list("BORDERDESK_EGATE_NATIONALITIES", "")
# An undecided inspection older than this many hours is closed as superseded at the next scan at its post.
BORDERDESK_OPEN_INSPECTION_HOURS = int(os.environ.get("BORDERDESK_OPEN_INSPECTION_HOURS", "12"))
# No officer admits anyone for longer than this many days from the day of entry, whatever the date typed.
BORDERDESK_MAX_ADMISSION_DAYS = int(os.environ.get("BORDERDESK_MAX_ADMISSION_DAYS", "3650"))
# Figures (#16): counts from 1 to this less one are published as "<N" (at least 3: "<2" would say "1").
BORDERDESK_FIGURES_THRESHOLD = int(os.environ.get("BORDERDESK_FIGURES_THRESHOLD", "5"))

# Watchlists: a new version with fewer entries than this share of the list in force is refused unless the
# importer confirms the shrink (a list cut short must not silently replace the whole one).
BORDERDESK_WATCHLIST_SHRINK_LIMIT = float(os.environ.get("BORDERDESK_WATCHLIST_SHRINK_LIMIT", "0.9"))
if not 0.0 <= BORDERDESK_WATCHLIST_SHRINK_LIMIT <= 1.0:
    raise ValueError("BORDERDESK_WATCHLIST_SHRINK_LIMIT must be between 0 and 1 (e.g. 0.9)")

# Entry rules: the rule pack the recommendations use unless a caller names another ("uto", "schengen", ...).
BORDERDESK_RULE_PACK = os.environ.get("BORDERDESK_RULE_PACK", "uto")
# Printed on refusal forms and visa stickers.
BORDERDESK_COUNTRY_NAME = os.environ.get("BORDERDESK_COUNTRY_NAME", "Republic of Utopia")
BORDERDESK_BORDER_AUTHORITY = os.environ.get("BORDERDESK_BORDER_AUTHORITY", "Utopia Border Guard")

# The audit trail's signed checkpoints. The agency's Ed25519 signing key: a PEM file named here, or one made once
# in the data directory (audit_signing_key.pem, mode 0600). Checkpoints are also appended, one JSON line each, to
# checkpoints.jsonl in the checkpoint directory, outside the database. The app writes one itself whenever a chain
# passes a multiple of this many events (0: only `borderdesk audit checkpoint` does).
BORDERDESK_AUDIT_SIGNING_KEY = os.environ.get("BORDERDESK_AUDIT_SIGNING_KEY", "")
BORDERDESK_AUDIT_CHECKPOINT_DIR = Path(
    os.environ.get("BORDERDESK_AUDIT_CHECKPOINT_DIR") or DATA_DIR / "audit-checkpoints"
)
BORDERDESK_AUDIT_CHECKPOINT_EVERY = int(os.environ.get("BORDERDESK_AUDIT_CHECKPOINT_EVERY", "1000"))
