"""The village column tells residents when the next disclosure is due and whether the
last one was late (themes/templates/clocks/includes/village_due.html)."""

import datetime

from django.utils import translation

from portal.demo.helpers import translate_page

from .duty_builders import column, disclosure, village_section

D = datetime.date


def page_text(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_overdue_quarter_and_the_late_one_before(client, home, agency, village, today):
    section = village_section(home)
    hongqi = column(section, village)
    disclosure(hongqi, agency, (2025, 3), D(2025, 10, 22))  # due 2025-10-20: late
    today(D(2026, 1, 21))
    html = page_text(client, hongqi)
    assert "2025年第4季度的公开应于2026-01-20前发布，目前已逾期。" in html
    assert "上一次公开（2025年第3季度）于2025-10-22发布，晚于规定的2025-10-20。" in html
    assert "None" not in html.split('class="village-due')[1].split("</aside>")[0]


def test_on_time_then_the_next_due(client, home, agency, village, today):
    section = village_section(home)
    hongqi = column(section, village)
    disclosure(hongqi, agency, (2025, 4), D(2026, 1, 12))
    today(D(2026, 1, 21))
    html = page_text(client, hongqi)
    assert "下一次公开：2026年第1季度，应于2026-04-20前发布。" in html
    assert "按期发布" in html and "晚于" not in html


def test_a_new_village_shows_no_last_and_no_none(client, home, village, today):
    hongqi = column(village_section(home), village)
    today(D(2025, 12, 1))
    html = page_text(client, hongqi)
    aside = html.split('class="village-due')[1].split("</aside>")[0]
    assert "2025年第3季度的公开应于2025-10-20前发布，目前已逾期。" in aside
    assert "上一次公开" not in aside and "None" not in aside


def test_the_english_column_reads_the_chinese_columns_clock(
    client, home, agency, village, english, today
):
    section = village_section(home)
    hongqi = column(section, village)
    disclosure(hongqi, agency, (2025, 4), D(2026, 1, 12))
    translate_page(home, "Home")
    translate_page(section, "Village affairs")
    english_column = translate_page(hongqi, "Hongqi Village")
    today(D(2026, 1, 21))
    with translation.override("en"):
        html = page_text(client, english_column)
    assert "2026-04-20" in html and "2026-01-12" in html
