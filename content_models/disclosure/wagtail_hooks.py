from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .agencies import Agency
from .taxonomy import Genre, Topic


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    list_display = ["name", "credit_code", "region"]
    search_fields = ["name", "credit_code"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = [Column("path", label=_("分类")), "code"]


class GenreViewSet(SnippetViewSet):
    model = Genre
    icon = "tag"
    list_display = [Column("path", label=_("分类")), "code"]


class DisclosureSettingsGroup(SnippetViewSetGroup):
    menu_label = _("公开目录设置")
    menu_icon = "cog"
    items = (AgencyViewSet, TopicViewSet, GenreViewSet)


register_snippet(DisclosureSettingsGroup)
