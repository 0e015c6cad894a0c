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
