from django.core.management.base import BaseCommand

from clocks.calendar import WorkingCalendar
from clocks.handling import today
from clocks.publicity import close_publicity


class Command(BaseCommand):
    help = (
        "Take down every 公示 whose period (CLOCKS_PUBLICITY_GENRES working days) has "
        "ended, leaving a public notice; run daily from cron."
    )

    def handle(self, *args, **options):
        closed = close_publicity(today(), WorkingCalendar.current())
        for item in closed:
            self.stdout.write(f"closed {item.index_number} {item}")
        self.stdout.write(f"{len(closed)} 公示 closed")
