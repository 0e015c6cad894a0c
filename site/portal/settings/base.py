"""Settings shared by every environment; what differs comes from the environment."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

from .env import env_bool, env_counts, env_int, env_list, env_set, env_str

# The repository root: site/portal/settings/base.py -> three levels up from site/.
ROOT_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(env_str("PORTAL_VAR_DIR", str(ROOT_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # ours: the rooms of ../shared/docs/ARCHITECTURE.md
    "portal",
    "content_models.regions",
    "content_models.disclosure",
    "content_models.plans",
    "content_models.villages",
    "content_models.credit",
    "content_models.charity",
    "themes",
    "imports",
    "search",
    "publishing",
    "opendata",
    "discovery",
    "clocks",
    "reports",
    "caching",  # whole public pages, kept until the next announcement
    "inspection",
    # wagtail-localize replaces wagtail.locales (see ../shared/docs/STACK.md)
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # Wagtail search on PostgreSQL needs it (postgres.E005)
    "corsheaders",  # one CORS policy for every public machine address (CORS_* below)
]

MIDDLEWARE = [
    # First: a kept page is answered before anything else runs, and what it keeps is
    # the final response, masked by MaskPersonalDataMiddleware (caching/middleware.py).
    "caching.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise and CommonMiddleware, which may answer first (corsheaders docs).
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "publishing.guards.views.PublicationBlockedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "publishing.middleware.WithdrawalNoticeMiddleware",
    "content_models.disclosure.masking_middleware.MaskPersonalDataMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite as a real embedded database: WAL lets pages read while one writer writes;
# IMMEDIATE takes the write lock when a transaction begins, so concurrent writers wait
# their turn (up to the busy timeout) instead of failing with "database is locked"
# when a read upgrades to a write (../shared/docs/STACK.md, Django 5.1+ options).
SQLITE_BUSY_TIMEOUT = 20  # seconds
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": SQLITE_BUSY_TIMEOUT,
    "init_command": "PRAGMA journal_mode=WAL",
}


def database(url):
    """Django's settings for ``url``; a SQLite file gets SQLITE_OPTIONS and its
    folder (a fresh clone has no var/, and SQLite will not create one)."""
    config = dj_database_url.parse(url, conn_max_age=60)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
        name = str(config["NAME"])
        if name and name != ":memory:" and not name.startswith("file:"):
            Path(name).parent.mkdir(parents=True, exist_ok=True)
    return config


DATABASES = {
    "default": database(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Chinese first, English second (wagtail-localize, see
# ../shared/docs/STACK.md).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
# The admin names content languages in the reader's language (英文 in a Chinese
# admin); LANGUAGES keeps each language's own name for the public switcher.
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("英文"))]
WAGTAIL_I18N_ENABLED = True
# Translations are reviewed before they go live, never published as a side effect.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Four eyes: an edit made during review (a reviewer's 一键打码 included) needs every
# step approved again on the new revision (publishing/approval.py).
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
LOCALE_PATHS = [ROOT_DIR / "site" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Open data releases: immutable files, kept apart from editors' uploads.
OPENDATA_DIR = Path(env_str("OPENDATA_DIR", str(VAR_DIR / "opendata")))
# The limit per client on every public API (open data, search, ledger) and the
# search page, "requests/seconds", each counted on its own; set but empty turns it off.
# And the request header (a META key, e.g. HTTP_X_REAL_IP) naming the client behind
# a proxy.
OPENDATA_API_RATE = env_set("OPENDATA_API_RATE", "120/60")
PORTAL_CLIENT_IP_HEADER = env_str("PORTAL_CLIENT_IP_HEADER", "")
# CORS: scripts on any site may read what is public for machines: the /api/v1 answers
# (errors included), the open-data files, releases, SHA256SUMS, diffs, data packages and
# the catalogue, and the feeds in every language. Never the admin nor anything with a
# session: no credentials, so the answer is "*". No view sets these headers by hand.
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_URLS_REGEX = (
    r"^/(?:api/v1/"
    r"|opendata/(?:releases/|diffs/|[^/]+\.[a-z]+$|[^/]+/datapackage\.json$)"
    r"|(?:[a-z]{2}(?:-[a-z]+)?/)?feeds/)"
)
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
# What a reader's script may send: languages and the validators of a polling client.
CORS_ALLOW_HEADERS = [
    "accept",
    "accept-language",
    "if-modified-since",
    "if-none-match",
    "user-agent",
]
# Readable by a script besides the CORS-safelisted ones: a 429's wait and the rate
# limit left, validators for polling, the licence link and the saved file name.
CORS_EXPOSE_HEADERS = [
    "Retry-After",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "ETag",
    "Link",
    "Content-Disposition",
]
CORS_PREFLIGHT_MAX_AGE = 86400
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "opendata": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": OPENDATA_DIR},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

WAGTAIL_SITE_NAME = _("民政信息公开")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Tasks (Wagtail's reference index and admin search, our search queue) run inline; a
# bulk job runs each distinct one once at its end (portal/tasks.py).
TASKS = {"default": {"BACKEND": "portal.tasks.ImmediateBackendOnceEach"}}
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "xlsx",
    "xls",
    "csv",
    "docx",
    "doc",
    "ofd",
    "png",
    "jpg",
    "jpeg",
]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False

# The public search (search/): Elasticsearch when ELASTICSEARCH_URL is set (the index is
# reached through this alias), else the embedded engine's files in SEARCH_INDEX_DIR.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = env_str("ELASTICSEARCH_INDEX", "portal-public")
SEARCH_INDEX_DIR = Path(env_str("SEARCH_INDEX_DIR", str(VAR_DIR / "search")))

# 索引号 pattern (../shared/docs/DOMAIN.md A2): placeholders {机构代码}, {yyyy}, {mm}
# and a serial written as n's ({nnnnn} = 5 digits). The serial counts within everything
# else the pattern renders to, so "{机构代码}/{yyyy}-{nnnnn}" numbers each agency's year
# from 1.
INDEX_NUMBER_PATTERN = env_str("INDEX_NUMBER_PATTERN", "{机构代码}/{yyyy}-{nnnnn}")

# Duties of active disclosure (clocks/duties.py): 主题分类 codes whose items are
# 标准目录 (10 working days); 体裁分类 codes of 公示 items with their period in working
# days ("gs:7"); the day after a quarter by which village disclosures are due.
CLOCKS_CATALOGUE_TOPICS = env_list("CLOCKS_CATALOGUE_TOPICS")
CLOCKS_PUBLICITY_GENRES = env_counts("CLOCKS_PUBLICITY_GENRES")
VILLAGE_DISCLOSURE_DUE_DAY = env_int("VILLAGE_DISCLOSURE_DUE_DAY", 20)
# nginx's internal location for open-data files (X-Accel-Redirect); empty: Django
# sends them itself.
OPENDATA_ACCEL_REDIRECT = env_str("OPENDATA_ACCEL_REDIRECT", "")

# Mail (依申请公开 replies and reminders, workflow notifications): SMTP from the
# environment; dev settings keep mail in files when no EMAIL_HOST is given.
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Caches: Redis when REDIS_URL is set (shared by every worker: rate limits, pages);
# else rate limits count per process and pages are kept in files, which every process
# of one machine shares: a command that publishes must reach the pages the server keeps.
REDIS_URL = env_str("REDIS_URL", "")
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache" / "pages",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
