"""Settings for the civilization-practice platform: one module, read from the environment.

Every value that differs between a laptop and production comes from an environment variable
(see README.md). Helpers fail loudly on a malformed value instead of guessing.
"""

import os
from datetime import timedelta
from fractions import Fraction
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is optional; variables already set in the environment win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# pytest sets PYTEST_VERSION: the suite runs with DEBUG off but needs no real secret or HTTPS.
TESTING = env.bool("TESTING", default="PYTEST_VERSION" in os.environ)

SECRET_KEY = env.str("SECRET_KEY", default="")
SECRET_KEY_MISSING = False
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105
    else:
        # Commands that sign nothing (migrate, makemigrations, collectstatic) still run; the
        # web server refuses to start (config/wsgi.py, config/asgi.py) and anything that would
        # sign with the empty key fails loudly.
        SECRET_KEY_MISSING = True

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="Wenming@2026")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "axes",
    # Database triggers declared in models' Meta (the append-only ledgers and histories).
    "pgtrigger",
    # practice is the core; the apps around it import it, never the other way. The demo data
    # is seeded in this order (reports last: they sum up what the others seeded).
    "practice",
    # The translators' review of the Mongolian catalogues (django-rosetta and our own record of
    # which strings a person has reviewed).
    "translations",
    # Campaigns and festivals (活动主题、节庆日历) and the activity categories, as data the
    # banner edits; activities, service items and honours belong to them.
    "campaigns",
    # Mediation (调解): the villages' mediators and their cases (parties private to the case).
    "mediation",
    "honours",
    "volunteers",
    # The villages' own institutions (一约四会): the compact and the councils. After volunteers
    # (the anti-drug council's activities are volunteers' activities, seeded after theirs) and
    # before banquets (whose demo's bookings the red-and-white councils decide).
    "institutions",
    "points_market",
    "banquets",
    # Mobile posts (流动驿站): their profile, monthly rounds of stops, the villagers' next
    # visit; built on volunteers (teams, service items, activities).
    "outreach",
    # The monthly submissions (月报) and dispatch meetings (月调度会); their demo hands the
    # meetings' decisions to supervision's, which makes them tasks.
    "dispatch",
    # Supervised tasks (督办), field visits (蹲点) and joint meetings (联席会议).
    "supervision",
    "reports",
    # django-rosetta: translators edit the Mongolian catalogues in the browser (translations/);
    # after the apps, so that translations/templates/rosetta/ overrides its pages.
    "rosetta",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and API answers leave gzip-compressed (a village's mobile link is slow). Below
    # WhiteNoise, which answers static files itself with the .br/.gz files collectstatic wrote
    # (never compressing on the fly); above everything that reads or writes a response body.
    # Django's GZip pads each response with random bytes against BREACH, and CSRF tokens are
    # masked per response.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # No LocaleMiddleware: the interface speaks Simplified Chinese (LANGUAGE_CODE) whatever the
    # browser asks; a phone set to English must not show a villager English pages. Only the
    # person's own choice (the switcher, remembered in a cookie and on the account) changes it.
    # After the authentication: whether a page speaks Mongolian may depend on who reads it.
    "practice.language.ChosenLanguageMiddleware",
    "practice.audit.AuditActorMiddleware",
    "practice.pages.DomainErrorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A NUL character in a query string, form or JSON body: 400 before any view (PostgreSQL
    # cannot store it).
    "practice.text_input.NulCharacterMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp) on every response: scripts only from our own static
# files (no inline script, no on*= handler, no javascript: URL; page behaviour lives in
# static/js/page.js), no plugins, no framing, forms post only to us.
# Styles allow 'unsafe-inline' deliberately: the admin, django-import-export's pages, the DRF
# browsable API and drf-spectacular's Swagger page carry inline <style> blocks and style=
# attributes, and ECharts and Swagger UI write style attributes from script. A style cannot run
# code, and our own templates keep their styles in static CSS.
# Images: our files, and data: URIs (the empty favicon, Swagger UI's and the admin's icons).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# BENCH=1 (make bench only): floor views and an X-Query-Count header on every response.
BENCH = env.bool("BENCH", default=False)
if BENCH:
    MIDDLEWARE.insert(0, "bench.views.QueryCountMiddleware")

ROOT_URLCONF = "config.urls"

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
                "django.template.context_processors.i18n",
                "practice.context_processors.navigation",
                "practice.context_processors.languages",
                "volunteers.context_processors.notifications",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite: wait for a busy writer instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    # A kept connection may have died since the last request (PostgreSQL restarted, failed over,
    # or ended it): check it before a request uses it, so that no request starts on a dead one.
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", env.bool("CONN_HEALTH_CHECKS",
                                                                   default=True))
# A request that loses its connection mid-way answers 503 with this Retry-After (seconds).
DATABASE_RETRY_AFTER = env.int("DATABASE_RETRY_AFTER", default=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Request bodies: form data and ``request.body`` over this many bytes are refused by Django
# (our 413 page, practice/pages.py), JSON and form bodies of the API by its parsers before they
# are read (413, practice/api/parsers.py). Uploaded files do not count: a photo has its own
# limit (VOLUNTEERS_PHOTO_MAX_BYTES). Django's default, 2.5 MB, made explicit.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)

AUTH_USER_MODEL = "practice.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username and address before the password check.
    "axes.backends.AxesStandaloneBackend",
    "practice.auth.UnitAwareModelBackend",
]
# The proxies we run in front of the platform (nginx, a load balancer): each appends the
# address it saw to X-Forwarded-For. 0: the platform is reached directly and the header, which
# anyone may send, is ignored; the client is REMOTE_ADDR (practice/clients.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
# Lock a username at an address after 5 failed logins (web login and API token alike).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "practice.security.lockout_response"
AXES_USERNAME_CALLABLE = "practice.security.attempted_username"  # bounded to a username
# Failed logins are rows in the database (the default handler, named here because a cache
# handler would lift every lock-out while the cache is down), per address as the platform
# defines it (practice/clients.py).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "practice.clients.client_address"
# Sign-in with the phone and an SMS code (practice/phone_sign_in.py), for accounts without a
# staff role. Every count is kept in the database: the limits hold while the cache is down.
SIGN_IN_CODE_TTL = timedelta(minutes=env.int("SIGN_IN_CODE_TTL_MINUTES", default=5))
# This many wrong codes in a row lock the phone for SIGN_IN_CODE_LOCK_MINUTES.
SIGN_IN_CODE_WRONG_LIMIT = env.int("SIGN_IN_CODE_WRONG_LIMIT", default=5)
SIGN_IN_CODE_LOCK = timedelta(minutes=env.int("SIGN_IN_CODE_LOCK_MINUTES", default=30))
# At most one code per phone every SIGN_IN_CODE_INTERVAL_SECONDS and SIGN_IN_CODES_PER_DAY a
# day (any 24 hours); SIGN_IN_CODES_PER_ADDRESS code requests per client address an hour.
SIGN_IN_CODE_INTERVAL = timedelta(seconds=env.int("SIGN_IN_CODE_INTERVAL_SECONDS", default=60))
SIGN_IN_CODES_PER_DAY = env.int("SIGN_IN_CODES_PER_DAY", default=10)
SIGN_IN_CODES_PER_ADDRESS = env.int("SIGN_IN_CODES_PER_ADDRESS", default=30)
if min(SIGN_IN_CODE_WRONG_LIMIT, SIGN_IN_CODES_PER_DAY, SIGN_IN_CODES_PER_ADDRESS) < 1 or min(
    SIGN_IN_CODE_TTL, SIGN_IN_CODE_LOCK, SIGN_IN_CODE_INTERVAL
) <= timedelta(0):
    raise ImproperlyConfigured("The SIGN_IN_CODE* settings must be at least 1.")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

if TESTING:
    # Hashing is not what the suite tests; the real hasher makes every fixture slow.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "zh-hans"
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
# A refused CSRF check answers with our page, in the person's language, not Django's English.
CSRF_FAILURE_VIEW = "practice.pages.csrf_failure"
# mn-mong: Mongolian in the traditional script; its language information and catalogue loading
# are set up by practice.language.install (never Django's Cyrillic ``mn``).
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("mn-mong", _("Mongolian (traditional script)")),
    ("en", _("English")),
]
# locale/: the project's own catalogues (made from templates/ by ``make messages``).
# locale_vendor/: kept by hand, never by makemessages: the traditional-script translations of
# Django's and DRF's own messages that villager pages show (form errors, validation, sign-in),
# which Django ships only in Cyrillic. The first path wins where both translate a message.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
# Dates and numbers in Mongolian: numeric formats of our own (config/formats/mn_Mong), never
# Django's Cyrillic month names of ``mn``.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": env.str("MEDIA_STORAGE", default="django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and not TESTING
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))

# --- Redis, cache and Celery -------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL and TESTING and os.environ.get("PYTEST_XDIST_WORKER"):
    # Parallel test workers each get a Redis database of their own (gw0 the one named, gw1 the
    # one below it, …): every test empties the cache, which must not empty another worker's.
    _base, _slash, _number = REDIS_URL.rpartition("/")
    _worker = int(os.environ["PYTEST_XDIST_WORKER"].removeprefix("gw"))
    REDIS_URL = f"{_base}/{(int(_number or 0) - _worker) % 16}"
if REDIS_URL:
    # A cache is an optimisation, never a dependency: when Redis cannot be reached, every read
    # misses and every write is dropped (IGNORE_EXCEPTIONS), so requests go on from the
    # database; the failure is logged at most once a minute (practice.log_filters.OncePerMinute).
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_PREFIX", default="civic"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    CELERY_BROKER_URL = REDIS_URL
    # The test suite runs tasks in-process unless a test starts a real worker on the broker
    # (tests/ops/test_broker_outage.py does); production never runs eagerly with a broker.
    CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=TESTING)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    # No broker configured: run tasks in-process so the embedded set-up needs nothing else.
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Tasks are acknowledged when they finish (ACKS_LATE): a task whose worker is lost (killed, the
# machine gone) stays unacknowledged, and Redis delivers it to another worker once it has been
# out this many seconds. It must exceed the longest task, or a task still running is delivered a
# second time, and the longest retry countdown (a retry waits in the worker unacknowledged):
# on the demo data (PostgreSQL) the monthly build takes about 2 s, warm_dashboard 1 s and
# flag_overdue_orders 1.3 s, while the build's last retry waits up to 240 s. Ten minutes is
# twice that: room for much larger data, and a lost task waits minutes, not Redis's default
# hour. (A worker looks for such tasks when it starts and then every 100 s, so a lost task
# runs again within the timeout and 100 s.) Every task is safe to run twice either way (see
# practice/outbox.py).
TASK_VISIBILITY_TIMEOUT = env.int("TASK_VISIBILITY_TIMEOUT", default=600)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1, "interval_start": 0, "interval_step": 0.2,
    "visibility_timeout": TASK_VISIBILITY_TIMEOUT,
}
CELERY_BEAT_SCHEDULE: dict = {
    # Send what the outbox holds when the broker was down at commit time (practice/outbox.py).
    "outbox-flush": {"task": "practice.outbox_flush", "schedule": 60.0},
    # Text messages: release those held over the quiet hours, retry those whose gateway failed.
    "sms-sweep": {"task": "practice.sms_sweep", "schedule": 60.0},
    # Flag service orders not dispatched / accepted in time and pass them up a level.
    "volunteers-flag-overdue-orders": {
        "task": "volunteers.tasks.flag_overdue_orders",
        "schedule": 3600.0,
    },
    # Text each village's volunteers the day before its volunteer service day (志愿服务活动日):
    # 09:00, so the message leaves in the day, not in the quiet hours.
    "volunteers.remind-service-days": {
        "task": "volunteers.tasks.remind_service_days",
        "schedule": crontab(minute=0, hour=9),
    },
    # Keep the leaders' dashboard figures warm (they take seconds to compute at 10× scale).
    "reports.warm-dashboard": {"task": "reports.tasks.warm_dashboard", "schedule": 240.0},
    # The monthly dispatch reports (月调度) of the month before: 02:00 on the 1st (CELERY_TIMEZONE).
    "reports.build-monthly-reports": {
        "task": "reports.tasks.build_monthly_reports",
        "schedule": crontab(minute=0, hour=2, day_of_month=1),
    },
    # Monthly submissions (月报): created at 04:00 on the 1st, after the reports' build (their
    # figures are frozen from it); reminders at 09:00 two days before the deadline and on it.
    "dispatch.create-submissions": {
        "task": "dispatch.tasks.create_submissions",
        "schedule": crontab(minute=0, hour=4, day_of_month=1),
    },
    "dispatch.remind-submissions": {
        "task": "dispatch.tasks.remind_submissions",
        "schedule": crontab(minute=0, hour=9),
    },
    # Supervised tasks: the deadline notice to the head, and three days on the escalation to
    # the banner's leaders: 08:30, so the texts leave in the day.
    "supervision.escalate-overdue-tasks": {
        "task": "supervision.tasks.escalate_overdue_tasks",
        "schedule": crontab(minute=30, hour=8),
    },
    # Campaigns and festivals: stations that have not planned an activity for one starting
    # within its reminder days are asked to (once per campaign and station): 08:00.
    "campaigns.remind-stations": {
        "task": "campaigns.tasks.remind_stations",
        "schedule": crontab(minute=0, hour=8),
    },
}
# The day of the following month by which a monthly submission must be signed off (1–28).
DISPATCH_SUBMISSION_DEADLINE_DAY = env.int("DISPATCH_SUBMISSION_DEADLINE_DAY", default=5)
# A unit below a dispatch meeting whose households' average rating is below this is on its agenda.
DISPATCH_LOW_RATING = env.float("DISPATCH_LOW_RATING", default=4.0)

# --- REST framework and OpenAPI ----------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "practice.audit.AuditedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "drf_orjson_renderer.renderers.ORJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "practice.api.parsers.BoundedJSONParser",
        "practice.api.parsers.BoundedFormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "practice.api.pagination.StandardPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "practice.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "60/minute"},
    # Stock throttles read X-Forwarded-For as practice/clients.py does (None would trust it).
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
API_DOCS_PUBLIC = env.bool("API_DOCS_PUBLIC", default=False)
SPECTACULAR_SETTINGS = {
    "TITLE": "新时代文明实践平台 API",
    "DESCRIPTION": "科左后旗新时代文明实践中心：四级联动网络、群众点单、积分超市、合约食堂。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and the docs page describe every operation: for signed-in users only, unless
    # API_DOCS_PUBLIC opens them (a public sandbox, say).
    "SERVE_PERMISSIONS": [
        "rest_framework.permissions.AllowAny" if API_DOCS_PUBLIC
        else "rest_framework.permissions.IsAuthenticated"
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per choice set that several fields share.
    "ENUM_NAME_OVERRIDES": {
        "OrderStatusEnum": "volunteers.models.OrderStatus",
        "BookingKindEnum": "banquets.models.Kind",
        "TimeEntryKindEnum": "volunteers.models.EntryKind",
        "PointsEntryKindEnum": "points_market.models.EntryKind",
        "StarEvaluationStatusEnum": "honours.models.StarEvaluationStatus",
        "SatisfactionEvaluationStatusEnum": "honours.models.EvaluationStatus",
        "BookingStatusEnum": "banquets.models.Status",
        "VolunteerApplicationStatusEnum": "volunteers.models.ApplicationStatus",
        "SubmissionStatusEnum": "dispatch.models.SubmissionStatus",
        "SupervisedTaskStateEnum": "supervision.models.TaskState",
        "OutreachStopStatusEnum": "outreach.models.StopStatus",
        "CouncilKindEnum": "institutions.models.CouncilKind",
        "HonourStatusEnum": "honours.models.HonourStatus",
        "DisputeKindEnum": "mediation.models.DisputeKind",
        "MediationOutcomeEnum": "mediation.models.Outcome",
        "DecisionOutcomeEnum": "institutions.models.Outcome",
    },
}

# --- Honours and satisfaction evaluations (honours/) ---------------------------------------
# Most representatives one satisfaction evaluation may list.
HONOURS_EVALUATION_MAX_REPRESENTATIVES = env.int("HONOURS_EVALUATION_MAX_REPRESENTATIVES",
                                                 default=200)
if HONOURS_EVALUATION_MAX_REPRESENTATIVES < 1:
    raise ImproperlyConfigured("HONOURS_EVALUATION_MAX_REPRESENTATIVES must be at least 1.")
# Share of the representatives who must vote before a result is published, as a fraction
# ("2/3": the quorum of a village representatives' assembly) or a decimal ("0.5").
try:
    HONOURS_EVALUATION_QUORUM = Fraction(env.str("HONOURS_EVALUATION_QUORUM", default="2/3"))
except (ValueError, ZeroDivisionError):
    raise ImproperlyConfigured(
        "HONOURS_EVALUATION_QUORUM must be a fraction such as 2/3."
    ) from None
if not 0 < HONOURS_EVALUATION_QUORUM <= 1:
    raise ImproperlyConfigured("HONOURS_EVALUATION_QUORUM must be above 0 and at most 1.")
# Wrong voting codes one address may enter for one evaluation within the window: the last of
# them, and everything after it until the oldest leaves the window, answers 429.
HONOURS_VOTE_CODE_FAILURES = env.int("HONOURS_VOTE_CODE_FAILURES", default=5)
HONOURS_VOTE_CODE_WINDOW = timedelta(minutes=env.int("HONOURS_VOTE_CODE_WINDOW_MINUTES",
                                                     default=10))
if HONOURS_VOTE_CODE_FAILURES < 1 or HONOURS_VOTE_CODE_WINDOW.total_seconds() <= 0:
    raise ImproperlyConfigured(
        "HONOURS_VOTE_CODE_FAILURES and HONOURS_VOTE_CODE_WINDOW_MINUTES must be at least 1."
    )
# Objections one address may file from the public board within the window (anyone may object,
# without an account): the next answers 429 until the oldest leaves the window.
HONOURS_OBJECTIONS_PER_ADDRESS = env.int("HONOURS_OBJECTIONS_PER_ADDRESS", default=5)
HONOURS_OBJECTION_WINDOW = timedelta(minutes=env.int("HONOURS_OBJECTION_WINDOW_MINUTES",
                                                     default=60))
if HONOURS_OBJECTIONS_PER_ADDRESS < 1 or HONOURS_OBJECTION_WINDOW.total_seconds() <= 0:
    raise ImproperlyConfigured(
        "HONOURS_OBJECTIONS_PER_ADDRESS and HONOURS_OBJECTION_WINDOW_MINUTES must be at least 1."
    )

# --- Volunteer services (volunteers/) ------------------------------------------------------
# Hours a submitted order may wait for dispatch before it is flagged overdue and passed up.
VOLUNTEERS_DISPATCH_WITHIN_HOURS = env.int("VOLUNTEERS_DISPATCH_WITHIN_HOURS", default=24)
# Hours a dispatched order may wait for a volunteer before it is flagged overdue.
VOLUNTEERS_ACCEPT_WITHIN_HOURS = env.int("VOLUNTEERS_ACCEPT_WITHIN_HOURS", default=48)
# Seconds an activity's check-in link (its QR code) stays valid after it is made.
VOLUNTEERS_CHECKIN_LINK_MAX_AGE = env.int("VOLUNTEERS_CHECKIN_LINK_MAX_AGE", default=24 * 3600)
# Minutes before an activity starts that volunteers may check in with the QR code.
VOLUNTEERS_CHECKIN_OPENS_BEFORE_MINUTES = env.int("VOLUNTEERS_CHECKIN_OPENS_BEFORE_MINUTES",
                                                  default=120)
# Minutes after an activity ends that volunteers may still check out with the QR code.
VOLUNTEERS_CHECKOUT_CLOSES_AFTER_MINUTES = env.int("VOLUNTEERS_CHECKOUT_CLOSES_AFTER_MINUTES",
                                                   default=120)
# Largest activity photo accepted, in bytes.
VOLUNTEERS_PHOTO_MAX_BYTES = env.int("VOLUNTEERS_PHOTO_MAX_BYTES", default=5 * 1024 * 1024)
# Volunteer applications one address may send without signing in within the window (anyone
# may apply): the next answers 429 until the oldest leaves the window.
VOLUNTEERS_APPLICATIONS_PER_ADDRESS = env.int("VOLUNTEERS_APPLICATIONS_PER_ADDRESS", default=5)
VOLUNTEERS_APPLICATION_WINDOW = timedelta(
    minutes=env.int("VOLUNTEERS_APPLICATION_WINDOW_MINUTES", default=24 * 60))
if VOLUNTEERS_APPLICATIONS_PER_ADDRESS < 1 or VOLUNTEERS_APPLICATION_WINDOW.total_seconds() <= 0:
    raise ImproperlyConfigured("VOLUNTEERS_APPLICATIONS_PER_ADDRESS and "
                               "VOLUNTEERS_APPLICATION_WINDOW_MINUTES must be at least 1.")
# Days before a campaign or festival starts that stations without an activity planned for it
# are reminded (the default of each campaign's own "remind days before").
CAMPAIGN_REMINDER_DAYS = env.int("CAMPAIGN_REMINDER_DAYS", default=7)
# Field visits (蹲点) expected of each leader per quarter (supervision's leaders' record).
SUPERVISION_VISITS_PER_QUARTER = env.int("SUPERVISION_VISITS_PER_QUARTER", default=2)
# Dotted path of the class that delivers notifications (volunteers/notifications.py).
VOLUNTEERS_NOTIFICATION_BACKEND = env.str("VOLUNTEERS_NOTIFICATION_BACKEND",
                                          default="volunteers.notifications.LoggingBackend")

# --- Translators' review (translations/, django-rosetta at /translations/rosetta/) --------------
# Rosetta offers the Mongolian catalogues alone (<app>/locale/mn_Mong/ and locale/mn_Mong/),
# never Django's or an add-on's: only the project's own apps are searched.
class _ShownName(str):
    """A language's English name that reads in the page's language wherever rosetta shows it:
    it both looks the name up (gettext) and prints it (str)."""

    def __str__(self):
        from django.utils.translation import gettext

        return gettext(str.__str__(self))


ROSETTA_LANGUAGES = [("mn-mong", _ShownName("Mongolian (traditional script)"))]
ROSETTA_MESSAGES_SOURCE_LANGUAGE_NAME = _("English")
ROSETTA_EXCLUDED_APPLICATIONS = tuple(
    app for app in INSTALLED_APPS if not (BASE_DIR / app.split(".")[0]).is_dir())
ROSETTA_POFILENAMES = ("django.po",)
ROSETTA_SHOW_AT_ADMIN_PANEL = False
# Banner administrators and accounts with the translations.translator permission; everybody
# else is turned away before rosetta answers (translations/access.py).
ROSETTA_ACCESS_CONTROL_FUNCTION = "translations.access.may_translate"
ROSETTA_LOGIN_URL = LOGIN_URL
# What rosetta keeps between requests (a catalogue it may not write) lives in the shared cache
# (Redis with REDIS_URL), which every gunicorn worker reads; the session only names the key.
ROSETTA_STORAGE_CLASS = "rosetta.storage.CacheRosettaStorage"
ROSETTA_CACHE_NAME = "default"
# A saved catalogue is compiled at once (.mo beside the .po); other workers read it after a
# reload (README: "Translators' review"). The WSGI and uWSGI reloads are for mod_wsgi and uWSGI
# only; gunicorn is reloaded with HUP.
ROSETTA_AUTO_COMPILE = True
ROSETTA_WSGI_AUTO_RELOAD = False
ROSETTA_UWSGI_AUTO_RELOAD = False
ROSETTA_ENABLE_TRANSLATION_SUGGESTIONS = False
ROSETTA_MESSAGES_PER_PAGE = 20
# The catalogues the review page counts and the write-back command reads: this checkout.
TRANSLATIONS_CATALOGUE_ROOT = Path(env.str("TRANSLATIONS_CATALOGUE_ROOT", default=str(BASE_DIR)))

# --- Text messages (practice/sms.py) -------------------------------------------------------
# Which gateway delivers text messages: "console" (written to the log and listed on the staff
# page /sms/, for demos), "http" (a JSON POST to SMS_HTTP_URL) or "aliyun" (Alibaba Cloud SMS).
SMS_BACKENDS = {
    "console": "practice.sms.ConsoleBackend",
    "http": "practice.sms.HttpBackend",
    "aliyun": "practice.sms.AliyunBackend",
}
SMS_BACKEND = env.str("SMS_BACKEND", default="console")
if SMS_BACKEND not in SMS_BACKENDS:
    raise ImproperlyConfigured(f"SMS_BACKEND must be one of {', '.join(SMS_BACKENDS)}.")
# The signature every text starts with (【新时代文明实践】); Aliyun's approved sign name.
SMS_SIGNATURE = env.str("SMS_SIGNATURE", default="新时代文明实践")
SMS_HTTP_URL = env.str("SMS_HTTP_URL", default="")
SMS_HTTP_TOKEN = env.str("SMS_HTTP_TOKEN", default="")
# Seconds to wait for a gateway's answer (http and aliyun).
SMS_HTTP_TIMEOUT = env.int("SMS_HTTP_TIMEOUT", default=10)
if SMS_BACKEND == "http" and not SMS_HTTP_URL:
    raise ImproperlyConfigured("SMS_BACKEND=http needs SMS_HTTP_URL.")
SMS_ALIYUN_ACCESS_KEY_ID = env.str("SMS_ALIYUN_ACCESS_KEY_ID", default="")
SMS_ALIYUN_ACCESS_KEY_SECRET = env.str("SMS_ALIYUN_ACCESS_KEY_SECRET", default="")
SMS_ALIYUN_SIGN_NAME = env.str("SMS_ALIYUN_SIGN_NAME", default=SMS_SIGNATURE)
# One approved template code per template: "login_code=SMS_1234,order_accepted=SMS_5678".
SMS_ALIYUN_TEMPLATE_CODES = env.dict("SMS_ALIYUN_TEMPLATE_CODES", default={})
SMS_ALIYUN_ENDPOINT = env.str("SMS_ALIYUN_ENDPOINT", default="dysmsapi.aliyuncs.com")
SMS_ALIYUN_PROTOCOL = env.str("SMS_ALIYUN_PROTOCOL", default="https")
if SMS_BACKEND == "aliyun" and not (SMS_ALIYUN_ACCESS_KEY_ID and SMS_ALIYUN_ACCESS_KEY_SECRET):
    raise ImproperlyConfigured(
        "SMS_BACKEND=aliyun needs SMS_ALIYUN_ACCESS_KEY_ID and SMS_ALIYUN_ACCESS_KEY_SECRET."
    )
# Attempts before a message is marked failed; the wait after the first failed attempt
# (doubled after each one, at most an hour).
SMS_MAX_ATTEMPTS = env.int("SMS_MAX_ATTEMPTS", default=8)
SMS_RETRY_SECONDS = env.int("SMS_RETRY_SECONDS", default=30)
if SMS_MAX_ATTEMPTS < 1 or SMS_RETRY_SECONDS < 1:
    raise ImproperlyConfigured("SMS_MAX_ATTEMPTS and SMS_RETRY_SECONDS must be at least 1.")
# Quiet hours (TIME_ZONE): messages other than sign-in codes created from the first hour until
# the second are held and sent at the second (21:00 to 08:00). Equal hours: no quiet hours.
SMS_QUIET_START_HOUR = env.int("SMS_QUIET_START_HOUR", default=21)
SMS_QUIET_END_HOUR = env.int("SMS_QUIET_END_HOUR", default=8)
if not (0 <= SMS_QUIET_START_HOUR <= 23 and 0 <= SMS_QUIET_END_HOUR <= 23):
    raise ImproperlyConfigured("SMS_QUIET_START_HOUR and SMS_QUIET_END_HOUR are hours, 0 to 23.")

# --- Security -----------------------------------------------------------------------------
# Secure by default in production; plain HTTP for local development and the test suite.
_secure = not DEBUG and not TESTING
# Behind our HTTPS proxy (nginx terminating TLS), the request was secure when the proxy says
# so in X-Forwarded-Proto: set SECURE_PROXY_SSL_HEADER=0 where no proxy of ours sets (and
# overwrites) that header, since a client could otherwise claim HTTPS itself.
SECURE_PROXY_SSL_HEADER = (("HTTP_X_FORWARDED_PROTO", "https")
                           if env.bool("SECURE_PROXY_SSL_HEADER", default=True) else None)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=_secure)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if _secure else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Joining the browsers' HSTS preload list is a deliberate, hard-to-undo step for the operator
# (SECURE_HSTS_PRELOAD=1), not a default; so its deploy-check reminder is silenced.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=_secure)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=_secure)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"once_per_minute": {"()": "practice.log_filters.OncePerMinute"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "console_once_per_minute": {"class": "logging.StreamHandler",
                                    "filters": ["once_per_minute"]},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # An unreachable cache: one line a minute, not one per request.
        "django_redis": {"handlers": ["console_once_per_minute"], "propagate": False},
    },
}
