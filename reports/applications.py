"""The 年报's table 3 from the 依申请公开 register (clocks), read only.

The period's columns are 自然人 and the kinds of 法人或其他组织; its rows follow
the form's own check rule 一 + 二 = 三 + 四: received in the period, carried over
from before it, answered in it (by outcome and ground), carried over to the next
year (received by the end of the period and not yet answered on that day)."""

from django.db.models import Q

from clocks.models import GROUNDS, Answer, ApplicantType, Application

ORGANISATION_KINDS = ("business", "research", "public_interest", "legal_service")


def applicant(column):
    """The applicants of a table-3 column."""
    if column == "natural":
        return Q(applicant_type=ApplicantType.CITIZEN)
    organisations = ~Q(applicant_type=ApplicantType.CITIZEN)
    if column in ORGANISATION_KINDS:
        return organisations & Q(organisation_kind=column)
    if column == "other":  # 其他, and organisations whose kind was not given
        return organisations & Q(organisation_kind__in=("other", ""))
    return Q()  # 总计


def _applications(column, condition):
    def select(period):
        rows = (
            Application.objects.select_related("reply")
            .filter(applicant(column))
            .filter(condition(period))
        )
        return [rows.order_by("received_on", "pk")]

    return select


def received(column):
    return _applications(
        column, lambda period: Q(received_on__range=(period.start, period.end))
    )


def _unanswered_on(day):
    return Q(reply__isnull=True) | Q(reply__answered_on__gt=day)


def carried_over(column):
    """Received before the year and not answered before it began."""
    return _applications(
        column,
        lambda period: (
            Q(received_on__lt=period.start)
            & (Q(reply__isnull=True) | Q(reply__answered_on__gte=period.start))
        ),
    )


def answered(column, answer=None, grounds=None):
    """Answered in the period; with ``answer``, only that outcome (and ``grounds``)."""

    def condition(period):
        q = Q(reply__answered_on__range=(period.start, period.end))
        if answer is not None:
            q &= Q(reply__answer=answer)
        if grounds is not None:
            q &= Q(reply__ground__in=grounds)
        return q

    return _applications(column, condition)


def carried_forward(column):
    return _applications(
        column,
        lambda period: Q(received_on__lte=period.end) & _unanswered_on(period.end),
    )


def outcome_rows():
    """(key, label, answer, grounds, level) for the rows of 三、本年度办理结果."""
    rows = [
        ("disclosed", Answer.DISCLOSED.label, Answer.DISCLOSED, None, 1),
        (
            "partly_disclosed",
            Answer.PARTLY_DISCLOSED.label,
            Answer.PARTLY_DISCLOSED,
            None,
            1,
        ),
    ]
    for answer in (
        Answer.NOT_DISCLOSED,
        Answer.CANNOT_PROVIDE,
        Answer.NOT_HANDLED,
        Answer.OTHER,
    ):
        rows.append((answer.value, answer.label, None, None, 1))  # heading
        for ground, label in GROUNDS[answer]:
            grounds = (
                (ground, "")
                if (answer, ground) == (Answer.OTHER, "other")
                else (ground,)
            )
            rows.append((f"{answer.value}__{ground}", label, answer, grounds, 2))
    return rows
