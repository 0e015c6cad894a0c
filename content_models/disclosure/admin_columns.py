"""Listing columns for the admin's snippet views."""

from django.utils.text import capfirst

from wagtail.admin.ui.tables import BooleanColumn


def yes_no(model, name, label=None):
    """A yes/no column for the boolean field ``name`` of ``model``: a plain column
    would print Python's True/False in a Chinese admin. The cell (是/否 beside a
    tick or a cross) is themes' wagtailadmin/tables/boolean_cell.html."""
    field = model._meta.get_field(name)
    return BooleanColumn(
        name, label=label or capfirst(field.verbose_name), sort_key=name
    )
