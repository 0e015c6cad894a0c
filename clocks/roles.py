"""Who handles applications: a group of its own (依申请公开经办人: view and handle),
and the 主要负责人 group (publishing/roles.py), who see the register and decide
extensions. Made after every migrate; only adds, never takes a permission away."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from publishing.roles import BUREAU_EDITORS, PRINCIPALS, SECTION_REVIEWERS

HANDLERS = "依申请公开经办人"
DUTIES_PERMISSION = "clocks.view_proactive_duties"
# Who sees what is late to go online (proactive.py).
DUTY_WATCHERS = (PRINCIPALS, HANDLERS, BUREAU_EDITORS, SECTION_REVIEWERS)


def ensure_groups(app_config=None, **kwargs):
    if app_config is not None:
        # post_migrate reaches us before auth has made this app's permissions.
        create_permissions(
            app_config, verbosity=0, using=kwargs.get("using", "default")
        )
    try:
        view, change = (
            Permission.objects.get(
                content_type__app_label="clocks", codename=f"{action}_application"
            )
            for action in ("view", "change")
        )
        admin_access = Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
        duties = Permission.objects.get(
            content_type__app_label="clocks", codename="view_proactive_duties"
        )
    except Permission.DoesNotExist:  # a partial migrate: nothing to grant yet
        return
    handlers = Group.objects.get_or_create(name=HANDLERS)[0]
    handlers.permissions.add(view, change, admin_access)
    principals = Group.objects.get_or_create(name=PRINCIPALS)[0]
    principals.permissions.add(view, admin_access)
    for name in DUTY_WATCHERS:
        Group.objects.get_or_create(name=name)[0].permissions.add(duties, admin_access)
