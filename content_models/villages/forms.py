"""Admin forms of the village pages: defaults a clerk would otherwise type by hand, and
the checks that need what is being typed in the inline panels."""

from content_models.disclosure.models import Agency

from .defaults import StandardTitlePageForm


class VillageIndexForm(StandardTitlePageForm):
    """The region chooser lists the whole tree; the model's clean() explains why a town
    is refused, which says more than a generic "not a valid choice"."""


class VillageDisclosureForm(StandardTitlePageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if (
            not self.instance.pk
            and "agency" in self.fields
            and not self.initial.get("agency")
        ):
            agency = self._town_agency()
            if agency is not None:
                self.initial["agency"] = agency.pk

    def _town_agency(self):
        """A village's disclosures are issued by its town government
        (乡镇人民政府/街道办事处), the body 《村民委员会组织法》第三十一条 sends
        complaints to."""
        region = getattr(getattr(self.instance, "pending_parent", None), "region", None)
        if region is None or region.parent_id is None:
            return None
        return Agency.objects.filter(region_id=region.parent_id).order_by("pk").first()

    def clean(self):
        self.instance.pending_finance_rows = self._children_being_saved("finance_rows")
        self.instance.pending_attachments = self._children_being_saved("attachments")
        # Saving a draft defers required fields (Wagtail), and with them the
        # disclosure's required content; submitting or publishing does not.
        self.instance.defer_required_content = self.is_deferred_validation
        return super().clean()

    def _children_being_saved(self, relation):
        formset = self.formsets.get(relation)
        if formset is None:
            return None
        children = []
        for form in formset.forms:
            if not form.is_valid():
                continue  # the row shows its own error
            if formset.can_delete and formset._should_delete_form(form):
                continue
            if not form.instance.pk and not form.has_changed():
                continue  # an empty extra row
            children.append(form.instance)
        return children
