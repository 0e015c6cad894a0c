"""What staff do to an application, each step checked, recorded as a Step and written
to Wagtail's audit log (``log()``), in one transaction.

Permissions: ``clocks.change_application`` handles applications; an extension is
approved or refused only by a member of the 主要负责人 group (条例 第三十三条:
"经政府信息公开工作机构负责人同意"), superusers included only if they are members.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from publishing.roles import PRINCIPALS

from .calendar import WorkingCalendar
from .clock import MAX_EXTENSION_DAYS, clock_of
from .models import GROUNDS, Answer, Reply, ReplyAttachment, State, Step, StepKind

HANDLE_PERMISSION = "clocks.change_application"
VIEW_PERMISSION = "clocks.view_application"


class StepRefused(ValueError):
    """A step the law or the application's state does not allow; the message says
    why, for the person who tried."""


def today():
    return timezone.localdate()


def can_handle(user):
    return user.is_active and user.has_perm(HANDLE_PERMISSION)


def can_view(user):
    return user.is_active and (
        user.has_perm(VIEW_PERMISSION) or user.has_perm(HANDLE_PERMISSION)
    )


def is_principal(user):
    return user.is_active and user.groups.filter(name=PRINCIPALS).exists()


def current_clock(application, calendar=None):
    return clock_of(
        application.received_on,
        list(application.steps.all()),
        calendar or WorkingCalendar.current(),
    )


def pending_extension(application):
    """The extension request still waiting for a principal, or None."""
    decided = {
        step.note
        for step in application.steps.all()
        if step.kind in (StepKind.EXTENSION_APPROVED, StepKind.EXTENSION_REFUSED)
    }
    for step in application.steps.all():
        if step.kind == StepKind.EXTENSION_REQUESTED and str(step.pk) not in decided:
            return step
    return None


# -- the steps ----------------------------------------------------------------------


def request_supplement(application, user, note, date=None):
    """告知补正 (Art. 30): once, within 7 working days of receipt; stops the clock."""
    date = _checked(application, user, date)
    _require_state(application, State.IN_PROGRESS)
    if application.steps.filter(kind=StepKind.SUPPLEMENT_REQUESTED).exists():
        raise StepRefused(_("补正只能一次性告知，本申请已告知过补正。"))
    clock = current_clock(application)
    if date > clock.supplement_possible_until:
        raise StepRefused(
            _("补正应在收到申请之日起7个工作日内告知（截至%(date)s）。")
            % {"date": clock.supplement_possible_until.isoformat()}
        )
    if not note.strip():
        raise StepRefused(_("请写明需要补正的事项。"))
    return _record(
        application,
        user,
        StepKind.SUPPLEMENT_REQUESTED,
        date,
        State.AWAITING_SUPPLEMENT,
        note=note,
    )


def receive_supplement(application, user, date=None):
    """收到补正: the clock restarts from this day."""
    date = _checked(application, user, date)
    _require_state(application, State.AWAITING_SUPPLEMENT)
    return _record(
        application, user, StepKind.SUPPLEMENT_RECEIVED, date, State.IN_PROGRESS
    )


def start_consultation(application, user, note="", date=None):
    """征求第三方意见 (Art. 32): the time until it ends is not counted."""
    date = _checked(application, user, date)
    _require_state(application, State.IN_PROGRESS)
    return _record(
        application,
        user,
        StepKind.CONSULTATION_STARTED,
        date,
        State.CONSULTING,
        note=note,
    )


def end_consultation(application, user, note="", date=None):
    date = _checked(application, user, date)
    _require_state(application, State.CONSULTING)
    return _record(
        application,
        user,
        StepKind.CONSULTATION_ENDED,
        date,
        State.IN_PROGRESS,
        note=note,
    )


def request_extension(application, user, days, reason, date=None):
    """申请延长答复期限: up to 20 working days, with a reason, before the deadline."""
    date = _checked(application, user, date)
    _require_state(application, State.IN_PROGRESS)
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise StepRefused(
            _("延长期限应为1至%(max)s个工作日。") % {"max": MAX_EXTENSION_DAYS}
        )
    if not reason.strip():
        raise StepRefused(_("请写明延长答复期限的理由。"))
    if application.steps.filter(kind=StepKind.EXTENSION_APPROVED).exists():
        raise StepRefused(_("答复期限已经延长过，延长的期限最长不得超过20个工作日。"))
    if pending_extension(application):
        raise StepRefused(_("已有一项延期申请等待主要负责人审批。"))
    if date > current_clock(application).due:
        raise StepRefused(_("答复期限已过，不能再申请延长。"))
    return _record(
        application,
        user,
        StepKind.EXTENSION_REQUESTED,
        date,
        application.state,
        note=reason,
        days=days,
    )


def decide_extension(application, user, approve, date=None):
    """A principal approves or refuses the pending extension request."""
    if not is_principal(user):
        raise PermissionDenied
    date = _checked(application, user, date, permission=False)
    request = pending_extension(application)
    if request is None:
        raise StepRefused(_("没有等待审批的延期申请。"))
    if approve:
        _require_state(application, State.IN_PROGRESS)
        if date > current_clock(application).due:
            raise StepRefused(_("答复期限已过，不能再批准延长。"))
    kind = StepKind.EXTENSION_APPROVED if approve else StepKind.EXTENSION_REFUSED
    # The decision names its request (note), so a request is decided once.
    return _record(
        application,
        user,
        kind,
        date,
        application.state,
        note=str(request.pk),
        days=request.days if approve else None,
    )


def reply(application, user, answer, text, ground="", files=(), date=None):
    """答复: one of the 年报's outcomes (不予公开 with its ground), with documents;
    closes the application. Delivery (status page, email) follows the commit."""
    date = _checked(application, user, date)
    _require_state(application, State.IN_PROGRESS)
    if answer not in Answer.values:
        raise StepRefused(_("请选择答复类型。"))
    grounds = [value for value, _label in GROUNDS.get(answer, [])]
    if answer == Answer.NOT_DISCLOSED and not ground:
        raise StepRefused(_("不予公开应写明理由。"))
    if ground and ground not in grounds:
        raise StepRefused(_("所选理由与答复类型不符。"))
    if not text.strip():
        raise StepRefused(_("请填写答复内容。"))
    with transaction.atomic():
        step = _record(application, user, StepKind.ANSWERED, date, State.ANSWERED)
        answer_row = Reply.objects.create(
            application=application,
            answer=answer,
            ground=ground,
            text=text,
            answered_on=date,
        )
        for upload in files:
            ReplyAttachment.objects.create(
                reply=answer_row, file=upload, name=upload.name[:200]
            )
    return step


# -- shared -------------------------------------------------------------------------


def _checked(application, user, date, permission=True):
    if permission and not can_handle(user):
        raise PermissionDenied
    date = date or today()
    if date > today():
        raise StepRefused(_("日期不能晚于今天。"))
    last = application.steps.order_by("-date").values_list("date", flat=True).first()
    earliest = max(filter(None, [last, application.received_on]))
    if date < earliest:
        raise StepRefused(
            _("日期不能早于上一环节（%(date)s）。") % {"date": earliest.isoformat()}
        )
    return date


def _require_state(application, *states):
    if application.state not in states:
        raise StepRefused(
            _("申请当前状态为“%(state)s”，不能办理这一环节。")
            % {"state": application.get_state_display()}
        )


@transaction.atomic
def _record(application, user, kind, date, state, note="", days=None):
    step = Step.objects.create(
        application=application, kind=kind, date=date, note=note, days=days, user=user
    )
    application.state = state
    application.save(update_fields=["state"])
    # The log names the application by its number only (no personal data).
    data = {"step": kind, "date": date.isoformat()}
    if days is not None:
        data["days"] = days
    log(application, f"clocks.{kind}", user=user, data=data)
    return step
