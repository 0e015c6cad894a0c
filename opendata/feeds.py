"""/opendata/credit-list.atom: every day an organisation was listed on or removed from a
credit list (活动异常名录, 严重违法失信名单), newest first, and every list entry
taken off the site (withdrawn), so a watchdog's feed reader learns of each change.

Built, like the site's other feeds (``discovery/feeds.py``, whose ``Entry`` it uses),
with Django's syndication framework, and only from what is public: the public entries
(``public_entries``, through the public rule) for listings and removals, and the
public ledger's withdrawal entries for records taken down, never from Wagtail's
signals. An entry's dates are the list's own (列入日期, 移出日期); its time in the feed
is when that became public on the site.
"""

from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from content_models.credit.queries import public_entries
from content_models.disclosure.public import item_key
from discovery.feeds import Entry, EntryFeed
from publishing.models import LedgerAction, LedgerEntry

from .schema import public_value

LIMIT = 50
CREDIT_ENTRY_KIND = "credit_entry"  # the PublicRecord kind, as the ledger stores it


class CreditListAtom(EntryFeed):
    feed_type = Atom1Feed

    def get_object(self, request):
        return credit_events(request.get_host().split(":")[0])

    def title(self):
        return _("信用名录变化：列入与移出")

    def subtitle(self):
        return _(
            "社会组织列入、移出活动异常名录和严重违法失信名单的记录，最新的%(count)d条。"
        ) % {"count": LIMIT}

    def link(self):
        return reverse("opendata-dataset", kwargs={"slug": "credit-list-history"})

    def items(self, events):
        return events


def credit_events(host):
    """The latest LIMIT listings, removals and withdrawals, newest first."""
    events = []
    recent = public_entries().order_by("-last_published_at", "-pk")[:LIMIT]
    for entry in recent:
        events.extend(_entry_events(entry, host))
    withdrawals = LedgerEntry.objects.filter(
        item_type=CREDIT_ENTRY_KIND, action=LedgerAction.WITHDRAWAL
    ).order_by("-seq")[:LIMIT]
    events.extend(_withdrawal_event(entry, host) for entry in withdrawals)
    events.sort(key=lambda event: event.updated, reverse=True)
    return events[:LIMIT]


def _entry_events(entry, host):
    name = public_value(entry.organisation.name)
    list_name = entry.get_list_type_display()
    key = item_key(entry)
    link = entry.public_url() or "/"
    listed_at = entry.first_published_at or entry.last_published_at
    events = [
        Entry(
            title=_("%(name)s 列入%(list)s（%(day)s）")
            % {"name": name, "list": list_name, "day": entry.listed_on},
            link=link,
            description=public_value(entry.reason),
            published=listed_at,
            updated=listed_at,
            guid=f"tag:{host},{entry.listed_on}:{key}:listed",
        )
    ]
    if entry.removed_on:
        events.append(
            Entry(
                title=_("%(name)s 移出%(list)s（%(day)s）")
                % {"name": name, "list": list_name, "day": entry.removed_on},
                link=link,
                description=public_value(entry.removal_reason),
                published=entry.last_published_at,
                updated=entry.last_published_at,
                guid=f"tag:{host},{entry.removed_on}:{key}:removed",
            )
        )
    return events


def _withdrawal_event(ledger_entry, host):
    return Entry(
        title=_("已撤回：%(title)s") % {"title": ledger_entry.title},
        link=ledger_entry.url or "/",
        description=public_value(ledger_entry.note),
        published=ledger_entry.time,
        updated=ledger_entry.time,
        guid=f"tag:{host},{ledger_entry.time:%Y-%m-%d}:{ledger_entry.item_key}:"
        f"withdrawn:{ledger_entry.seq}",
    )
