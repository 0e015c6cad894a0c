import re

import pytest

from content_models.charity.listings import charity_profile
from content_models.charity.models import (
    AnnualReport,
    CharityIndexPage,
    CharityOrganisation,
    CharityProject,
    FundraisingFiling,
)
from content_models.disclosure.identifiers import (
    credit_code_problem,
    is_valid_id_number,
)


@pytest.fixture
def demo(demo_site):
    return demo_site


def test_demo_section_exists_in_both_languages(demo, client):
    sections = CharityIndexPage.objects.filter(slug="charity")
    assert {p.locale.language_code for p in sections} == {"zh-hans", "en"}
    assert sections.get(locale__language_code="en").title == "Charity Information"
    page = client.get("/charity/").content.decode()
    assert "清源区慈善总会" in page and "清源区夕阳红养老服务中心" in page
    assert "清源区助学基金会" in client.get("/en/charity/").content.decode()


def test_demo_charities_are_valid_and_published(demo):
    charities = CharityOrganisation.objects.all()
    assert charities.count() == 6
    for org in charities:
        assert org.live and credit_code_problem(org.credit_code) is None
        org.full_clean()
    qualified = CharityOrganisation.objects.exclude(public_fundraising_since=None)
    assert 0 < qualified.count() < 6
    assert 0 < CharityOrganisation.objects.tax_deductible().count() < 6


def test_demo_filings_belong_to_qualified_charities(demo):
    for org in CharityOrganisation.objects.all():
        count = org.filings.count()
        assert (1 <= count <= 3) if org.public_fundraising_since else count == 0
    for filing in FundraisingFiling.objects.all():
        filing.full_clean()
        assert filing.filing_number.startswith(filing.charity.credit_code)
    assert FundraisingFiling.objects.filter(emergency=True).exists()


def test_demo_reports_cover_2022_to_2024_consistently(demo):
    assert AnnualReport.objects.count() == 18
    for org in CharityOrganisation.objects.all():
        reports = {r.year: r for r in org.annual_reports.all()}
        assert sorted(reports) == [2022, 2023, 2024]
        for year in (2023, 2024):  # net assets roll forward by the year's surplus
            r = reports[year]
            surplus = r.total_income - r.total_spending
            assert r.net_assets == reports[year - 1].net_assets + surplus
        for r in reports.values():
            r.full_clean()
    # One fundraising foundation under-spent in 2023: the table flags it.
    flagged = [
        (r.charity.name, r.year)
        for org in CharityOrganisation.objects.all()
        for r in charity_profile(org)["annual_reports"]
        if r.assessment.spending_under_minimum or r.assessment.management_over_limit
    ]
    assert flagged == [("清源区扶残助困基金会", 2023)]


def test_demo_projects_have_progress_reports(demo, client):
    for org in CharityOrganisation.objects.all():
        assert 1 <= org.projects.count() <= 2
    for project in CharityProject.objects.all():
        project.full_clean()
        assert project.progress_reports.exists()
        assert client.get(project.public_url()).status_code == 200


def test_demo_text_carries_no_personal_numbers(demo):
    texts = [
        r.as_public_record().text
        for model in (FundraisingFiling, CharityProject)
        for r in model.objects.all()
    ]
    texts += [
        report.text
        for p in CharityProject.objects.all()
        for report in p.progress_reports.all()
    ]
    texts += [org.address for org in CharityOrganisation.objects.all()]
    for text in texts:
        assert not re.search(r"1[3-9]\d{9}", text), text
        assert not any(
            is_valid_id_number(m) for m in re.findall(r"\d{17}[\dXx]", text)
        ), text
