"""RSS 2.0 and Atom feeds of public items (Django's syndication framework).

One feed per scope (everything, a section, a region, a 体裁) and language; what each
scope lists is decided in ``selection``, how an item reads in ``summaries``."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from content_models.disclosure.public import item_key, lookups_cached

from . import selection
from .addresses import address, section_bases
from .summaries import feed_description

SCOPES = {
    "all": selection.everything,
    "section": selection.section,
    "region": selection.region,
    "genre": selection.genre,
}


@dataclass
class Channel:
    scope: selection.Scope
    entries: list


@dataclass
class Entry:
    title: str
    link: str
    description: str
    published: datetime
    updated: datetime
    guid: str


class EntryFeed(Feed):
    """A feed whose items are ``Entry`` values (this module's and open data's)."""

    def item_title(self, entry):
        return entry.title

    def item_link(self, entry):
        return entry.link

    def item_description(self, entry):
        return entry.description

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated

    def item_guid(self, entry):
        return entry.guid

    item_guid_is_permalink = False


class PublicRss(EntryFeed):
    feed_type = Rss201rev2Feed

    def __init__(self, scope):
        super().__init__()
        self.scope = scope

    def get_object(self, request, key=None):
        language = get_language()
        find = SCOPES[self.scope]
        scope = find(request, language) if key is None else find(request, language, key)
        return Channel(scope, entries(request, scope, language))

    def title(self, channel):
        return _("民政信息公开：%(scope)s") % {"scope": channel.scope.title}

    def link(self, channel):
        return channel.scope.link

    def description(self, channel):
        return _("%(scope)s，最新发布的%(count)s条。") % {
            "scope": channel.scope.title,
            "count": selection.LIMIT,
        }

    def items(self, channel):
        return channel.entries


class PublicAtom(PublicRss):
    feed_type = Atom1Feed
    subtitle = PublicRss.description


def entries(request, scope, language):
    bases = section_bases(language, request)
    host = request.get_host().split(":")[0]
    with lookups_cached():
        return [entry(item, bases, host) for item in selection.latest(scope, language)]


def entry(item, bases, host):
    record = item.as_public_record()
    published = item.first_published_at
    return Entry(
        title=record.title,
        link=address(item, bases),
        description=feed_description(item, record),
        published=published,
        updated=item.last_published_at or published,
        # A tag URI (RFC 4151): the same for an item whatever its title or address.
        guid=f"tag:{host},{published:%Y-%m-%d}:{item_key(item)}",
    )
