def test_home_page_answers_in_both_languages(client, home, english):
    from content_models.disclosure.models import HomePage
    from portal.demo.helpers import translate_page

    translate_page(home, "Qingyuan Civil Affairs")
    assert "清源区民政局" in client.get("/").content.decode()
    assert "Qingyuan Civil Affairs" in client.get("/en/").content.decode()
    assert HomePage.objects.count() == 2


def test_home_page_section_descriptions_wrap_on_phones(client, home):
    """A section's description is a note that wraps, not a date that never breaks
    (it pushed the home page 300px past a 390px phone's screen)."""
    from content_models.disclosure.models import ArticleIndexPage
    from portal.demo.helpers import publish_page

    intro = "本局发布的通知、公告和政策文件，以及各镇（街道）转发的上级文件和工作动态。"
    publish_page(
        home,
        ArticleIndexPage(
            title="通知公告", slug="notices", intro=intro, show_in_menus=True
        ),
    )
    html = client.get("/").content.decode()
    assert '<span class="item-note">本局发布的通知、公告' in html
    assert '<span class="date">本局' not in html


def test_unknown_address_shows_the_sites_own_404_page(client, home):
    """Not Django's bare English "Not Found": the site's header, search and footer,
    in the address's language."""
    response = client.get("/no-such-page-here/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="zh-CN">' in html and "找不到这个页面" in html
    assert 'id="site-search-q"' in html and "<main" in html
    response = client.get("/en/no-such-page-here/")
    assert response.status_code == 404
    assert '<html lang="en">' in response.content.decode()


def test_every_scrolling_table_box_can_be_scrolled_from_the_keyboard():
    """axe-core (serious): a box that scrolls must take the focus, or a keyboard user
    cannot see the columns past the phone's edge."""
    import re
    from pathlib import Path

    templates = Path(__file__).resolve().parents[1] / "themes" / "templates"
    for path in templates.rglob("*.html"):
        for tag in re.findall(r'<div class="table-scroll"[^>]*>', path.read_text()):
            assert 'tabindex="0"' in tag, path
    ledger = (templates / "publishing" / "ledger.html").read_text()
    assert re.search(
        r'<div class="table-scroll"[^>]*>\s*<table class="ledger-entries"', ledger
    )
