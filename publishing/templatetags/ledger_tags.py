"""What the ledger says about one item, for the item's own page."""

from django import template

from publishing.ledger import history

register = template.Library()


@register.simple_tag
def ledger_history(item):
    """The item's publications, corrections and withdrawals, oldest first."""
    if getattr(item, "pk", None) is None:  # a preview of something never saved
        return []
    return list(history(item))
