"""Demo applications, one in every state of the clock, entered through the same
steps staff take (so the audit log and the clock read as in real use). Dates are
counted back from today in working days, so the lists always show something overdue
and something due soon."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction

from publishing.roles import PRINCIPALS

from . import handling, tracking
from .calendar import WorkingCalendar
from .models import Answer, Application
from .roles import HANDLERS

PEOPLE = [
    ("citizen", "", "王建国", "wang@example.org"),
    ("legal_person", "business", "清源区惠民超市有限公司", "shop@example.org"),
    ("other_organisation", "public_interest", "清源区助老志愿者协会", ""),
]


def _person(username, group):
    user, _created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@bureau.example"}
    )
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def _working_days_before(calendar, today, n):
    day = today
    while n:
        day -= datetime.timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


@transaction.atomic
def build(today=None):
    """Create the demo applications unless some exist; return them by state name."""
    if Application.objects.exists():
        return {}
    today = today or handling.today()
    calendar = WorkingCalendar.current()
    handler = _person("clocks-handler", HANDLERS)
    principal = _person("clocks-principal", PRINCIPALS)

    def back(n):
        return _working_days_before(calendar, today, n)

    def apply(n, description, person=0):
        kind, organisation, name, email = PEOPLE[person % len(PEOPLE)]
        application, _secret = tracking.submit(
            received_on=back(n),
            applicant_type=kind,
            organisation_kind=organisation,
            name=name,
            email=email,
            address="" if email else "清源区青山镇人民路1号",
            description=description,
            delivery="email" if email else "post",
        )
        return application

    made = {
        "fresh": apply(2, "2026年本区养老服务补贴发放名单（去除个人身份信息）"),
        "due_soon": apply(17, "本局2026年政府采购项目清单", 1),
        "overdue": apply(25, "青山镇2025年临时救助资金使用情况", 2),
    }
    waiting = made["awaiting_supplement"] = apply(4, "关于低保的文件")
    handling.request_supplement(
        waiting, handler, "请写明所需文件的名称、文号或年份。", back(3)
    )
    restarted = made["restarted"] = apply(12, "低保相关规定", 1)
    handling.request_supplement(restarted, handler, "请写明具体文件。", back(11))
    handling.receive_supplement(restarted, handler, back(6))
    consulting = made["consulting"] = apply(8, "某养老机构的运营补贴申报材料", 1)
    handling.start_consultation(consulting, handler, "征求该养老机构意见", back(5))
    resumed = made["consulted"] = apply(15, "某公司承接的社区服务项目合同", 2)
    handling.start_consultation(resumed, handler, "征求承接公司意见", back(12))
    handling.end_consultation(resumed, handler, "第三方同意公开", back(7))
    pending = made["extension_pending"] = apply(16, "本区近五年社会组织年检结果汇总")
    handling.request_extension(pending, handler, 15, "需多个科室汇总", back(1))
    extended = made["extended"] = apply(24, "2020年以来全部救灾物资发放记录", 1)
    handling.request_extension(extended, handler, 20, "信息量大，需调档", back(6))
    handling.decide_extension(extended, principal, True, back(5))
    answered = made["answered"] = apply(30, "2025年城乡低保标准调整文件")
    handling.reply(
        answered,
        handler,
        Answer.DISCLOSED,
        "您申请的信息予以公开，见附件。",
        files=[ContentFile(b"%PDF-1.4 demo", name="答复告知书.pdf")],
        date=back(12),
    )
    refused = made["refused"] = apply(32, "某村低保对象的家庭收入明细", 2)
    handling.reply(
        refused,
        handler,
        Answer.NOT_DISCLOSED,
        "所申请信息涉及个人隐私，公开会对第三方合法权益造成损害。",
        ground="third_party",
        date=back(5),
    )
    late = made["answered_late"] = apply(40, "本局内设机构职责")
    handling.reply(
        late,
        handler,
        Answer.CANNOT_PROVIDE,
        "本机关未制作该信息。",
        ground="not_held",
        date=back(3),
    )
    for application in made.values():
        application.refresh_from_db()
    return made
