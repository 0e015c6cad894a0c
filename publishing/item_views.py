"""What the admin's one-item actions with a reason share (撤回, 紧急发布): the item
named by the URL, a permission check, a form asking why, and the way back to the
item's editor."""

from django import forms
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.views.generic import FormView

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page


def reason_form(label, help_text):
    """A form with one required ``reason`` (blank or spaces are refused)."""
    return type(
        "ReasonForm",
        (forms.Form,),
        {
            "reason": forms.CharField(
                label=label,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=help_text,
            )
        },
    )


def item_action_url(name, item):
    """The admin address of action ``name`` for ``item``."""
    opts = item._meta
    return reverse(name, args=[opts.app_label, opts.model_name, str(item.pk)])


def find_item(app_label, model_name, pk):
    """The page or record an admin URL names; 404 unless its type can be public."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if not hasattr(model, "as_public_record"):
        raise Http404
    item = model._default_manager.filter(pk=pk).first()
    if item is None:
        raise Http404
    return item.specific if isinstance(item, Page) else item


class ItemReasonView(WagtailAdminTemplateMixin, FormView):
    """Subclasses say which items qualify (``applies``), who may act (``allowed``)
    and what acting does (``form_valid``)."""

    header_icon = "warning"

    def applies(self, item):
        return True

    def allowed(self, user, item):
        raise NotImplementedError

    def dispatch(self, request, app_label, model_name, pk):
        self.item = find_item(app_label, model_name, pk)
        if not self.applies(self.item):
            raise Http404
        if not self.allowed(request.user, self.item):
            raise PermissionDenied
        return super().dispatch(request)

    def get_page_subtitle(self):
        return str(self.item)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        context["record"] = self.item.as_public_record()
        context["back_url"] = self.back_url()
        return context

    def back_url(self):
        return AdminURLFinder(self.request.user).get_edit_url(self.item) or reverse(
            "wagtailadmin_home"
        )
