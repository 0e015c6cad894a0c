"""公示 items leave public view when their period ends, with a notice.

Taking an item down goes through publishing like any withdrawal
(``publishing.withdrawals.withdraw``: Wagtail's unpublish, so the announcement
reaches search, ledger and open data), and the withdrawal's row makes the address
answer with a notice saying the 公示期 has ended (410) instead of a bare 404. Run by
``manage.py close_publicity`` from cron, daily.
"""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from content_models.disclosure.public import disclosure_models, public_items

from .duties import publicity_genres, publicity_period


def ended_publicity(today, calendar):
    """(item, period) for every public 公示 whose period ended before ``today``.
    One query per disclosure model."""
    genres = publicity_genres()
    if not genres:
        return []
    ended = []
    for model in disclosure_models():
        rows = public_items(model).filter(genre__code__in=genres)
        for item in rows.select_related("genre"):
            if item.publication_date is None:
                continue
            period = publicity_period(item, calendar, genres[item.genre.code])
            if today > period.due:
                ended.append((item, period))
    return ended


def notice_reason(period):
    return _("公示期已满：%(period)s。") % {"period": period}


def close_publicity(today, calendar):
    """Take every ended 公示 down, each in its own transaction; the items closed."""
    from publishing.withdrawals import withdraw

    closed = []
    with translation.override(settings.LANGUAGE_CODE):  # the public notice's words
        for item, period in ended_publicity(today, calendar):
            with transaction.atomic():
                withdraw(item, notice_reason(period), user=None)
            closed.append(item)
    return closed
