from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PendingUpdate, SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = SynonymGroup._meta.verbose_name_plural
    list_display = ["__str__"]
    add_to_admin_menu = False


register_snippet(SynonymGroupViewSet)


class IndexQueuePanel(Component):
    """Tells administrators when search updates are waiting for the engine."""

    name = "search_queue"
    order = 150
    template_name = "search/admin/queue_panel.html"

    def get_context_data(self, parent_context):
        waiting = PendingUpdate.objects.order_by("-queued_at")
        return {"waiting": waiting.count(), "latest": waiting.first()}


@hooks.register("construct_homepage_panels")
def add_index_queue_panel(request, panels):
    if request.user.is_superuser and PendingUpdate.objects.exists():
        panels.append(IndexQueuePanel())
