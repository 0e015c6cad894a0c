"""The demo applications: one in every state, each on the list it belongs to."""

from clocks import demo, handling
from clocks.calendar import WorkingCalendar
from clocks.due import open_applications
from clocks.models import Application, State


def test_the_demo_has_an_application_in_every_state(db, today):
    made = demo.build()
    states = {application.state for application in made.values()}
    assert states == set(State.values)
    overdue, soon, _rest = open_applications(
        handling.today(), WorkingCalendar.current()
    )
    assert made["overdue"] in [row["application"] for row in overdue]
    assert made["due_soon"] in [row["application"] for row in soon]
    assert handling.current_clock(made["extended"]).extension_days == 20
    assert handling.current_clock(made["answered_late"]).answered_late()
    assert handling.pending_extension(made["extension_pending"]) is not None
    assert demo.build() == {}  # once
    assert Application.objects.count() == len(made)
