"""The import in the Wagtail admin: upload a file and choose its kind, read the dry
run's report, confirm to import. Thin views: parsing and writing are ``run.py``'s.

Between the dry run and the confirmation the upload waits in a temporary file whose
path is kept in the session under a random token, so a user can only confirm a file
they uploaded themselves in this session.
"""

import secrets
import tempfile
from pathlib import Path

from django import forms
from django.apps import apps
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wagtail.models import Page

from publishing.bulk_review import submit_all
from publishing.guards.views import can_edit

from .kinds import get_spec, kinds
from .run import import_records
from .templates import template_file

SESSION_KEY = "import_records_uploads"
# token -> {model label: [pk, ...]}: the drafts a confirmed import wrote, kept for
# "submit all for review" (only ids this session's import wrote can be submitted).
WRITTEN_KEY = "import_records_written"
EXTENSIONS = (".csv", ".xlsx")


def can_import(user):
    """Imports write many records at once in every section: superusers only."""
    return bool(user.is_active and user.is_superuser)


def _check(request):
    if not can_import(request.user):
        raise PermissionDenied


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("导入类型"))
    file = forms.FileField(
        label=gettext_lazy("文件"),
        help_text=gettext_lazy("CSV（UTF-8或GB18030）或XLSX"),
    )
    skip_invalid = forms.BooleanField(
        label=gettext_lazy("跳过有问题的行，只导入其余行"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, s.label) for k, s in kinds().items()]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(_("只能上传CSV或XLSX文件"))
        return upload


def _store(upload):
    suffix = Path(upload.name).suffix.lower()
    with tempfile.NamedTemporaryFile(
        prefix="import-records-", suffix=suffix, delete=False
    ) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return handle.name


def _context(**extra):
    return {"kinds": kinds(), **extra}


def upload(request):
    _check(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        path = _store(data["file"])
        token = secrets.token_urlsafe(16)
        uploads = request.session.get(SESSION_KEY, {})
        uploads[token] = {
            "path": path,
            "kind": data["kind"],
            "name": Path(data["file"].name).name,
            "skip_invalid": data["skip_invalid"],
        }
        request.session[SESSION_KEY] = uploads
        report = import_records(
            data["kind"],
            path,
            dry_run=True,
            skip_invalid=data["skip_invalid"],
            user=request.user,
            filename=uploads[token]["name"],
        )
        can_confirm = bool(report.created or report.updated) and (
            data["skip_invalid"] or not report.errors
        )
        return render(
            request,
            "imports/records_report.html",
            _context(
                report=report,
                token=token,
                can_confirm=can_confirm,
                spec=get_spec(data["kind"]),
            ),
        )
    return render(request, "imports/records_upload.html", _context(form=form))


@require_POST
def confirm(request, token):
    _check(request)
    uploads = request.session.get(SESSION_KEY, {})
    stored = uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads
    if stored is None:
        raise Http404(_("上传的文件已过期，请重新上传"))
    path = Path(stored["path"])
    try:
        report = import_records(
            stored["kind"],
            path,
            skip_invalid=stored["skip_invalid"],
            user=request.user,
            filename=stored["name"],
            collect_ids=True,
        )
    finally:
        path.unlink(missing_ok=True)
    submit_token = None
    if report.written and report.draft_ids:
        submit_token = secrets.token_urlsafe(16)
        written = request.session.get(WRITTEN_KEY, {})
        written[submit_token] = {
            label: list(pks) for label, pks in report.draft_ids.items()
        }
        request.session[WRITTEN_KEY] = written
    return render(
        request,
        "imports/records_report.html",
        _context(
            report=report,
            done=True,
            spec=get_spec(stored["kind"]),
            drafts=[(title, edit_url(label, pk)) for label, pk, title in report.drafts],
            submit_token=submit_token,
        ),
    )


@require_POST
def submit(request, token):
    """Submit every draft the confirmed import ``token`` wrote to its workflow, as
    the user. The ids are the session's, never the request's: a POST cannot add
    an item the import did not write. Each item is checked for the user's edit
    permission (and lock) before it is submitted; ``submit_all`` refuses items
    already in review or without a workflow, and logs Wagtail's
    ``wagtail.workflow.start`` entry for each one it submits."""
    _check(request)
    written = request.session.get(WRITTEN_KEY, {})
    stored = written.pop(token, None)
    request.session[WRITTEN_KEY] = written
    if stored is None:
        raise Http404(_("这批草稿已提交过或已过期"))
    items, refused = [], []
    for label, pks in stored.items():
        model = apps.get_model(label)
        for item in model.objects.filter(pk__in=pks).order_by("pk"):
            if can_edit(request.user, item):
                items.append(item)
            else:
                refused.append((item, _("你没有编辑该信息的权限")))
    outcome = submit_all(items, request.user)
    refused += outcome.refused
    return render(
        request,
        "imports/records_submitted.html",
        {
            "submitted": len(outcome.approved),
            "refused": [
                (str(item), edit_url(item._meta.label_lower, item.pk), str(reason))
                for item, reason in refused
            ],
        },
    )


def edit_url(label, pk):
    """The admin's edit view of an imported draft: a page or a snippet."""
    model = apps.get_model(label)
    if issubclass(model, Page):
        return reverse("wagtailadmin_pages:edit", args=[pk])
    return reverse(model.snippet_viewset.get_url_name("edit"), args=[quote(pk)])


def template(request, kind, fmt):
    _check(request)
    if kind not in kinds() or fmt not in ("csv", "xlsx"):
        raise Http404
    content, content_type, filename = template_file(kind, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
