"""What the ledger says about one item, for the item's own page, and where each
entry's link leads."""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.encoding import iri_to_uri

from publishing.ledger import history, shows_content, withdrawn_now
from publishing.withdrawals import Withdrawal, notice_for

register = template.Library()


@register.simple_tag
def ledger_history(item):
    """The item's publications, corrections and withdrawals, oldest first."""
    if getattr(item, "pk", None) is None:  # a preview of something never saved
        return []
    return list(history(item))


@dataclass(frozen=True)
class EntryLink:
    """A ledger entry as a list shows it: ``url`` is where its title leads ("" for
    nowhere); ``withdrawn`` says the item is withdrawn now, ``url`` then being its
    withdrawal notice when there is one."""

    entry: object
    url: str
    withdrawn: bool


@register.simple_tag
def ledger_links(entries):
    """``entries`` as ``EntryLink``s, in the same order.

    The versions of a withdrawn item are no longer served (``shows_content``), so a
    link to them would answer 404: their entries lead to the 410 notice at the item's
    address instead, or nowhere when the item was only unpublished or deleted and has
    no notice."""
    entries = list(entries)
    withdrawn = withdrawn_now(entry.item_key for entry in entries)
    notices = _notice_addresses(withdrawn)
    links = []
    for entry in entries:
        if entry.item_key in withdrawn:
            url = notices.get(entry.item_key, "")
        elif shows_content(entry, withdrawn):
            url = reverse("ledger:version", args=[entry.seq])
        else:
            url = ""  # a withdrawal the item has since been published again after
        links.append(EntryLink(entry, url, entry.item_key in withdrawn))
    return links


def _notice_addresses(keys):
    """{item key: the address answering with its withdrawal notice}, for those of
    ``keys`` that have one: the latest withdrawal of each, confirmed by the same
    ``notice_for`` that the middleware answers with."""
    latest = {}
    for withdrawal in Withdrawal.objects.filter(item_key__in=set(keys)).order_by(
        "-withdrawn_at", "-pk"
    ):
        latest.setdefault(withdrawal.item_key, withdrawal.path)
    addresses = {}
    for key, path in latest.items():
        notice = notice_for(path)
        if notice is not None and notice.item_key == key:
            addresses[key] = iri_to_uri(path)
    return addresses
