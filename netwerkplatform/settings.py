"""Settings for Netwerkplatform, read from the environment.

No variable set gives a working development setup (SQLite, Celery eager, console
e-mail, local-memory cache). Production differs only by environment values; see the
table in README.md. Every reader is strict: a malformed value stops start-up with
``ImproperlyConfigured`` naming the variable.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from netwerkplatform.env import env_bool, env_int, env_list, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=True)

_DEV_SECRET_KEY = "dev-only-not-secret-netwerkplatform"  # noqa: S105 - never used with DEBUG off
SECRET_KEY = env_str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else None)
if SECRET_KEY is None:
    raise ImproperlyConfigured("Set the environment variable SECRET_KEY when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_FAILURE_VIEW = "netwerkplatform.core.views.csrf_failure"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env_url("SITE_URL", schemes={"http", "https"}, default="http://127.0.0.1:8000").rstrip(
    "/"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "taggit",
    "netwerkplatform.core",
    "initiatieven",
    "initiatieven.mozaiek",
    "bijeenkomsten",
    "matching",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "netwerkplatform.core.middleware.SecurityHeadersMiddleware",
    "netwerkplatform.core.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "netwerkplatform.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # request.htmx: the one way views tell an htmx request from a page load.
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "netwerkplatform.urls"
WSGI_APPLICATION = "netwerkplatform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "netwerkplatform.core.context_processors.site",
            ],
        },
    },
]
FORM_RENDERER = "netwerkplatform.core.forms.SiteFormRenderer"

# --- Database: SQLite file by default, PostgreSQL through DATABASE_URL -------------
DATABASE_URL = env_url("DATABASE_URL", schemes={"postgres", "postgresql", "sqlite"})
if DATABASE_URL:
    # Health checks: a connection kept from before a database restart is tested and
    # replaced at the start of a request, so the site recovers without restarting gunicorn.
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
        }
    }
USES_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: Celery broker and cache --------------------------------------------------
REDIS_URL = env_url("REDIS_URL", schemes={"redis", "rediss"})
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "np",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery -------------------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
# Without a broker there is no worker: run tasks in-process so development just works.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged after it ran, so a worker that dies mid-task does not lose it;
# tasks are idempotent (DESIGN.md, convention 5), so running one twice is harmless.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Our tasks are few and some are long (a matching chunk): one at a time per process
# keeps a slow task from holding short ones hostage in its prefetch buffer.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A stuck task must not block a worker forever; the soft limit lets it clean up first.
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 540, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 600, minimum=1)
# With acks_late, Redis redelivers an unacknowledged task after this timeout; it must
# be longer than the hard time limit or a long task would run twice at once.
# Publishing tries to connect once more at once, then gives up: a request that enqueues
# (through the outbox, core/outbox.py) must not wait seconds for a broker that is down;
# the outbox row stays and the relay publishes it when the broker is back.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_TASK_TIME_LIMIT + 300,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = "Europe/Amsterdam"
# Transactional outbox (core/outbox.py): a published or running row is retried only after
# this lease, longer than any task may run, so a slow task never runs twice at once.
OUTBOX_LEASE_SECONDS = env_int("OUTBOX_LEASE_SECONDS", CELERY_TASK_TIME_LIMIT + 60, minimum=1)
CELERY_BEAT_SCHEDULE = {
    # Outbox: publish rows whose after-commit publish failed (broker down) or whose worker
    # died; cheap when there is nothing to do (one indexed query).
    "core-outbox-relay": {
        "task": "netwerkplatform.core.tasks.outbox_relay",
        "schedule": env_int("OUTBOX_RELAY_INTERVAL", 15, minimum=1),
    },
    "core-outbox-purge": {
        "task": "netwerkplatform.core.tasks.outbox_purge",
        "schedule": crontab(hour=3, minute=30),
    },
    "core-purge-expired-sessions": {
        "task": "netwerkplatform.core.tasks.purge_expired_sessions",
        "schedule": crontab(hour=3, minute=15),
    },
    # Nightly full matching run (top 10 per initiative per kind), after the session purge
    # and before people wake up; chunks fan out over every worker.
    "matching-full-run": {
        "task": "matching.tasks.full_run",
        "schedule": crontab(hour=3, minute=45),
    },
    # Monday morning: new suggestions of the past week; a rerun sends nothing twice.
    "matching-weekly-digest": {
        "task": "matching.tasks.weekly_digest",
        "schedule": crontab(day_of_week="mon", hour=8, minute=0),
    },
    # Netwerkmozaïek: remind invited partners who have not answered yet (at most two
    # reminders, three days apart, none after submitting or after the deadline). Daily at
    # 10:00 so the mail arrives in working hours; a rerun sends nothing twice.
    "mozaiek-send-reminders": {
        "task": "initiatieven.mozaiek.tasks.send_due_reminders",
        "schedule": crontab(hour=10, minute=0),
    },
    # Events: the day-before reminder (each registration is claimed once, so reruns are safe).
    "bijeenkomsten-send-reminders": {
        "task": "bijeenkomsten.tasks.send_reminders",
        "schedule": crontab(hour=9, minute=0),
    },
    # Events: evaluation invitations for events that ended within the last week (once each).
    "bijeenkomsten-invite-evaluations": {
        "task": "bijeenkomsten.tasks.invite_evaluations",
        "schedule": crontab(hour=10, minute=0),
    },
    # Dates at events: unanswered date requests expire at their event's deadline.
    # (matching/dates/tasks.py; the task keeps its explicit old name.)
    "matching-dates-expire-requests": {
        "task": "matching.dates_tasks.dates_expire_requests",
        "schedule": crontab(minute="*/15"),
    },
}

# --- E-mail ---------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", default="Netwerkplatform <noreply@netwerkplatform.nl>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = env_str("EMAIL_HOST", default=None)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", default=None)
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
    EMAIL_TIMEOUT = 20
elif EMAIL_FILE_PATH:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- People and accounts --------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
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
LOGIN_REDIRECT_URL = "core:mijn"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "netwerkplatform.core.forms.SignupForm"
# Sign-up never reveals whether an address has an account: with mandatory verification
# allauth answers a known and a new address alike ("kijk in je mailbox"), logs in neither,
# and mails the owner of a known address instead of making a second account. A newcomer
# is logged in by the link in the mail; an e-mail login code also verifies the address.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# Six digits: easy to type on a phone; allauth allows only 3 attempts per code.
ACCOUNT_LOGIN_BY_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_CHANGE_EMAIL = False
ACCOUNT_MAX_EMAIL_ADDRESSES = 3
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Netwerkplatform] "
# `make run` serves plain http on the local machine with DEBUG off: follow SITE_URL there.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG or SITE_URL.startswith("http://") else "https"
ACCOUNT_RATE_LIMITS_ENABLED = True  # allauth's defaults; named so nobody turns them off
ACCOUNT_ADAPTER = "netwerkplatform.core.adapters.AccountAdapter"

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Security (all on when DEBUG is off) -------------------------------------------------
# LOOPBACK_HTTP=true: production settings served over plain http on 127.0.0.1, for the
# real-stack tests (tests/stack) only; refused unless every allowed host is loopback.
LOOPBACK_HTTP = env_bool("LOOPBACK_HTTP", default=False)
if LOOPBACK_HTTP and not set(ALLOWED_HOSTS) <= {"127.0.0.1", "localhost", "[::1]"}:
    raise ImproperlyConfigured("LOOPBACK_HTTP is only allowed when ALLOWED_HOSTS is loopback.")
_HTTPS = not DEBUG and not LOOPBACK_HTTP
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=_HTTPS)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=_HTTPS)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=_HTTPS)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if _HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a TLS-terminating proxy (docker-compose, a load balancer) Django must trust
# its X-Forwarded-Proto header, or the HTTPS redirect would loop.
if env_bool("BEHIND_PROXY", default=not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Logging: everything to stdout, where containers and systemd collect it ------------
LOG_LEVEL = env_str("LOG_LEVEL", default="INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {LOG_LEVEL!r}."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {
        "forbidden_one_line": {"()": "netwerkplatform.core.logging.ForbiddenWithoutTraceback"}
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.request": {"filters": ["forbidden_one_line"]},
    },
}

# Daily caps on outgoing invitations of every kind (netwerkplatform/core/limits.py).
INVITATIONS_PER_PERSON_PER_DAY = env_int("INVITATIONS_PER_PERSON_PER_DAY", 100, minimum=1)
INVITATIONS_PER_ORGANISATION_PER_DAY = env_int(
    "INVITATIONS_PER_ORGANISATION_PER_DAY", 300, minimum=1
)
