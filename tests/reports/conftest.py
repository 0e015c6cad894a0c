"""A bureau with hand-counted documents and applications around the 2025 year ends,
and the staff who write and review its reports."""

import datetime

import pytest

from clocks.models import Application, Reply
from content_models.disclosure.models import ArticleIndexPage, ArticlePage, Genre
from portal.demo.helpers import publish_page
from reports.models import DisclosureReportPage, ReportIndexPage, WebsiteReportPage

from ..content_models.villages_factories import *  # noqa: F403  (the fixtures)
from ..publishing.conftest import person, staff, workflows  # noqa: F401

D = datetime.date


@pytest.fixture
def notices(home):
    return publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))


@pytest.fixture
def genres(db):
    return {
        code: Genre.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in (("gz", "规章"), ("gf", "规范性文件"), ("tz", "通知"))
    }


def article(notices, agency, genre, slug, written, published=None, **fields):
    return publish_page(
        notices,
        ArticlePage(
            title=f"文件{slug}",
            slug=slug,
            body="<p>正文</p>",
            agency=agency,
            genre=genre,
            written_on=written,
            published_on=published or written,
            **fields,
        ),
    )


@pytest.fixture
def documents(notices, agency, genres):
    """Expected for 2025 (cut-off 31 Dec): 规范性文件 made 3 (a, c, d), repealed 1
    (d), in force 4 (a, b, c, e); 规章 made 1, in force 1; published in 2025: 5."""
    normative, regulation, notice = genres["gf"], genres["gz"], genres["tz"]
    built = {
        "a": article(notices, agency, normative, "a", D(2025, 1, 1)),
        "b": article(notices, agency, normative, "b", D(2024, 12, 31)),
        "c": article(notices, agency, normative, "c", D(2025, 12, 31)),
        "d": article(
            notices,
            agency,
            normative,
            "d",
            D(2025, 3, 1),
            validity="已废止",
            validity_changed_on=D(2025, 9, 1),
        ),
        "e": article(
            notices,
            agency,
            normative,
            "e",
            D(2023, 5, 1),
            validity="已废止",
            validity_changed_on=D(2026, 1, 10),
        ),
        "f": article(notices, agency, normative, "f", D(2026, 1, 1)),
        "g": article(notices, agency, normative, "g", D(2025, 6, 1)),
        "r": article(notices, agency, regulation, "r", D(2025, 5, 5)),
        "n": article(notices, agency, notice, "n", D(2025, 8, 8)),
    }
    built["g"].unpublish()  # withdrawn: counted nowhere
    return built


APPLICATIONS = [
    # (number, type, kind, received, answered, answer, ground)
    ("a1", "citizen", "", D(2024, 12, 20), D(2025, 1, 10), "disclosed", ""),
    (
        "a2",
        "legal_person",
        "business",
        D(2024, 12, 30),
        D(2024, 12, 31),
        "disclosed",
        "",
    ),
    (
        "a3",
        "legal_person",
        "research",
        D(2025, 1, 1),
        D(2025, 2, 1),
        "not_disclosed",
        "state_secret",
    ),
    ("a4", "citizen", "", D(2025, 12, 31), None, "", ""),
    (
        "a5",
        "other_organisation",
        "public_interest",
        D(2025, 6, 1),
        D(2026, 1, 5),
        "partly_disclosed",
        "",
    ),
    (
        "a6",
        "legal_person",
        "",
        D(2025, 3, 1),
        D(2025, 3, 20),
        "not_handled",
        "repeated",
    ),
    ("a7", "other_organisation", "legal_service", D(2026, 1, 2), None, "", ""),
    ("a8", "citizen", "", D(2023, 11, 1), None, "", ""),
    ("a9", "citizen", "", D(2025, 4, 1), D(2025, 4, 10), "other", "no_supplement"),
]
APPLICANT_NAME = "王建国"
APPLICANT_PHONE = "13812345678"
APPLICANT_EMAIL = "wangjianguo@example.org"
APPLICANT_REQUEST = "申请公开王建国家庭低保审批材料"


@pytest.fixture
def applications(db):
    """Expected for 2025: received 5 (自然人 2, 科研机构 1, 社会公益组织 1, 其他 1),
    carried over 2 (自然人), answered 4, carried forward 3 (一 + 二 = 三 + 四)."""
    built = {}
    for number, kind, org, received, answered, answer, ground in APPLICATIONS:
        application = Application.objects.create(
            number=f"YSQ-{number}",
            secret_digest="x",
            applicant_type=kind,
            organisation_kind=org,
            name=APPLICANT_NAME,
            phone=APPLICANT_PHONE,
            email=APPLICANT_EMAIL,
            address="清源区人民路1号",
            description=APPLICANT_REQUEST,
            delivery="online",
            received_on=received,
            state="answered" if answered else "in_progress",
        )
        if answered:
            Reply.objects.create(
                application=application,
                answer=answer,
                ground=ground,
                text=f"答复{APPLICANT_NAME}",
                answered_on=answered,
            )
        built[number] = application
    return built


@pytest.fixture
def report_section(home):
    return publish_page(
        home, ReportIndexPage(title="政府信息公开年报", slug="annual-reports")
    )


def draft_report(
    section, model=DisclosureReportPage, year=2025, cut_off=None, **fields
):
    """A report as staff write it: added as a draft, figures generated."""
    page = model(
        title=f"{year}年报告",
        slug=f"{model.__name__.lower()}-{year}-{cut_off or 'end'}",
        year=year,
        cut_off=cut_off or D(year, 12, 31),
        live=False,
        **fields,
    )
    section.add_child(instance=page)
    page.refresh_figures()
    page.save_revision()
    return page


def published_report(section, model=DisclosureReportPage, **fields):
    page = draft_report(section, model, **fields)
    return publish_page_revision(page)


def publish_page_revision(page):
    from portal.demo.helpers import publish_reviewed

    publish_reviewed(page)
    page.refresh_from_db()
    return page


@pytest.fixture
def website_model():
    return WebsiteReportPage
