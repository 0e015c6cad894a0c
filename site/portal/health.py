"""/healthz for monitoring: can the site reach its database and its search engine, and
how far behind is the search update queue?

200 when the database and the search engine answer, 503 when either does not; each
component says ``ok`` or ``unavailable``. The answer names no host, path, user or
error text (it is public): the reasons go to the log.
"""

import logging

from django.db import connection
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from content_models.disclosure.api import json_response
from search.engines import get_engine
from search.models import PendingUpdate

logger = logging.getLogger(__name__)

OK, UNAVAILABLE = "ok", "unavailable"


@require_safe
def healthz(request):
    database = _database()
    components = {
        "database": {"status": database},
        "search": {"status": _search()},
        "search_queue": _queue() if database == OK else {"status": UNAVAILABLE},
    }
    healthy = all(components[name]["status"] == OK for name in ("database", "search"))
    response = json_response(
        {"status": OK if healthy else UNAVAILABLE, "components": components},
        status=200 if healthy else 503,
    )
    add_never_cache_headers(response)
    return response


def _database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "down"; the log says why
        logger.exception("healthz: database unavailable")
        return UNAVAILABLE
    return OK


def _search():
    try:
        get_engine().check()
    except Exception as error:  # noqa: BLE001 - as above
        logger.error("healthz: search engine unavailable: %s", error)
        return UNAVAILABLE
    return OK


def _queue():
    """Updates waiting for the engine: how many, how old the oldest, how many have
    failed at least once. A backlog is reported, not a failure: publishing goes on."""
    try:
        waiting = PendingUpdate.objects.count()
        oldest = PendingUpdate.objects.order_by("queued_at").first()
        failing = PendingUpdate.objects.filter(attempts__gt=0).count()
    except Exception:  # noqa: BLE001 - as above
        logger.exception("healthz: cannot read the search queue")
        return {"status": UNAVAILABLE}
    age = (timezone.now() - oldest.queued_at).total_seconds() if oldest else 0
    return {
        "status": OK if not waiting else "behind",
        "waiting": waiting,
        "failing": failing,
        "oldest_seconds": int(age),
    }
