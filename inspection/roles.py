"""Who sees the self-inspection dashboard: the bureau's principals and editors (the
people who answer for the site in an inspection). Made after every migrate; only
adds, never takes a permission away."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from publishing.roles import BUREAU_EDITORS, PRINCIPALS

INSPECTION_PERMISSION = "inspection.view_inspection"
INSPECTORS = (PRINCIPALS, BUREAU_EDITORS)


def can_inspect(user):
    return user.is_active and user.has_perm(INSPECTION_PERMISSION)


def ensure_permissions(app_config=None, **kwargs):
    if app_config is not None:
        # post_migrate reaches us before auth has made this app's permissions.
        create_permissions(
            app_config, verbosity=0, using=kwargs.get("using", "default")
        )
    try:
        permission = Permission.objects.get(
            content_type__app_label="inspection", codename="view_inspection"
        )
    except Permission.DoesNotExist:  # a partial migrate: nothing to grant yet
        return
    for name in INSPECTORS:
        # The publishing groups by their names: setup_publishing finds them later.
        Group.objects.get_or_create(name=name)[0].permissions.add(permission)
