"""Blocked publications in the audit log: who tried to publish what, and which rule
stopped it at which field (报告 → 审计日志 lists them as "publishing.blocked")."""

from wagtail.log_actions import log
from wagtail.models import Page

BLOCKED_ACTION = "publishing.blocked"


def log_blocked(blocked, user=None):
    """Listener of ``content_models.disclosure.publication.on_blocked``."""
    item = blocked.item
    if item is None:
        return
    item = item.specific if isinstance(item, Page) else item
    log(
        item,
        BLOCKED_ACTION,
        user=user,
        revision=blocked.revision,
        data={
            "problems": [
                {"rule": p.rule, "where": p.where, "message": p.message}
                for p in blocked.problems
            ]
        },
    )
