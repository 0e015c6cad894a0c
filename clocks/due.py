"""What is due and what is late: every open application with its clock, sorted
into the lists staff work from (admin pages, reminders, the dashboard panel)."""

from .clock import clock_of, due_soon, working_days_left
from .models import Application, State


def open_applications(today, calendar):
    """Every open application with its clock, in three lists: overdue, due within
    DUE_SOON_DAYS working days, and the rest (stopped clocks included). Two queries
    whatever the number of applications."""
    overdue, soon, rest = [], [], []
    applications = (
        Application.objects.exclude(state=State.ANSWERED)
        .prefetch_related("steps")
        .order_by("received_on", "pk")
    )
    for application in applications:
        clock = clock_of(
            application.received_on, list(application.steps.all()), calendar
        )
        row = {"application": application, "clock": clock}
        if clock.running:
            row["left"] = working_days_left(clock, today, calendar)
        if clock.overdue_on(today):
            overdue.append(row)
        elif due_soon(clock, today, calendar):
            soon.append(row)
        else:
            rest.append(row)
    overdue.sort(key=lambda row: row["clock"].due)
    soon.sort(key=lambda row: row["clock"].due)
    return overdue, soon, rest
