"""The home page's list of columns still owing last quarter's disclosure stays short
on a phone: the first five, then "还有 N 个栏目" linking to the section's full list."""

import pytest
from bs4 import BeautifulSoup

from tests.content_models import villages_factories as villages
from tests.content_models.test_home_page import village_section
from tests.places import region

SHOWN = 5


def make_columns(section, count):
    """``count`` village columns with nothing published: every one owes."""
    return [
        villages.make_column(
            section, region(f"1502991002{n:02d}", f"第{n:02d}村", "村")
        )
        for n in range(1, count + 1)
    ]


def owing_block(client, home_section):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    summary = soup.find(id=f"home-{home_section.pk}").find_parent("section")
    heading = summary.find("h3", string=lambda text: text and "尚未公开" in text)
    return heading.find_next_sibling("ul"), summary.select_one("p.more a")


@pytest.mark.parametrize(("count", "more"), [(1, 0), (5, 0), (6, 1), (13, 8)])
def test_the_home_page_shows_five_owing_columns_and_counts_the_rest(
    client, home, count, more
):
    section = village_section(home)
    columns = make_columns(section, count)
    listed, link = owing_block(client, section)
    names = [a.get_text() for a in listed.select("a")]
    assert names == [c.title for c in columns][: min(count, SHOWN)]
    if more:
        assert link.get_text(strip=True) == f"还有{more}个栏目"
        assert link["href"] == f"{section.url}#owing"
    else:
        assert link is None


def test_the_link_leads_to_every_owing_column(client, home):
    section = village_section(home)
    columns = make_columns(section, 8)
    _listed, link = owing_block(client, section)
    path, anchor = link["href"].split("#")
    response = client.get(path)
    assert response.status_code == 200
    target = BeautifulSoup(response.content, "html.parser").find(id=anchor)
    assert target is not None
    assert [a.get_text() for a in target.select("li a")] == [c.title for c in columns]
    assert [a["href"] for a in target.select("li a")] == [c.url for c in columns]
    assert "尚未公开" in target.find("h2").get_text()


def test_a_section_owing_nothing_has_no_list(client, home, agency):
    section = village_section(home)
    response = client.get(section.url)
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").find(id="owing") is None
