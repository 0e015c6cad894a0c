"""One machine, no services: `make run`. DEBUG on unless DEBUG=0."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Serve static files straight from the apps, no collectstatic needed on one machine.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# No mail server on one machine: mail (workflow notifications while the demo loads,
# 依申请公开 replies) is written to var/mail instead of failing on localhost:25.
if not env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"  # noqa: F405
