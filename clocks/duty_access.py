"""Who sees which duties: staff who watch deadlines (``DUTIES_PERMISSION``) see
every row; a village clerk sees the rows of the villages whose column they may edit
(Wagtail gives clerks their village's subtree, publishing/roles.py); nobody else
sees any."""

from wagtail.permission_policies.pages import PagePermissionPolicy

from content_models.villages.models import VillageIndexPage

from .roles import DUTIES_PERMISSION

EVERY_ROW = None


def visible_villages(user):
    """EVERY_ROW, or the set of village codes ``user`` may see (maybe empty)."""
    if not (user.is_authenticated and user.is_active):
        return set()
    if user.is_superuser or user.has_perm(DUTIES_PERMISSION):
        return EVERY_ROW
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, ["add", "change"]
    )
    return set(
        VillageIndexPage.objects.filter(pk__in=pages.values("pk")).values_list(
            "region__code", flat=True
        )
    )


def can_view_duties(user):
    return visible_villages(user) != set()


def rows_for(user_villages, rows):
    if user_villages is EVERY_ROW:
        return rows
    return [row for row in rows if row.scope.village_code in user_villages]
