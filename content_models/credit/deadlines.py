"""Date arithmetic for the credit lists: the days on which a listing may or must be
looked at again (../shared/docs/DOMAIN.md section C,
《社会组织信用信息管理办法》民政部令第60号).

These are reminders for editors, never legal advice printed to the public: the
removal rules in the draft text and the final text differ in detail, and a new
listing ground during a listing restarts the period.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Deadline:
    label: str
    day: datetime.date
    note: str = ""

    def is_reached(self, today):
        return today >= self.day
