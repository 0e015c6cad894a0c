"""到期与逾期 (clocks/duty_views.py): staff see every duty, a village clerk only their
village, others nothing — on the page and in the CSV, however they ask; the CSV has
the page's rows, formula-safe; the page costs the same queries for 10× the items."""

import csv
import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from clocks.roles import HANDLERS
from content_models.disclosure.spreadsheets import BOM
from publishing.roles import grant_village
from tests.content_models import credit_factories

from .duty_builders import article, column, disclosure, notices_page, village_section

D = datetime.date
LIST, CSV = reverse("clocks_duties"), reverse("clocks_duties_csv")


@pytest.fixture
def world(home, agency, village, other_village, today):
    today(D(2026, 1, 21))
    notices = notices_page(home)
    article(notices, agency, '=HYPERLINK("http://evil.example")', D(2025, 12, 25))
    article(notices, agency, "养老补贴通知", D(2025, 11, 3))
    section = village_section(home)
    hongqi = column(section, village)
    column(section, other_village)
    disclosure(hongqi, agency, (2025, 4), D(2026, 1, 20))
    return {"notices": notices, "section": section}


@pytest.fixture
def staff(person):
    return person("duty-staff", HANDLERS)


@pytest.fixture
def clerk(person, world, village):
    user = person("hongqi-clerk")
    grant_village(user, village.code)
    return user


def read_csv(response):
    text = b"".join(
        response.streaming_content if response.streaming else [response.content]
    ).decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :])))


def test_staff_see_every_duty_with_its_state_and_explanation(client, world, staff):
    client.force_login(staff)
    response = client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "养老补贴通知" in html and "已逾期" in html
    assert "红旗村2025年第4季度村（居）务公开" in html
    assert "前进村2025年第4季度村（居）务公开" in html
    assert "成文 2025年11月3日 + 20 个工作日" in html
    # Escaped, not markup.
    assert "=HYPERLINK(&quot;http://evil.example&quot;)" in html


def test_filters_by_scope_and_state(client, world, staff, village, other_village):
    client.force_login(staff)
    html = client.get(LIST, {"village": other_village.code}).content.decode()
    assert "前进村2025年第4季度" in html and "红旗村" not in html.split("<tbody>")[1]
    html = client.get(LIST, {"village": village.code, "state": "on_time"}).content
    rows = html.decode().split("<tbody>")[1]
    assert "红旗村2025年第4季度" in rows and "红旗村2025年第3季度" not in rows
    town = client.get(LIST, {"town": village.parent.code}).content.decode()
    assert "红旗村" in town and "养老补贴通知" not in town.split("<tbody>")[1]
    odd = client.get(LIST, {"agency": "1 OR 1=1", "state": "<script>"})
    assert odd.status_code == 200 and "<script>" not in odd.content.decode()


def test_csv_has_the_same_rows_formula_safe(client, world, staff, other_village):
    client.force_login(staff)
    response = client.get(CSV, {"village": other_village.code})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, *rows = read_csv(response)
    assert header[:3] == ["类型", "名称", "状态"]
    assert {row[1] for row in rows} == {
        f"前进村2025年第{q}季度村（居）务公开" for q in (1, 2, 3, 4)
    }
    assert {row[2] for row in rows} == {"已逾期"}
    assert {row[7] for row in rows} == {"前进村"}
    everything = read_csv(client.get(CSV))[1:]
    titles = [row[1] for row in everything]
    assert '\'=HYPERLINK("http://evil.example")' in titles
    assert len(everything) == len(
        client.get(LIST).context["rows"]
    )  # the page's rows, all of them


def test_a_village_clerk_sees_only_their_village(client, clerk, village, other_village):
    client.force_login(clerk)
    response = client.get(LIST)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert rows and {duty.scope.village_code for duty in rows} == {village.code}
    # Asking for another village, or for the bureau's items, gives nothing of theirs.
    assert client.get(LIST, {"village": other_village.code}).context["rows"] == []
    body = client.get(LIST).content.decode()
    assert "养老补贴通知" not in body and "前进村" not in body
    csv_rows = read_csv(client.get(CSV, {"village": other_village.code}))[1:]
    assert csv_rows == []
    assert {row[7] for row in read_csv(client.get(CSV))[1:]} == {"红旗村"}


@pytest.mark.parametrize("address", [LIST, CSV, LIST + "?village=150299100201"])
def test_outsiders_get_nothing(client, world, outsider, address):
    client.force_login(outsider)
    response = client.get(address)
    assert response.status_code in (302, 403)
    assert b"HYPERLINK" not in response.content and "红旗村".encode() not in (
        response.content
    )


@pytest.mark.parametrize("address", [LIST, CSV])
def test_anonymous_visitors_are_sent_to_sign_in(client, world, address):
    response = client.get(address)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_admin_users_without_the_permission_or_a_village_are_refused(
    client, world, person
):
    from django.contrib.auth.models import Permission

    editor = person("plain-editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for address in (LIST, CSV):
        # Wagtail turns the refusal into a redirect to the admin's home page.
        response = client.get(address)
        assert response.status_code == 302 and response["Location"] == "/admin/"


def test_inactive_staff_are_refused(client, world, staff):
    staff.is_active = False
    staff.save()
    client.force_login(staff)
    assert client.get(CSV).status_code != 200


def _grow(world, agency, n, start):
    org = credit_factories.organisation(agency, name=f"协会{start}")
    for i in range(start, start + n):
        article(world["notices"], agency, f"通知{i}", D(2025, 12, 1))
        credit_factories.save_draft(
            credit_factories.entry(
                org,
                publish=False,
                listed_on=D(2025, 12, 1) + datetime.timedelta(days=i - start),
                decision_number=f"清民社异〔2025〕{i}号",
            )
        )


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_the_dashboard_costs_the_same_queries_for_ten_times_the_items(
    client, world, staff, agency
):
    client.force_login(staff)
    _grow(world, agency, 2, 0)
    _queries(client)  # warm caches (content types, site)
    once = _queries(client)
    _grow(world, agency, 18, 100)
    assert _queries(client) == once
    with CaptureQueriesContext(connection) as first:
        client.get(CSV)
    _grow(world, agency, 20, 200)
    with CaptureQueriesContext(connection) as second:
        client.get(CSV)
    assert len(second) == len(first)
