"""Standard titles and slugs for village pages, so that a clerk need not type them.

Wagtail requires a title, but for a periodic disclosure the title is fully determined by
the village, the period and the category (「红旗村2025年第3季度财务公开」). Pages using
``StandardTitleMixin`` may be saved with a blank title or slug, from the admin form or
from code, and get the standard ones.

A page being created has no tree path yet, so ``get_parent()`` cannot answer during
validation; the admin form hands the parent over (``pending_parent``) and the models ask
``parent_for_validation()`` instead.
"""

from django.core.exceptions import ObjectDoesNotExist

from wagtail.admin.forms import WagtailAdminPageForm


class StandardTitleMixin:
    # The fields the standard title is built from (besides the parent page).
    standard_title_fields = ()

    def parent_for_validation(self):
        if self.path:
            parent = self.get_parent()
            return parent.specific if parent is not None else None
        return getattr(self, "pending_parent", None)

    @classmethod
    def standard_title_and_slug(cls, parent, values):
        """(title, slug) from the parent page and field values, or None if they are
        incomplete. Subclasses implement it."""
        raise NotImplementedError

    def _own_values(self):
        values = {}
        for name in self.standard_title_fields:
            try:
                values[name] = getattr(self, name)
            except ObjectDoesNotExist:  # a foreign key not chosen yet
                values[name] = None
        return values

    def fill_standard_title(self):
        if self.title and self.slug:
            return
        standard = self.standard_title_and_slug(
            self.parent_for_validation(), self._own_values()
        )
        if standard:
            self.title = self.title or standard[0]
            self.slug = self.slug or standard[1]

    def full_clean(self, *args, **kwargs):
        self.fill_standard_title()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        # What Page.save() runs instead of full_clean() for a draft.
        self.fill_standard_title()
        super().minimal_clean()


class StandardTitlePageForm(WagtailAdminPageForm):
    """Admin form for a ``StandardTitleMixin`` page: title and slug may stay blank."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if parent_page is not None and not self.instance.path:
            self.instance.pending_parent = parent_page.specific
        for name in ("title", "slug"):
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        # Before Wagtail's own clean, which checks the slug is free among the siblings.
        data = self.cleaned_data
        if not (data.get("title") and data.get("slug")):
            parent = self.parent_page.specific if self.parent_page else None
            values = {
                name: data.get(name) for name in self._meta.model.standard_title_fields
            }
            standard = self._meta.model.standard_title_and_slug(parent, values)
            if standard:
                data["title"] = data.get("title") or standard[0]
                data["slug"] = data.get("slug") or standard[1]
        return super().clean()
