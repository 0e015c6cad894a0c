"""Where a charity record lives on the site: a route of the charity section page.

Records are not pages, so their public address is built from the section page and the
record's natural key (统一社会信用代码 and year, 备案编号, 项目编号), never from a
database id.
"""

from wagtail.models import Locale

from content_models.disclosure.public import cached_lookup


def default_section():
    """The live charity section in the default language, which ``public_url`` uses."""
    from .pages import CharityIndexPage  # pages import the records: avoid a cycle

    return (
        CharityIndexPage.objects.live()
        .filter(locale=Locale.get_default())
        .order_by("path")
        .first()
    )


def record_url(record, section=None):
    """The record's address on ``section`` (default: the Chinese section), or ""."""
    base = section_address(section)
    return base + record_route(record) if base else ""


def section_address(section=None):
    """The address of ``section`` (default: the Chinese section), or ""."""
    section = section or cached_lookup("charity-section", default_section)
    if section is None:
        return ""
    return section.url or ""


def record_route(record):
    """The record's route below any charity section page, e.g. ``org/<code>/``."""
    from .pages import CharityIndexPage  # pages import the records: avoid a cycle

    name, kwargs = _route_of(record)
    return CharityIndexPage.get_resolver().reverse(name, **kwargs)


class SectionRoutes:
    """A charity record's addresses. Templates get plain strings: the record's
    ``section_route`` and, in the context, ``section_url`` (the section page being
    shown, or on an admin preview the Chinese section), and join them (``themes``'
    ``section_links``), so a page in English links to English routes."""

    @property
    def section_route(self):
        return record_route(self)

    def public_url(self):
        return record_url(self)

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["section_url"] = section_address()
        return context


def _route_of(record):
    kind = record._meta.model_name
    if kind == "charityorganisation":
        return "organisation", {"credit_code": record.credit_code}
    if kind == "fundraisingfiling":
        return "filing", {"filing_number": record.filing_number}
    if kind == "charityproject":
        return "project", {"project_number": record.project_number}
    if kind == "annualreport":
        kwargs = {"credit_code": record.charity.credit_code, "year": record.year}
        return "annual_report", kwargs
    raise ValueError(f"no public route for {record._meta.label}")
