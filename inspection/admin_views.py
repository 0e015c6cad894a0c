"""The self-inspection dashboard in Wagtail's admin (read-only)."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .dashboard import inspect_site
from .roles import can_inspect


class InspectionView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("网站自查")
    header_icon = "warning"
    template_name = "inspection/dashboard.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_inspect(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["inspection"] = inspect_site(timezone.now())
        return context
