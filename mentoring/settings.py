"""Mentoring settings: one file, every deployment value from the environment.

With no environment at all the site runs on the embedded default (SQLite and a
filesystem Celery broker); DATABASE_URL and REDIS_URL switch to PostgreSQL and Redis.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import environ
import fontawesomefree
from django.core.exceptions import ImproperlyConfigured

from mentoring.accounts.sso_config import socialaccount_providers
from mentoring.ops.databases import database_config
from mentoring.ops.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string in production, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-development-only-key"  # noqa: S105
# Earlier keys, while links signed with them (unsubscribe links, password resets) should keep working.
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# The domain of Message-IDs (and what the README's SPF/DKIM/DMARC set-up is about): the site's own host name.
MAIL_DOMAIN = env("MAIL_DOMAIN", default="") or urlsplit(SITE_URL).hostname or "localhost"

INSTALLED_APPS = [
    # Django's admin with its login through allauth's and a second factor for staff (mentoring/accounts/admin_site.py).
    "mentoring.accounts.apps.MentoringAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "django_htmx",
    "template_partials",
    "anymail",
    "mentoring.ops",
    "mentoring.accounts",
    "mentoring.profiles",
    "mentoring.notifications",
    "mentoring.home",
    "mentoring.audit",
    "mentoring.privacy",
    "programs",
    "matching",
    "sessions.apps.SessionsConfig",
]

MIDDLEWARE = [
    "mentoring.ops.middleware.RequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mentoring.profiles.middleware.UserTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "mentoring.accounts.middleware.SecondFactorMiddleware",
    "mentoring.kept.KeptPagesMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "mentoring.urls"
WSGI_APPLICATION = "mentoring.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "programs.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": database_config(env, BASE_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home:index"

# django-allauth: the e-mail address is the login; it must be verified by link.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "mentoring.accounts.forms.SignupForm"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Mentoring] "
ACCOUNT_LOGOUT_REDIRECT_URL = "home:index"
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, stated so they are visible and adjustable in one place.
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
}

# --- Identity: a second factor, single sign-on, the security headers ---------------------------------------------
# A second factor (TOTP app, security key or passkey; recovery codes as the fallback) is always required of staff,
# of every coordinator when MFA_REQUIRED_FOR_COORDINATORS is on, and of the coordinators of a program that asks for
# it (Program.require_mfa). mentoring/accounts/second_factor.py is the one check coordinator pages pass through.
MFA_REQUIRED_FOR_COORDINATORS = env.bool("MFA_REQUIRED_FOR_COORDINATORS", default=False)
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", default="Mentoring")
# WebAuthn needs HTTPS; the development server on http://localhost is allowed in debug only.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_RATE_LIMITS = {"webauthn_login": "10/m/ip"}

ACCOUNT_ADAPTER = "mentoring.accounts.adapters.AccountAdapter"
# Password sign-in, sign-up and reset are refused for the e-mail domains of an SSO-only organisation.
ACCOUNT_FORMS = {
    "login": "mentoring.accounts.sso_only.LoginForm",
    "signup": "mentoring.accounts.sso_only.PasswordSignupForm",
    "reset_password": "mentoring.accounts.sso_only.ResetPasswordForm",
    "reset_password_from_key": "mentoring.accounts.sso_only.ResetPasswordKeyForm",
}

# Single sign-on: OpenID Connect and SAML 2.0 identity providers, one per organisation, from the environment
# (SSO_OIDC_PROVIDERS, SSO_SAML_PROVIDERS: JSON lists, see the README) or the admin's "Social applications".
# People are provisioned on their first sign-in and matched to an existing account by a verified e-mail address only.
SOCIALACCOUNT_ADAPTER = "mentoring.accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = socialaccount_providers(
    oidc=env("SSO_OIDC_PROVIDERS", default=""), saml=env("SSO_SAML_PROVIDERS", default="")
)
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_REQUIRED = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = env.int("SSO_REQUESTS_TIMEOUT", default=10)

# No inline script or style anywhere: every page's CSS and JavaScript are files of ours or of a package, served by
# whitenoise. `data:` images are Bootstrap's own icons and the authenticator app's QR code. form-action is left out on
# purpose: signing in through an organisation's identity provider redirects a form's POST to that provider.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Nothing the product does needs a camera, a microphone or a location; security keys and passkeys (WebAuthn) are
# ours alone.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Of Font Awesome's package only the style sheets and fonts the pages use: its app would add some 10,000 files
# (every icon as SVG and JS) that whitenoise indexes at every start and collectstatic copies and compresses.
_FONT_AWESOME = Path(fontawesomefree.__file__).parent / "static" / "fontawesomefree"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("fontawesomefree/css", _FONT_AWESOME / "css"),
    ("fontawesomefree/webfonts", _FONT_AWESOME / "webfonts"),
]
# Uploaded files (program resources): never served from a public URL, only through views that check who asks.
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default="") or VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: the console (one INFO log line per e-mail) in development; EMAIL_URL (smtp+tls://user:pass@host:587)
# or the EMAIL_HOST* variables send through SMTP; ANYMAIL_ESP (mailgun, postmark, amazon_ses, ...) through a
# provider's API, with its bounce and complaint webhooks under /anymail/. Every message gets a Message-ID in
# MAIL_DOMAIN on its way (mentoring.ops.mail.SiteDomainBackend).
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Mentoring <mentoring@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ANYMAIL_ESP = env("ANYMAIL_ESP", default="")
if ANYMAIL_ESP:
    EMAIL_DELIVERY_BACKEND = f"anymail.backends.{ANYMAIL_ESP}.EmailBackend"
    # ANYMAIL_MAILGUN_API_KEY=... becomes ANYMAIL["MAILGUN_API_KEY"], and so on for every provider's settings.
    ANYMAIL = {
        name.removeprefix("ANYMAIL_"): value for name, value in os.environ.items() if name.startswith("ANYMAIL_")
    }
    ANYMAIL.pop("ESP")
elif env("EMAIL_URL", default=""):
    _email = env.email_url("EMAIL_URL")
    EMAIL_DELIVERY_BACKEND = _email.pop("EMAIL_BACKEND")
    globals().update(_email)
elif env("EMAIL_HOST", default=""):
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env.int("EMAIL_PORT", default=587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_DELIVERY_BACKEND = "mentoring.ops.mail.ConsoleBackend"
EMAIL_BACKEND = "mentoring.ops.mail.SiteDomainBackend"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# Redis, when configured, is both the Celery broker and the shared cache (allauth's
# rate limits must be counted across processes). With Redis down the cache falls back to
# local memory (mentoring.ops.cache): nobody gets a 500 because the cache is down.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    _redis_cache = {
        "BACKEND": "mentoring.ops.cache.FallbackRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "mentoring",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    CACHES = {"default": _redis_cache, "sessions": {**_redis_cache, "MAX_TIMEOUT": 600}}
    # Sessions read from Redis, the database on a miss (a query fewer per signed-in page), a copy kept 10 minutes at
    # most (mentoring.ops.cache). Without Redis, in the database alone: a sign-out must reach every process.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Seconds a page's own content, drawn for a person, is kept in Redis (mentoring.kept: never in local memory); 0: never.
KEPT_PAGES_SECONDS = env.int("DJANGO_KEPT_PAGES_SECONDS", default=60)

# Celery. A lost worker loses nothing: tasks are acknowledged after they run and
# re-delivered when a worker dies; every task is idempotent (claims before side effects).
CELERY_BROKER_DIR = Path(env("CELERY_BROKER_DIR", default=str(VAR_DIR / "celery-broker")))
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 3}
else:
    CELERY_BROKER_URL = "filesystem://localhost//"  # kombu warns about a missing host name otherwise
    # kombu's filesystem transport needs its folder before the first publish.
    CELERY_BROKER_DIR.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR),
        "data_folder_out": str(CELERY_BROKER_DIR),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="mentoring")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Pool processes per worker (default: one per CPU the worker sees; a container may see more than its limit).
CELERY_WORKER_CONCURRENCY = env.int("CELERY_WORKER_CONCURRENCY", default=None)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# A Redis outage of any length: the worker keeps reconnecting instead of giving up after 100 tries.
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# Our logging (LOGGING below, JSON on request) applies to the worker and beat too; print() in a task is INFO.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_WORKER_REDIRECT_STDOUTS_LEVEL = "INFO"
CELERY_BEAT_SCHEDULER = "mentoring.ops.beat:Scheduler"
CELERY_BEAT_SCHEDULE_FILENAME = env("CELERY_BEAT_SCHEDULE_FILENAME", default=str(VAR_DIR / "celerybeat-schedule"))
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5}
CELERY_BEAT_SCHEDULE = {
    # Beat's and the workers' sign of life for /healthz; a heartbeat that waited a minute in the queue is dropped.
    "heartbeat": {"task": "mentoring.ops.tasks.heartbeat", "schedule": 30.0, "options": {"expires": 60}},
    "scan-due-notifications": {"task": "mentoring.notifications.tasks.scan", "schedule": 60.0},
    "send-pending-notification-emails": {
        "task": "mentoring.notifications.tasks.send_pending_emails",
        "schedule": 60.0,
    },
    "expire-overdue-requests": {"task": "matching.tasks.expire_overdue_requests", "schedule": 60.0},
    "send-pending-invitations": {"task": "programs.tasks.send_pending_invitations", "schedule": 60.0},
}

# Production hardening; every value can be relaxed through the environment.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Probes and Prometheus ask the pods directly over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz(/|$)", r"^metrics$"]

# Prometheus metrics at /metrics, for whoever presents this token (`Authorization: Bearer ...`); empty: nobody.
METRICS_TOKEN = env("METRICS_TOKEN", default="")
# A bare page (ops:bare, a short HttpResponse) for tests/bench/bench_throughput.py to compare pages with; off (404)
# unless the benchmark turns it on for the gunicorn it starts.
BENCH_BARE_VIEW = env.bool("DJANGO_BENCH_BARE_VIEW", default=False)

# Logs: text for people at a terminal, or DJANGO_LOG_FORMAT=json (one object per line, with request_id and
# user_id, never personal text: mentoring.ops.logs). In development the per-request lines (runserver prints its
# own) and Celery's per-task chatter are left out so that the console e-mails and errors stand out.
LOG_FORMAT = env("DJANGO_LOG_FORMAT", default="text")
LOG_LEVEL = env("DJANGO_LOG_LEVEL", default="INFO")
_QUIET_IN_DEVELOPMENT = ["mentoring.request", "celery.beat", "celery.app.trace", "celery.worker.strategy"]
LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL, quiet=_QUIET_IN_DEVELOPMENT if DEBUG else [])

# Error reports, when SENTRY_DSN is set (mentoring.ops.sentry scrubs everything personal).
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    from mentoring.ops import sentry

    sentry.init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        release=env("SENTRY_RELEASE", default=""),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
