from decimal import Decimal

import pytest

from portal.demo.helpers import translate_page

from . import charity_factories as make
from .charity_factories import D


@pytest.fixture
def section(home):
    return make.section(home)


@pytest.fixture
def foundation(section, agency):
    return make.charity(agency)


@pytest.fixture
def plain_charity(section, agency):
    """Recognised, but on neither Art. 76 list."""
    return make.charity(
        agency,
        name="清源区夕阳红养老服务中心",
        org_type="2",
        credit_code=make.code("夕阳红", kind=2),
        public_fundraising_since=None,
        tax_deductible_from=None,
        tax_deductible_until=None,
    )


def html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_index_lists_charities_with_their_qualification_badges(
    client, foundation, plain_charity
):
    page = html(client, "/charity/")
    assert "清源区助学基金会" in page and "清源区夕阳红养老服务中心" in page
    assert f'href="/charity/org/{foundation.credit_code}/"' in page
    assert page.count("charity-badge") == 2  # both badges, on the foundation only
    assert (
        "第七十六条" in page and '<th scope="col">' in page and "table-scroll" in page
    )


@pytest.mark.parametrize("qualification", ["fundraising", "tax"])
def test_index_filters_by_qualification(
    client, foundation, plain_charity, qualification
):
    page = html(client, f"/charity/?qualification={qualification}")
    assert "清源区助学基金会" in page
    assert "清源区夕阳红养老服务中心" not in page
    assert 'aria-current="true"' in page


def test_tax_filter_follows_the_years(client, section, agency):
    make.charity(agency, tax_deductible_from=2001, tax_deductible_until=2003)
    page = html(client, "/charity/?qualification=tax")
    assert "清源区助学基金会" not in page and "暂无符合条件的慈善组织" in page


def test_unknown_filter_is_refused_by_name(client, foundation):
    page = html(client, "/charity/?qualification=%3Cb%3Eall", status=400)
    assert "&lt;b&gt;all" in page and "<b>all" not in page
    assert "清源区助学基金会" not in page


def test_charity_page_shows_registration_filings_figures_and_projects(
    client, foundation
):
    filing = make.filing(foundation)
    make.report(
        foundation, year=2023, total_income=Decimal("2500000"), donation_income=0
    )
    make.report(foundation, year=2024)
    project = make.project(foundation)
    page = html(client, foundation.public_url())
    assert foundation.credit_code in page and foundation.index_number in page
    assert "2018-04-10" in page  # 公开募捐资格取得日期
    assert f'href="/charity/filing/{filing.filing_number}/"' in page
    assert f'href="/charity/project/{project.project_number}/"' in page
    assert 'id="annual-report-2023"' in page and 'id="annual-report-2024"' in page
    assert "2,000,000.00" in page  # 2024 income
    assert "64.0%" in page and "低于70%" in page  # 1.6m spent against 2.5m


def test_filing_page(client, foundation):
    filing = make.filing(foundation, ends_on=D(2026, 3, 1))
    page = html(client, filing.public_url())
    assert filing.filing_number in page and "资助困难家庭大学新生" in page
    assert "200,000.00" in page and "已结束" in page
    assert "第七十九条" in page and "2026-06-01" in page
    assert f'href="{foundation.public_url()}"' in page


def test_project_page_lists_progress_reports_in_date_order(client, foundation):
    project = make.project(
        foundation,
        reports=[
            (D(2025, 12, 31), "第二期：资助12人。", "60000"),
            (D(2025, 9, 30), "第一期：资助36人。", "180000"),
        ],
    )
    page = html(client, project.public_url())
    assert page.index("第一期") < page.index("第二期")
    assert "240,000.00" in page  # 累计使用资金
    assert "<p>资助考入高等院校的困难家庭新生。</p>" in page  # rich text, rendered
    assert "2026-03-31" in page  # next quarterly report due


def test_annual_report_has_its_own_page_with_its_figures(client, foundation):
    make.report(
        foundation, year=2023, total_income=Decimal("2500000"), donation_income=0
    )
    report = make.report(foundation)
    assert report.public_url() == f"/charity/org/{foundation.credit_code}/2024/"
    page = html(client, report.public_url())
    assert "清源区助学基金会2024年度报告" in page and report.index_number in page
    assert "2,000,000.00" in page and "64.0%" in page  # ratio uses the 2023 report
    assert "2,500,000.00" not in page  # only its own column
    html(client, f"/charity/org/{foundation.credit_code}/2021/", status=404)


def test_drafts_are_not_listed_and_answer_404(client, section, agency, foundation):
    hidden = make.draft(make.charity(agency, name="未发布的基金会", publish=False))
    filing = make.draft(make.filing(foundation, publish=False))
    project = make.draft(make.project(foundation, publish=False))
    report = make.draft(make.report(foundation, year=2023, publish=False))
    assert "未发布的基金会" not in html(client, "/charity/")
    html(client, f"/charity/org/{hidden.credit_code}/", status=404)
    html(client, f"/charity/filing/{filing.filing_number}/", status=404)
    html(client, f"/charity/project/{project.project_number}/", status=404)
    page = html(client, foundation.public_url())
    assert filing.title not in page and project.title not in page
    assert f"annual-report-{report.year}" not in page
    html(client, report.public_url(), status=404)


def test_records_of_an_unpublished_charity_are_hidden(client, foundation):
    filing = make.filing(foundation)
    foundation.unpublish()
    html(client, f"/charity/org/{foundation.credit_code}/", status=404)
    html(client, f"/charity/filing/{filing.filing_number}/", status=404)


def test_english_section_lists_the_records_with_english_links(
    client, home, section, foundation, english
):
    translate_page(home, "Home")
    translate_page(section, "Charity Information")
    page = html(client, "/en/charity/")
    assert "Charity Information" in page and "清源区助学基金会" in page
    assert f'href="/en/charity/org/{foundation.credit_code}/"' in page
    assert "清源区助学基金会" in html(
        client, f"/en/charity/org/{foundation.credit_code}/"
    )
    # public_url always names the Chinese section.
    assert foundation.public_url() == f"/charity/org/{foundation.credit_code}/"
