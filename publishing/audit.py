"""The audit report (报告 → 审计日志): Wagtail's own log entries for pages and records,
filtered by person, section, action and date, exportable as CSV.

Wagtail already records create, edit, submit, approve, reject, publish and unpublish;
withdrawals add "publishing.withdraw" (publishing/wagtail_hooks.py). The report reads
every log entry regardless of the reader's editing permissions: whoever may view the
audit log sees all of it.
"""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import (
    DateRangePickerWidget,
    MultipleUserFilter,
    WagtailFilterSet,
)
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import PageLogEntry

import django_filters

from content_models.disclosure.spreadsheets import BOM, neutralise

AUDIT_PERMISSION = "publishing.view_audit_report"

# The sections an editor thinks in, by app label (docs/ARCHITECTURE.md: one app per
# family).
SECTION_APPS = ["disclosure", "plans", "villages", "credit", "charity", "regions"]


def can_view_audit(user):
    return user.is_active and user.has_perm(AUDIT_PERMISSION)


def section_choices():
    return [(label, apps.get_app_config(label).verbose_name) for label in SECTION_APPS]


def section_label(app_label):
    try:
        return str(apps.get_app_config(app_label).verbose_name)
    except LookupError:
        return app_label


def log_models():
    return list(log_action_registry.get_log_entry_models())


def logged_users():
    ids = set()
    for model in log_models():
        ids.update(model.objects.all().get_user_ids())
    User = get_user_model()
    return User.objects.filter(pk__in=ids).order_by(User.USERNAME_FIELD)


class AuditFilterSet(WagtailFilterSet):
    user = MultipleUserFilter(
        label=_("操作人"), queryset=lambda request: logged_users()
    )
    section = django_filters.ChoiceFilter(
        label=_("栏目"), choices=section_choices, method="filter_section"
    )
    action = django_filters.MultipleChoiceFilter(
        label=_("操作类型"), choices=lambda: log_action_registry.get_choices()
    )
    timestamp = django_filters.DateFromToRangeFilter(
        label=_("日期"), widget=DateRangePickerWidget
    )

    class Meta:
        model = PageLogEntry  # the filters also apply to the other log models
        fields = []

    def filter_section(self, queryset, name, value):
        return queryset.filter(content_type__app_label=value)


class AuditReportView(LogEntriesView):
    page_title = _("审计日志")
    header_icon = "history"
    filterset_class = AuditFilterSet
    results_template_name = "publishing/admin/audit_results.html"
    index_url_name = "publishing_audit"
    index_results_url_name = "publishing_audit_results"

    export_headings = {
        "timestamp": _("时间"),
        "user_display_name": _("操作人"),
        "action": _("操作类型"),
        "content_type.app_label": _("栏目"),
        "content_type": _("信息类型"),
        "object_id": _("编号"),
        "label": _("名称"),
        "comment": _("说明"),
    }
    list_export = list(export_headings)

    def dispatch(self, request, *args, **kwargs):
        if not can_view_audit(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.custom_field_preprocess["timestamp"] = {
            self.FORMAT_CSV: _local_time,
            self.FORMAT_XLSX: _local_time,
        }
        self.custom_field_preprocess["content_type.app_label"] = {
            self.FORMAT_CSV: section_label,
            self.FORMAT_XLSX: section_label,
        }

    def get_filename(self):
        return f"audit-log-{timezone.localdate():%Y-%m-%d}"

    def get_filtered_queryset(self):
        """As Wagtail's site history, but every entry (not only those of pages the
        reader may edit): a union of each log model's filtered (pk, timestamp)."""
        self.log_models = log_models()
        queryset = None
        for index, model in enumerate(self.log_models):
            rows = (
                model.objects.values("pk", "timestamp")
                .annotate(log_model_index=Value(index, output_field=IntegerField()))
                .order_by()
            )
            rows = self.filter_queryset(rows)
            queryset = rows if queryset is None else queryset.union(rows, all=True)
        return queryset.order_by("-timestamp")

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV and isinstance(value, str):
            return neutralise(value)
        return value

    def stream_csv(self, queryset):
        yield BOM
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response


def _local_time(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    return value
