"""The forms: the public application (with its CAPTCHA-free guard), the status
lookup, and the staff's step forms."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .clock import MAX_EXTENSION_DAYS
from .models import GROUND_CHOICES, Answer, ApplicantType, Application, Delivery

# A person takes longer than this to fill the form; scripts do not.
MIN_FILL_SECONDS = 5
# A form left open longer than this is stale (the token could be replayed).
MAX_FILL_SECONDS = 24 * 3600
STARTED_SALT = "clocks.application-form"


def started_token():
    return signing.dumps(time.time(), salt=STARTED_SALT)


def seconds_since(token):
    """Seconds since the form was sent; None if the token is forged or stale."""
    try:
        started = signing.loads(token, salt=STARTED_SALT, max_age=MAX_FILL_SECONDS)
    except (signing.BadSignature, TypeError):
        return None
    elapsed = time.time() - float(started)
    return elapsed if elapsed <= MAX_FILL_SECONDS else None


class ApplicationForm(forms.ModelForm):
    # The honeypot: hidden from people (and assistive technology), filled by bots
    # that fill every field. Its name looks like a field worth filling.
    website = forms.CharField(label=_("请勿填写此项"), required=False, max_length=200)
    started = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Application
        fields = [
            "applicant_type",
            "organisation_kind",
            "name",
            "email",
            "phone",
            "address",
            "description",
            "delivery",
        ]
        widgets = {
            "applicant_type": forms.RadioSelect,
            "delivery": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = started_token()
        autocomplete = {
            "name": "name",
            "email": "email",
            "phone": "tel",
            "address": "street-address",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["website"].widget.attrs.update(
            {"tabindex": "-1", "autocomplete": "off"}
        )
        self.fields["organisation_kind"].help_text = _("法人或其他组织填写。")
        # Radio buttons without the "---------" a model field's choices bring.
        self.fields["applicant_type"].choices = ApplicantType.choices
        self.fields["delivery"].choices = Delivery.choices

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(
                _("提交未成功：请清空“请勿填写此项”一栏后再提交。"), code="honeypot"
            )
        elapsed = seconds_since(data.get("started"))
        if elapsed is None:
            raise forms.ValidationError(
                _("表单已过期，请重新填写后提交。"), code="stale"
            )
        if elapsed < MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("提交过快，请核对填写的内容后再提交。"), code="too_fast"
            )
        kind = data.get("applicant_type")
        if kind == ApplicantType.CITIZEN:
            data["organisation_kind"] = ""
        elif kind and not data.get("organisation_kind"):
            self.add_error("organisation_kind", _("法人或其他组织请选择组织类别。"))
        if not (data.get("email") or data.get("phone") or data.get("address")):
            raise forms.ValidationError(
                _("请至少填写一种联系方式（电子邮箱、电话或通信地址）。"),
                code="no_contact",
            )
        delivery = data.get("delivery")
        if delivery == "email" and not data.get("email"):
            self.add_error("email", _("选择电子邮件获取答复，请填写电子邮箱。"))
        if delivery == "post" and not data.get("address"):
            self.add_error("address", _("选择邮寄获取答复，请填写通信地址。"))
        return data

    def application_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class StatusForm(forms.Form):
    number = forms.CharField(label=_("申请编号"), max_length=40)
    secret = forms.CharField(
        label=_("查询码"),
        max_length=40,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )


# -- staff -------------------------------------------------------------------------


class StepForm(forms.Form):
    date = forms.DateField(
        label=_("日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("不填即今天。"),
    )
    note = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SupplementForm(StepForm):
    note = forms.CharField(
        label=_("需要补正的事项"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ExtensionForm(StepForm):
    days = forms.IntegerField(
        label=_("延长工作日数"), min_value=1, max_value=MAX_EXTENSION_DAYS
    )
    note = forms.CharField(
        label=_("延长理由"), widget=forms.Textarea(attrs={"rows": 3})
    )


class DecisionForm(StepForm):
    approve = forms.TypedChoiceField(
        label=_("审批意见"),
        choices=[("1", _("批准延长")), ("0", _("不批准"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (the recipe of Django's file-upload docs)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


def _check_extension(upload):
    allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if allowed and extension not in allowed:
        raise forms.ValidationError(
            _("文件“%(name)s”的类型不允许，允许：%(allowed)s")
            % {"name": upload.name, "allowed": ", ".join(allowed)}
        )


class ReplyForm(StepForm):
    answer = forms.ChoiceField(label=_("答复类型"), choices=Answer.choices)
    ground = forms.ChoiceField(
        label=_("理由"),
        choices=[("", "---------"), *GROUND_CHOICES],
        required=False,
        help_text=_(
            "不予公开必须选择理由；无法提供、不予处理、其他处理按年报分项选择。"
        ),
    )
    note = forms.CharField(
        label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 8})
    )
    files = MultipleFileField(label=_("答复附件"), required=False)

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        for upload in files:
            _check_extension(upload)
        return files
