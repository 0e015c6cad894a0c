"""Admin wiring of open data. Each feature registers in its own block."""

import logging

from django import forms
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import community_admin  # noqa: F401 (registers 需求反馈 and webhooks)
from .models import Release
from .releases import CUT_ACTION, ReleaseError, cut_release

logger = logging.getLogger(__name__)

# -- releases (设置 → 开放数据版本) --------------------------------------------------

CUT_PERMISSION = "opendata.add_release"


def can_cut(user):
    return bool(user.is_active and user.has_perm(CUT_PERMISSION))


class CutReleaseForm(forms.Form):
    note = forms.CharField(
        label=_("说明"),
        max_length=Release._meta.get_field("note").max_length,
        required=False,
        help_text=_("可选，例如生成本版本的原因"),
    )


class ReleasesView(WagtailAdminTemplateMixin, FormView):
    """The releases cut so far, and a form to cut one now. Releases are immutable:
    there is no way here to change or delete one."""

    form_class = CutReleaseForm
    template_name = "opendata/admin/releases.html"
    header_icon = "download"
    page_title = _("开放数据版本")

    def dispatch(self, request, *args, **kwargs):
        if not can_cut(request.user):
            # A plain 403 rather than Wagtail's redirect to the dashboard, so that
            # a refused cut is plainly a refusal (and nothing was cut).
            return HttpResponseForbidden(gettext("你没有生成开放数据版本的权限"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["releases"] = Release.objects.select_related("cut_by").prefetch_related(
            "files"
        )
        return context

    def form_valid(self, form):
        try:
            release = cut_release(
                Release.Kind.ON_DEMAND,
                user=self.request.user,
                note=form.cleaned_data["note"],
            )
        except ReleaseError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        except OSError as error:  # a full disk, an unwritable folder
            # cut_release has removed what it wrote: say so, not a 500.
            logger.exception("opendata: cutting a release failed")
            form.add_error(
                None,
                gettext("写入版本文件失败（%(reason)s），未生成任何版本。")
                % {"reason": error.strerror or error},
            )
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("已生成开放数据版本“%(label)s”") % {"label": release.label},
        )
        return redirect("opendata_releases")


class ReleasesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_cut(request.user)


@hooks.register("register_admin_urls")
def register_releases_url():
    return [
        path("opendata/releases/", ReleasesView.as_view(), name="opendata_releases"),
    ]


@hooks.register("register_settings_menu_item")
def register_releases_menu_item():
    return ReleasesMenuItem(
        _("开放数据版本"),
        reverse("opendata_releases"),
        name="opendata-releases",
        icon_name="download",
        order=900,
    )


@hooks.register("register_log_actions")
def register_cut_log_action(actions):
    actions.register_action(CUT_ACTION, _("生成开放数据版本"), _("生成开放数据版本"))


@hooks.register("register_permissions")
def register_release_permission():
    return Permission.objects.filter(
        content_type__app_label="opendata", codename="add_release"
    )
