"""A flag: one thing on the site that breaks one rule, and where to fix it."""

import datetime
from dataclasses import dataclass

from .rules import Rule


@dataclass(frozen=True)
class Flag:
    rule: Rule
    subject: str  # the page's title, the application's number, the link
    fix_url: str  # the admin page where it is put right
    detail: str  # what was found, in words
    since: datetime.datetime | datetime.date | None = None  # the last update, if any
