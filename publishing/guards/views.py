"""The admin side of the guards: the 一键打码 button's view, showing the problems of a
blocked publication to the editor instead of an error page, and the page where an
editor records that a number the search found is not personal data (with a reason,
kept in the item's audit log)."""

from django import forms
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin import messages as admin_messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.models import Page

from content_models.disclosure.metadata import DisclosureMetadata
from content_models.disclosure.personal_data_exceptions import PersonalDataException
from content_models.disclosure.privacy import mask_number
from content_models.disclosure.public import item_key
from content_models.disclosure.publication import PublicationBlocked, report_blocked

from ..masking import mask_item
from .personal_data import PersonalDataProblem, personal_data_findings

PERSONAL_DATA_EXCEPTION_ACTION = "publishing.personal_data_exception"


def mask_url(item):
    return reverse(
        "publishing_mask",
        args=(item._meta.app_label, item._meta.model_name, item.pk),
    )


def can_edit(user, item):
    """The user may change the item now: edit permission and no lock against them."""
    if isinstance(item, Page):
        permissions = item.permissions_for_user(user)
        return permissions.can_edit() and not permissions.page_locked()
    viewset = getattr(item, "snippet_viewset", None)
    if (
        viewset is None
        or not viewset.permission_policy.user_has_permission_for_instance(
            user, "change", item
        )
    ):
        return False
    lock = item.get_lock() if hasattr(item, "get_lock") else None
    return not (lock and lock.for_user(user))


@require_POST
def mask_view(request, app_label, model_name, pk):
    item = _item_or_404(app_label, model_name, pk)
    if not can_edit(request.user, item):
        # A plain 403, not Wagtail's redirect to the dashboard: nothing was changed.
        return HttpResponseForbidden(gettext("你没有编辑该信息的权限"))
    count = mask_item(item, user=request.user)
    if count:
        messages.success(
            request,
            gettext("已对最近保存的草稿打码%(count)s处，并保存为新草稿；请检查后再提交")
            % {"count": count},
        )
    else:
        messages.info(request, gettext("最近保存的草稿中没有需要打码的号码"))
    return redirect(AdminURLFinder(request.user).get_edit_url(item))


def _item_or_404(app_label, model_name, pk):
    """A published item (page or record) with revisions, or 404."""
    try:
        model = apps.get_model(app_label, model_name)
        item = model._default_manager.filter(pk=pk).first()
    except (LookupError, ValueError, ValidationError):
        raise Http404 from None
    if not isinstance(item, DisclosureMetadata):
        raise Http404
    return item


class PublicationBlockedMiddleware:
    """A publication stopped by a guard, in the admin, becomes messages on the page
    the editor came from — whichever way it was published (publish button, workflow
    approval). The draft revision saved before the publish step stays."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PublicationBlocked):
            return None
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        report_blocked(exception, request.user)  # the blocked transaction is undone
        return blocked_response(request, exception.problems, _back_url(request))


def blocked_response(request, problems, back):
    messages.error(request, gettext("未能发布：发布前检查发现以下问题，请修改后再发布"))
    for problem in problems:
        messages.error(request, str(problem))
    review = _review_url(problems)
    if review:
        admin_messages.warning(
            request,
            gettext("如某个号码并非个人信息，可逐条说明理由后记录为误报"),
            buttons=[admin_messages.button(review, gettext("核对个人信息"))],
        )
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        # Wagtail's workflow modals expect JSON and follow "redirect".
        return JsonResponse({"step": "success", "redirect": back})
    return redirect(back)


def _review_url(problems):
    for problem in problems:
        if isinstance(problem, PersonalDataProblem) and problem.item_key:
            label, pk = problem.item_key.split(":", 1)
            return reverse("publishing_personal_data", args=(*label.split("."), pk))
    return None


# -- recording a false alarm ("这不是个人信息") ---------------------------------------


def finding_token(item, number):
    """Names one number of one item in a form without showing it: the number in a
    page or URL would be the very leak the guard prevents."""
    value = f"{item_key(item)}:{number}"
    return salted_hmac(PERSONAL_DATA_EXCEPTION_ACTION, value).hexdigest()[:32]


class NotPersonalDataForm(forms.Form):
    finding = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("例如：这是项目编号，不是身份证号。理由写入审计日志"),
    )


class PersonalDataView(WagtailAdminTemplateMixin, TemplateView):
    """The numbers the guard found in the item's latest draft, each shown masked,
    each with a form to record that it is not personal data."""

    template_name = "publishing/admin/personal_data.html"
    header_icon = "warning"
    page_title = gettext_lazy("核对个人信息")

    def dispatch(self, request, app_label, model_name, pk):
        self.item = _item_or_404(app_label, model_name, pk)
        if not can_edit(request.user, self.item):
            return HttpResponseForbidden(gettext("你没有编辑该信息的权限"))
        self.draft = self.item.get_latest_revision_as_object()
        return super().dispatch(request)

    def get_page_subtitle(self):
        return str(self.draft)

    def findings(self):
        return [
            (where, finding, finding_token(self.item, finding.number))
            for where, finding in personal_data_findings(self.draft)
        ]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [
            {
                "where": where,
                "finding": finding,
                "form": (
                    form
                    if form is not None and form.data.get("finding") == token
                    else NotPersonalDataForm(initial={"finding": token})
                ),
            }
            for where, finding, token in self.findings()
        ]
        context["exceptions"] = [
            (exception, mask_number(exception.number))
            for exception in PersonalDataException.objects.filter(
                item_key=item_key(self.item)
            ).select_related("created_by")
        ]
        context["edit_url"] = AdminURLFinder(self.request.user).get_edit_url(self.item)
        return context

    def post(self, request):
        form = NotPersonalDataForm(request.POST)
        found = form.is_valid() and self._finding(form.cleaned_data["finding"])
        if not found:
            if form.is_valid():
                messages.error(request, gettext("该号码已不在最新草稿中，请刷新后重试"))
            return self.render_to_response(self.get_context_data(form=form))
        self._record(found, form.cleaned_data["reason"])
        messages.success(
            request,
            gettext("已将%(masked)s记录为非个人信息，发布时不再拦截")
            % {"masked": found.masked},
        )
        return redirect(request.path)

    def _finding(self, token):
        for _where, finding, expected in self.findings():
            if constant_time_compare(token, expected):
                return finding
        return None

    @transaction.atomic
    def _record(self, finding, reason):
        PersonalDataException.objects.get_or_create(
            item_key=item_key(self.item),
            number=finding.number,
            defaults={"reason": reason, "created_by": self.request.user},
        )
        log(
            instance=self.item,
            action=PERSONAL_DATA_EXCEPTION_ACTION,
            user=self.request.user,
            data={"number_masked": finding.masked, "reason": reason},
        )


def personal_data_url(item):
    return reverse(
        "publishing_personal_data",
        args=(item._meta.app_label, item._meta.model_name, item.pk),
    )


def _back_url(request):
    referer = request.headers.get("referer", "")
    if (
        request.method == "POST"
        and referer
        and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()})
    ):
        return referer
    return request.get_full_path()
