"""Admin wiring of the guards: the allow-list snippet, the 一键打码 button, the mask
URL, the page recording numbers that are not personal data (and its audit-log action)
and the check before the editor's publish button.

``publishing/wagtail_hooks.py`` imports this module (Wagtail only looks for a module
named ``wagtail_hooks``).
"""

from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem as PageActionMenuItem
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.log_actions import LogFormatter
from wagtail.models import Revision
from wagtail.snippets.action_menu import ActionMenuItem as SnippetActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from content_models.disclosure.metadata import DisclosureMetadata
from content_models.disclosure.publication import (
    PublicationBlocked,
    publication_problems,
    report_blocked,
)

from ..guard_models import AllowedDomain
from .views import (
    PERSONAL_DATA_EXCEPTION_ACTION,
    PersonalDataView,
    blocked_response,
    can_edit,
    mask_url,
    mask_view,
)


class AllowedDomainViewSet(SnippetViewSet):
    model = AllowedDomain
    icon = "link"
    add_to_settings_menu = True
    list_display = ["domain", "note"]
    search_fields = ["domain", "note"]


register_snippet(AllowedDomainViewSet)


@hooks.register("register_admin_urls")
def register_mask_url():
    return [
        path(
            "publishing/mask/<str:app_label>/<str:model_name>/<str:pk>/",
            mask_view,
            name="publishing_mask",
        ),
        path(
            "publishing/personal-data/<str:app_label>/<str:model_name>/<str:pk>/",
            PersonalDataView.as_view(),
            name="publishing_personal_data",
        ),
    ]


@hooks.register("register_log_actions")
def register_personal_data_exception_log_action(actions):
    @actions.register_action(PERSONAL_DATA_EXCEPTION_ACTION)
    class PersonalDataExceptionAction(LogFormatter):
        label = _("记录个人信息误报")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("记录%(masked)s不是个人信息") % {
                "masked": data.get("number_masked", "")
            }

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("reason", "")


def _mask_button(item, label):
    # Submits the edit form to the mask view (which reads the saved draft): a POST
    # with the form's CSRF token, without a page of its own.
    return format_html(
        '<button type="submit" class="button" name="action-mask" value="1" '
        'formaction="{}" formnovalidate>{}</button>',
        mask_url(item),
        label,
    )


class MaskPageMenuItem(PageActionMenuItem):
    name = "action-mask"
    label = _("一键打码")
    order = 60

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page, DisclosureMetadata)
            and can_edit(context["request"].user, page)
        )

    def render_html(self, parent_context=None):
        return _mask_button(parent_context["page"], self.label)


class MaskSnippetMenuItem(SnippetActionMenuItem):
    name = "action-mask"
    label = _("一键打码")
    order = 60

    def is_shown(self, context):
        instance = context.get("instance")
        return (
            context["view"] == "edit"
            and isinstance(instance, DisclosureMetadata)
            and can_edit(context["request"].user, instance)
        )

    def render_html(self, parent_context=None):
        return _mask_button(parent_context["instance"], self.label)


@hooks.register("register_page_action_menu_item")
def register_mask_page_menu_item():
    return MaskPageMenuItem()


@hooks.register("register_snippet_action_menu_item")
def register_mask_snippet_menu_item(model):
    return MaskSnippetMenuItem() if issubclass(model, DisclosureMetadata) else None


# The page editor's publish button publishes through PublishPageRevisionAction, not
# Page.publish(), so the checks are run here; the snippet editor's goes through
# publish() and would raise, but showing the problems the same way is kinder.
@hooks.register("before_publish_page")
def check_page_before_publishing(request, page):
    return _check_before_publishing(request, page.specific_deferred)


@hooks.register("before_publish")
def check_snippet_before_publishing(request, instance):
    return _check_before_publishing(request, instance)


def _check_before_publishing(request, item):
    if not hasattr(item, "as_public_record"):
        return None
    # The revision the view has just saved (the item's cached one may be older).
    revision = (
        Revision.objects.for_instance(item).order_by("-created_at", "-pk").first()
    )
    if revision is None:
        return None
    problems = publication_problems(revision, request.user)
    if not problems:
        return None
    report_blocked(
        PublicationBlocked(problems, item=item, revision=revision), request.user
    )
    return blocked_response(
        request, problems, AdminURLFinder(request.user).get_edit_url(item)
    )
