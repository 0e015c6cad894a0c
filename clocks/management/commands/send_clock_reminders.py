"""Cron: ``manage.py send_clock_reminders`` each morning mails staff the overdue and
due-soon 依申请公开 applications (clocks/reminders.py)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from clocks.handling import today
from clocks.reminders import send_reminders


class Command(BaseCommand):
    help = "Mail staff the overdue and due-soon applications (once a working day)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="the day to report on, YYYY-MM-DD (default: today, Beijing)"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="send even on a day off or when today's reminder was already sent",
        )

    def handle(self, *args, date=None, force=False, **options):
        day = today()
        if date:
            try:
                day = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError(
                    f"--date {date!r}: expected a date as YYYY-MM-DD"
                ) from None
        outcome = send_reminders(day, force=force)
        summary = (
            f"{day.isoformat()}: overdue {outcome.overdue}, "
            f"due soon {outcome.due_soon}, mails sent {outcome.sent}"
        )
        if outcome.skipped:
            summary += f" (not sent: {outcome.skipped})"
        self.stdout.write(summary)
