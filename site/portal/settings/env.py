"""Reading configuration from the environment: the only place settings come from."""

import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name, default=None):
    value = os.environ.get(name)
    return default if value in (None, "") else value


def env_set(name, default):
    """The variable's value when it is set, even empty (where "" means "off");
    ``default`` only when it is not set at all."""
    value = os.environ.get(name)
    return default if value is None else value.strip()


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r}: expected 1/0, true/false, yes/no or on/off"
    )


def env_list(name, default=()):
    value = os.environ.get(name)
    if value in (None, ""):
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={value!r}: expected a whole number"
        ) from None


def env_counts(name, default=None):
    """``code:number,code:number`` as a dict, e.g. ``gs:7,db:5``."""
    counts = dict(default or {})
    for item in env_list(name):
        code, _, number = item.partition(":")
        if not code.strip() or not number.strip().isdigit():
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not written code:number (e.g. gs:7)"
            )
        counts[code.strip()] = int(number)
    return counts
