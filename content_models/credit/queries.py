"""What the public may see of the credit lists, and the public lookup.

Everything goes through ``public_items`` so that pages, search and open data agree
(an entry is public only when it and its organisation both are: the public rule
follows ``CreditListEntry.public_parent``).
"""

from django.db.models import Q

from content_models.disclosure.identifiers import normalise_credit_code
from content_models.disclosure.public import public_items

from .entries import CreditListEntry, ListType
from .organisations import SocialOrganisation


def public_organisations():
    return public_items(SocialOrganisation)


def public_entries():
    return (
        public_items(CreditListEntry)
        .select_related("organisation")
        .order_by("-listed_on", "organisation__name")
    )


def parse_list_type(value):
    """The ``?list=`` filter: None for all lists, a ListType, or ValueError."""
    if not value:
        return None
    return ListType(value)


def lookup(entries, query):
    """The 互联网 lookup by 名称 or 统一社会信用代码 (../shared/docs/DOMAIN.md C)."""
    query = (query or "").strip()
    if not query:
        return entries
    return entries.filter(
        Q(organisation__name__icontains=query)
        | Q(organisation__credit_code=normalise_credit_code(query))
    )


def current_by_list(entries, list_type=None):
    """[(ListType, entries on that list now), ...] in the order of ListType."""
    types = [list_type] if list_type else list(ListType)
    current = entries.filter(removed_on__isnull=True)
    return [(kind, current.filter(list_type=kind)) for kind in types]


def removed(entries, list_type=None):
    entries = entries.filter(removed_on__isnull=False).order_by("-removed_on", "pk")
    return entries.filter(list_type=list_type) if list_type else entries
