"""The admin in Chinese where no message catalogue reaches: rows that Django and
Wagtail write in English when the database is migrated.

Django names every permission "Can add <model>" in English, and Wagtail's group
editor reads those names as they are stored (its screen-reader labels are not
translated at all); Wagtail's first migrations seed a root page "Root", the groups
"Moderators" and "Editors" and the workflow and task "Moderators approval". After
each ``migrate`` these rows get Chinese names, once: only a name still equal to the
English default is rewritten, so an administrator's own names are never touched.
The strings Wagtail translates at display time come from
``site/locale/zh_Hans`` instead.
"""

import re

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS
from django.utils import translation
from django.utils.translation import gettext

# Django's and Wagtail's per-model permission verbs ("Can publish <model>" comes from
# Wagtail's DraftStateMixin and LockableMixin snippets).
VERBS = {
    "add": "添加",
    "change": "修改",
    "delete": "删除",
    "view": "查看",
    "publish": "发布",
    "lock": "锁定",
    "unlock": "解锁",
}
MODEL_PERMISSION = re.compile(rf"^Can ({'|'.join(VERBS)}) (.+)$")

# What Wagtail's migrations seed in English (wagtailcore 0001, 0002, 0048).
SEEDED_NAMES = {
    "group": {"Moderators": "审核员", "Editors": "编辑"},
    "workflow": {"Moderators approval": "审核员审批"},
    "task": {"Moderators approval": "审核员审批"},
    "root_page": {"Root": "根目录"},
    "root_collection": {"Root": "根集合"},
}


def permission_name(permission, model):
    """The Chinese name of ``permission`` (on ``model``, None if the model is gone),
    or None when it has no English default we know."""
    match = MODEL_PERMISSION.match(permission.name)
    if match and model is not None:
        verb, rest = match.groups()
        if rest in (str(model._meta.verbose_name_raw), model._meta.model_name):
            return f"可{VERBS[verb]}{model._meta.verbose_name}"
    if not permission.name.isascii():
        return None  # already Chinese, or named by an administrator
    translated = gettext(
        permission.name
    )  # Wagtail's own names, e.g. "Publish any page"
    return translated if translated != permission.name else None


def name_in_chinese(using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """post_migrate: give the English rows above their Chinese names, once after the
    last app has created its permissions."""
    if kwargs.get("app_config") is not _last_app_with_models():
        return
    # The last app's own permissions are created by a receiver connected after this
    # one (portal is the first app): create them now (idempotent).
    create_permissions(kwargs["app_config"], verbosity=0, using=using, apps=apps)
    try:
        Permission = apps.get_model("auth", "Permission")
        Group = apps.get_model("auth", "Group")
        Page = apps.get_model("wagtailcore", "Page")
        Workflow = apps.get_model("wagtailcore", "Workflow")
        Task = apps.get_model("wagtailcore", "Task")
    except LookupError:  # migrating only part of the project
        return
    with translation.override("zh-hans"):
        permissions = Permission.objects.using(using).select_related("content_type")
        for permission in permissions:
            name = permission_name(permission, _model(permission.content_type))
            if name and name != permission.name:
                permission.name = name[: Permission._meta.get_field("name").max_length]
                permission.save(update_fields=["name"])
        for model, field, seeds in (
            (Group, "name", SEEDED_NAMES["group"]),
            (Workflow, "name", SEEDED_NAMES["workflow"]),
            (Task, "name", SEEDED_NAMES["task"]),
        ):
            for english, chinese in seeds.items():
                rows = model.objects.using(using).filter(**{field: english})
                if not model.objects.using(using).filter(**{field: chinese}).exists():
                    rows.update(**{field: chinese})
        Collection = apps.get_model("wagtailcore", "Collection")
        for english, chinese in SEEDED_NAMES["root_collection"].items():
            Collection.objects.using(using).filter(depth=1, name=english).update(
                name=chinese
            )
        for english, chinese in SEEDED_NAMES["root_page"].items():
            Page.objects.using(using).filter(depth=1, title=english).update(
                title=chinese, draft_title=chinese
            )


def _last_app_with_models():
    # migrate sends post_migrate for each app that has a models module, in order.
    configs = [c for c in global_apps.get_app_configs() if c.models_module is not None]
    return configs[-1] if configs else None


def _model(content_type):
    try:
        return global_apps.get_model(content_type.app_label, content_type.model)
    except LookupError:
        return None


def relabel_upstream():
    """Labels Wagtail 8.0 and wagtail-localize 1.14 build from English field and
    model names, out of reach of any catalogue: the sign-in form's password label,
    the sites listing's columns, the translations report's language filters, the
    workflow editor's field labels and two models without a verbose name (shown in
    the group editor). The admin test
    (tests/admin) fails if a new version brings English back."""
    from django.utils.translation import gettext_lazy
    from django.utils.translation import gettext_lazy as _

    from wagtail.admin.forms.auth import LoginForm
    from wagtail.admin.forms.workflows import WorkflowContentTypeForm, WorkflowPageForm
    from wagtail.models import Locale
    from wagtail.sites.views import IndexView as SitesIndex
    from wagtail.users.forms import PagePermissionsForm
    from wagtail_localize.models import (
        LocaleSynchronization,
        LocaleSynchronizationModelForm,
        Translation,
    )
    from wagtail_localize.views.report import TranslationsReportFilterSet

    # Display only: migrations read Meta's original attributes, not these.
    Locale._meta.verbose_name = _("语言区域")
    Locale._meta.verbose_name_plural = _("语言区域")
    Translation._meta.verbose_name = _("翻译")
    Translation._meta.verbose_name_plural = _("翻译")
    WorkflowContentTypeForm.base_fields["content_types"].label = _("内容类型")
    WorkflowPageForm.base_fields["page"].label = _("页面")
    PagePermissionsForm.base_fields["page"].label = _("页面")
    LoginForm.base_fields["password"].label = gettext_lazy("Password")  # Django's own

    labels = {"port": _("端口号"), "site_name": _("站点名称"), "root_page": _("根页面")}
    for column in SitesIndex.columns:
        if column.name in labels:
            column.label = labels[column.name]
    filters = TranslationsReportFilterSet.base_filters
    filters["source_locale"].label = _("源语言")
    filters["target_locale"].label = _("目标语言")

    # The locale editor's "synchronise from" component: wagtail-localize adds its
    # "enabled" box to a subclass of the model's form, built on each request.
    component_labels = {"enabled": _("启用"), "sync_from": _("同步自")}

    class SynchronizationForm(LocaleSynchronizationModelForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for name, label in component_labels.items():
                if name in self.fields:
                    self.fields[name].label = label

    LocaleSynchronization.base_form_class = SynchronizationForm
