"""The report's edit form: a field for every value staff enter (kept in the page's
``entered``), and the choice to count the portal's figures again."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from content_models.disclosure.privacy import find_personal_data

from .spec import Entered, cell_key


def field_name(table, row, column):
    return f"entered__{table.key}__{row.key}__{column.key}"


def entered_cells(spec):
    """(field name, cell key, label, Entered) for every staff-entered cell."""
    for table in spec.staff_tables():
        for row, column, cell in table.cells():
            if isinstance(cell, Entered):
                label = str(row.label)
                if len(table.columns) > 1:
                    label = (
                        f"{column.group}{column.label}"
                        if column.group
                        else f"{label} {column.label}"
                    )
                yield (
                    field_name(table, row, column),
                    cell_key(table, row, column),
                    label,
                    cell,
                )


def _form_field(label, cell):
    if cell.kind == "int":
        return forms.IntegerField(label=label, required=False, min_value=0)
    if cell.kind == "decimal":
        return forms.DecimalField(
            label=label,
            required=False,
            min_value=Decimal(0),
            max_digits=12,
            decimal_places=2,
        )
    return forms.CharField(label=label, required=False, max_length=500)


class ReportForm(WagtailAdminPageForm):
    refresh = forms.BooleanField(
        label=_("重新统计本网站的数字"),
        required=False,
        help_text=_(
            "勾选后保存时按统计截止日期重新统计；数字随页面一起送审，发布后不再自动变化。"
        ),
    )
    entered_cells = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        entered = self.instance.entered or {}
        for name, key, _label, _cell in self.entered_cells:
            if name in self.fields:
                self.fields[name].initial = entered.get(key)
        if "refresh" in self.fields and not self.instance.figures:
            self.fields["refresh"].initial = True

    def clean(self):
        cleaned = super().clean()
        year, cut_off = cleaned.get("year"), cleaned.get("cut_off")
        if year and cut_off and cut_off.year < year:
            self.add_error("cut_off", _("统计截止日期不能早于报告年度"))
        for name, _key, _label, cell in self.entered_cells:
            value = cleaned.get(name)
            if cell.kind == "text" and value and find_personal_data(value):
                self.add_error(name, _("不得填写身份证号、手机号等个人信息"))
        return cleaned

    def save(self, commit=True):
        page = super().save(commit=False)
        if page.pk is None:
            # Wagtail's create view saves a new page before the publish checks run,
            # and Page.live defaults to True: a refused publication would leave the
            # new page live. It goes live only when its revision is published.
            page.live = False
        page.entered = {
            key: str(self.cleaned_data[name])
            for name, key, _label, _cell in self.entered_cells
            if self.cleaned_data.get(name) not in (None, "")
        }
        frozen = page.figures or {}
        changed_period = frozen and (
            frozen.get("year") != page.year
            or frozen.get("cut_off") != page.cut_off.isoformat()
        )
        if self.cleaned_data.get("refresh") or not frozen or changed_period:
            page.refresh_figures()
        if commit:
            page.save()
        return page


def report_form(spec):
    """The form class of one report: ``ReportForm`` with its staff fields declared
    (Wagtail builds page forms from declared fields and panels)."""
    cells = tuple(entered_cells(spec))
    attributes = {name: _form_field(label, cell) for name, _key, label, cell in cells}
    attributes["entered_cells"] = cells
    return type(
        f"{spec.__name__.rpartition('.')[2].title()}Form", (ReportForm,), attributes
    )


def staff_panels(spec):
    """A panel per table with the values staff enter."""
    panels = []
    for table in spec.staff_tables():
        names = [
            field_name(table, row, column)
            for row, column, cell in table.cells()
            if isinstance(cell, Entered)
        ]
        if names:
            panels.append(
                MultiFieldPanel(
                    [FieldPanel(name) for name in names],
                    heading=_("%(table)s（人工填报）") % {"table": table.title},
                )
            )
    return panels
