"""The clocks' records: the administrators' calendar adjustments, and the register of
依申请公开 applications (personal data: never a public record)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .storage import private_storage


class CalendarAdjustment(models.Model):
    """A day the State Council's schedule makes a day off or a working day, entered
    by an administrator where chinese-calendar does not know the year yet (or is
    wrong). Entering any day of a year marks that year as known: enter the whole
    schedule of the year (days off and 调休 working weekends) at once."""

    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(
        _("是工作日"),
        default=False,
        help_text=_("调休上班的周末选“是”；放假的日子选“否”。"),
    )
    note = models.CharField(
        _("说明"),
        max_length=60,
        help_text=_("节日名称，如“春节”；时限说明中显示。"),
    )

    class Meta:
        ordering = ["date"]
        # The active-disclosure lists (proactive.py) hang here: the clocks' own
        # permission, not any content model's.
        permissions = [("view_proactive_duties", _("可以查看主动公开时限"))]
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")

    def __str__(self):
        kind = _("上班") if self.is_working_day else _("放假")
        return f"{self.date.isoformat()} {kind} {self.note}"


class ApplicantType(models.TextChoices):
    CITIZEN = "citizen", _("公民")
    LEGAL_PERSON = "legal_person", _("法人")
    OTHER_ORGANISATION = "other_organisation", _("其他组织")


class OrganisationKind(models.TextChoices):
    """The columns of the 年报's table 3 for 法人或其他组织."""

    BUSINESS = "business", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_INTEREST = "public_interest", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER = "other", _("其他")


class Delivery(models.TextChoices):
    """How the answer is to be delivered (条例 第二十九条: 获取方式)."""

    ONLINE = "online", _("在本网站查询页查看")
    EMAIL = "email", _("电子邮件")
    POST = "post", _("邮寄")
    PICKUP = "pickup", _("当面领取")


class State(models.TextChoices):
    IN_PROGRESS = "in_progress", _("办理中")
    AWAITING_SUPPLEMENT = "awaiting_supplement", _("待补正")
    CONSULTING = "consulting", _("征求第三方意见")
    ANSWERED = "answered", _("已答复")


class Application(models.Model):
    """An application for disclosure (依申请公开, 条例 第二十七至三十三条).

    Personal data: shown to the applicant (with the secret) and to staff, never
    published; nothing public reads this model."""

    number = models.CharField(_("申请编号"), max_length=20, unique=True)
    secret_digest = models.CharField(max_length=64, editable=False)
    applicant_type = models.CharField(
        _("申请人类型"), max_length=20, choices=ApplicantType.choices
    )
    organisation_kind = models.CharField(
        _("组织类别"), max_length=20, choices=OrganisationKind.choices, blank=True
    )
    name = models.CharField(_("姓名或名称"), max_length=100)
    email = models.EmailField(_("电子邮箱"), blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    description = models.TextField(
        _("所需信息"),
        max_length=2000,
        help_text=_("信息的名称、文号，或者便于查找的其他特征性描述。"),
    )
    delivery = models.CharField(_("获取方式"), max_length=10, choices=Delivery.choices)
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    received_on = models.DateField(_("收到申请日期"))
    state = models.CharField(
        _("状态"), max_length=20, choices=State.choices, default=State.IN_PROGRESS
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        indexes = [models.Index(fields=["state"])]

    def __str__(self):
        # The audit log and admin show this: the number, never the person.
        return self.number

    @property
    def open(self):
        return self.state != State.ANSWERED


class StepKind(models.TextChoices):
    SUPPLEMENT_REQUESTED = "supplement_requested", _("告知补正")
    SUPPLEMENT_RECEIVED = "supplement_received", _("收到补正")
    CONSULTATION_STARTED = "consultation_started", _("征求第三方意见")
    CONSULTATION_ENDED = "consultation_ended", _("第三方意见征询结束")
    EXTENSION_REQUESTED = "extension_requested", _("申请延长答复期限")
    EXTENSION_APPROVED = "extension_approved", _("批准延长答复期限")
    EXTENSION_REFUSED = "extension_refused", _("不批准延长答复期限")
    ANSWERED = "answered", _("答复")


class Step(models.Model):
    """One thing that happened to an application, on the day it counts in law."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="steps"
    )
    kind = models.CharField(_("环节"), max_length=30, choices=StepKind.choices)
    date = models.DateField(_("日期"))
    days = models.PositiveSmallIntegerField(_("工作日数"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "created_at", "pk"]
        verbose_name = _("办理环节")
        verbose_name_plural = _("办理环节")

    def __str__(self):
        return f"{self.application} {self.get_kind_display()} {self.date}"


class Answer(models.TextChoices):
    """The 年报's table 3 outcomes (国办公开办函〔2021〕30号)."""

    DISCLOSED = "disclosed", _("予以公开")
    PARTLY_DISCLOSED = "partly_disclosed", _("部分公开")
    NOT_DISCLOSED = "not_disclosed", _("不予公开")
    CANNOT_PROVIDE = "cannot_provide", _("无法提供")
    NOT_HANDLED = "not_handled", _("不予处理")
    OTHER = "other", _("其他处理")


# The 年报's rows under each outcome that has them.
GROUNDS = {
    Answer.NOT_DISCLOSED: [
        ("state_secret", _("属于国家秘密")),
        ("prohibited_by_law", _("其他法律行政法规禁止公开")),
        ("three_safeties", _("危及“三安全一稳定”")),
        ("third_party", _("保护第三方合法权益")),
        ("internal_affairs", _("属于三类内部事务信息")),
        ("process", _("属于四类过程性信息")),
        ("enforcement_file", _("属于行政执法案卷")),
        ("inquiry", _("属于行政查询事项")),
    ],
    Answer.CANNOT_PROVIDE: [
        ("not_held", _("本机关不掌握相关政府信息")),
        ("must_be_created", _("没有现成信息需要另行制作")),
        ("still_unclear", _("补正后申请内容仍不明确")),
    ],
    Answer.NOT_HANDLED: [
        ("petition", _("信访举报投诉类申请")),
        ("repeated", _("重复申请")),
        ("publication", _("要求提供公开出版物")),
        ("excessive", _("无正当理由大量反复申请")),
        ("confirmation", _("要求行政机关确认或重新出具已获取信息")),
    ],
    Answer.OTHER: [
        ("no_supplement", _("申请人逾期未按收费通知要求缴纳费用或逾期不补正")),
        ("other", _("其他")),
    ],
}
GROUND_CHOICES = [choice for choices in GROUNDS.values() for choice in choices]


class Reply(models.Model):
    """The answer, delivered on the status page and by email."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="reply"
    )
    answer = models.CharField(_("答复类型"), max_length=20, choices=Answer.choices)
    ground = models.CharField(
        _("理由"), max_length=30, choices=GROUND_CHOICES, blank=True
    )
    text = models.TextField(_("答复内容"))
    answered_on = models.DateField(_("答复日期"))

    class Meta:
        verbose_name = _("答复")
        verbose_name_plural = _("答复")

    def __str__(self):
        return f"{self.application} {self.get_answer_display()}"


class ReplyAttachment(models.Model):
    """A document of the reply, kept outside the media folder (storage.py): only the
    applicant's status page and email give it out."""

    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("文件"), storage=private_storage, upload_to="applications/%Y/%m/"
    )
    name = models.CharField(_("文件名"), max_length=200)

    class Meta:
        verbose_name = _("答复附件")
        verbose_name_plural = _("答复附件")

    def __str__(self):
        return self.name


class ReminderRun(models.Model):
    """A day's reminder mail was sent: cron may call the command more than once a
    day without staff getting the same list twice."""

    day = models.DateField(_("日期"), unique=True)
    recipients = models.PositiveIntegerField(_("收件人数"), default=0)
    overdue = models.PositiveIntegerField(_("逾期件数"), default=0)
    due_soon = models.PositiveIntegerField(_("即将到期件数"), default=0)
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("到期提醒记录")
        verbose_name_plural = _("到期提醒记录")

    def __str__(self):
        return self.day.isoformat()
