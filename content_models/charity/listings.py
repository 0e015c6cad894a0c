"""What the public charity pages show: every query runs through ``public_items`` so
a draft, unpublished or expired record (or one of an unpublished charity) never
appears."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content_models.disclosure.identifiers import normalise_credit_code
from content_models.disclosure.public import public_items

from .annual_reports import AnnualReport
from .fundraising import FundraisingFiling
from .organisations import CharityOrganisation
from .projects import CharityProject

# The two 《慈善法》第七十六条 lists, as the ``?qualification=`` filter names them.
QUALIFICATIONS = {
    "fundraising": _("具有公开募捐资格的慈善组织"),
    "tax": _("具有公益性捐赠税前扣除资格的慈善组织"),
}


class UnknownQualification(ValueError):
    pass


def public_charities():
    return public_items(CharityOrganisation)


def charity_list(qualification=None, today=None):
    """Public charities, optionally one Art. 76 list; raises UnknownQualification."""
    today = today or timezone.localdate()
    charities = public_charities().select_related("region")
    if not qualification:
        return charities
    if qualification == "fundraising":
        return charities.fundraising_qualified(today)
    if qualification == "tax":
        return charities.tax_deductible(today.year)
    raise UnknownQualification(qualification)


def public_charity(credit_code):
    charity = (
        public_charities()
        .filter(credit_code=normalise_credit_code(credit_code))
        .first()
    )
    if charity is None:
        raise Http404
    return charity


def charity_profile(charity):
    """A charity's public filings, annual reports (with 第六十一条 figures) and
    projects."""
    reports = list(
        of_public_charities(AnnualReport).filter(charity=charity).order_by("year")
    )
    incomes = {report.year: report.total_income for report in reports}
    for report in reports:
        report.assessment = report.assess(incomes)
    return {
        "filings": of_public_charities(FundraisingFiling).filter(charity=charity),
        "annual_reports": reports,
        "projects": of_public_charities(CharityProject).filter(charity=charity),
    }


def public_annual_report(credit_code, year):
    """One public annual report, and the column list (just that year, with its
    第六十一条 figures worked out from the other public reports)."""
    reports = charity_profile(public_charity(credit_code))["annual_reports"]
    report = next((r for r in reports if r.year == year), None)
    if report is None:
        raise Http404
    return report, [report]


def public_filing(filing_number):
    return _one(
        of_public_charities(FundraisingFiling), filing_number=filing_number.upper()
    )


def public_project(project_number):
    rows = of_public_charities(CharityProject).prefetch_related("progress_reports")
    return _one(rows, project_number=project_number.upper())


def of_public_charities(model):
    """The public rows of a charity's records (filings, reports, projects): public
    themselves and of a public charity (the public rule follows ``public_parent``)."""
    return public_items(model).select_related("charity", "agency", "topic", "genre")


def public_records():
    """Every public charity and charity record."""
    return [
        *public_charities(),
        *(
            record
            for model in (FundraisingFiling, AnnualReport, CharityProject)
            for record in of_public_charities(model)
        ),
    ]


def _one(rows, **lookup):
    record = rows.filter(**lookup).first()
    if record is None:
        raise Http404
    return record
