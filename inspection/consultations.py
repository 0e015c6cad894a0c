"""Questions from the public left unanswered: the portal's channel is the 依申请公开
application (clocks), read here and never changed. Only the number is shown: the
applicant is personal data."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from clocks.models import Application, State

from .flags import Flag
from .rules import UNANSWERED


def unanswered_flags(now):
    """Open applications received before the rule's window: one query."""
    cutoff = UNANSWERED.window.start(localdate(now))
    late = (
        Application.objects.exclude(state=State.ANSWERED)
        .filter(received_on__lt=cutoff)
        .order_by("received_on", "pk")
        .values("pk", "number", "received_on")
    )
    return [
        Flag(
            UNANSWERED,
            row["number"],
            reverse("clocks_application", args=[row["pk"]]),
            _("收到申请：%(date)s，尚未答复")
            % {"date": date_format(row["received_on"], "Y-m-d")},
            row["received_on"],
        )
        for row in late
    ]
