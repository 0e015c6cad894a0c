"""The editor's path through the Wagtail admin, in the browser, each step by the person
whose job it is (four eyes: the project refuses an approval by the submitter):

1. 办公室信息员 (demo-editor) writes a notice under 通知公告 with a mobile number in it,
   saves the draft and presses 一键打码: the draft now shows 138****5678;
2. submits it for review using the keyboard only;
3. 科室负责人, 保密审查员 and 分管局领导 approve one step each from their dashboards;
   the last approval publishes it, and the public page shows the masked number only;
4. the administrator withdraws it (撤回) with a reason: the address answers 410 with
   the withdrawal notice, which is checked like every public page. (撤回 sits in the
   edit view's menu; the demo's 分管局领导 may publish but not edit pages, so cannot
   open it.)

The steps share one notice and run in order; a step whose predecessor failed is
skipped, not failed again.
"""

import time

import pytest

from . import checks

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MOBILE = "13812345678"
MASKED = "138****5678"
TITLE = "关于开展浏览器测试的通知"
BODY = f"请各镇（街道）于月底前报送材料。联系人：王老师，电话{MOBILE}。"
REASON = "测试完成，撤回本通知。"
REVIEWERS = ["demo-section-reviewer", "demo-secrecy-reviewer", "demo-principal"]

FOCUSED = """() => {
  const el = document.activeElement;
  return {tag: el.tagName, classes: el.className || "", name: el.getAttribute("name"),
          text: (el.innerText || "").trim().slice(0, 40)};
}"""


class Story:
    """What the steps hand on: the notice's admin and public addresses."""

    def __init__(self):
        self.done = set()
        self.edit_url = None
        self.slug = f"browser-notice-{int(time.time())}"

    def needs(self, step):
        if step not in self.done:
            pytest.skip(f"the step before ({step}) did not pass")


@pytest.fixture(scope="module")
def story():
    return Story()


@pytest.fixture(scope="module")
def signed_in(browser, portal):
    """signed_in(username) -> a tab of that person, signed in through the login form."""
    tabs = {}

    def tab(username):
        if username not in tabs:
            context = browser.new_context(
                base_url=portal.base_url, viewport={"width": 1366, "height": 900}
            )
            context.set_default_timeout(20_000)
            page = context.new_page()
            page.goto("/admin/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", portal.passwords[username])
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert "/admin/login/" not in page.url, f"{username} could not sign in"
            tabs[username] = page
        return tabs[username]

    yield tab
    for page in tabs.values():
        page.context.close()


def messages(page):
    box = page.locator(".messages")
    return box.inner_text() if box.count() else ""


def open_more_actions(page):
    """The footer's "更多动作" menu (保存草稿 ▾)."""
    page.locator("footer .w-dropdown-button .w-dropdown__toggle").click()


def test_editor_writes_a_notice_and_masks_the_mobile_number(signed_in, portal, story):
    page = signed_in("demo-editor")
    page.goto(portal.urls["admin:add-notice"])
    page.fill("#id_title", TITLE)
    page.locator("[data-contentpath=body] [contenteditable=true]").click()
    page.keyboard.type(BODY)
    page.get_by_role("tab", name="公开信息").click()
    page.get_by_role("button", name="选择 发布机构").click()
    page.locator(".modal-content").get_by_role("link", name="清源区民政局").click()
    page.get_by_role("tab", name="推广").click()
    page.fill("#id_slug", story.slug)
    with page.expect_navigation():
        page.get_by_role("button", name="保存草稿").click()
    assert page.url.endswith("/edit/"), messages(page)
    story.edit_url = page.url.replace(portal.base_url, "")

    open_more_actions(page)
    with page.expect_navigation():
        page.get_by_role("button", name="一键打码").click()
    assert "已对最近保存的草稿打码1处" in messages(page)
    body = page.locator("[data-contentpath=body] [contenteditable=true]").inner_text()
    assert MASKED in body and MOBILE not in body
    story.done.add("masked")


def test_editor_submits_for_review_with_the_keyboard_only(signed_in, portal, story):
    story.needs("masked")
    page = signed_in("demo-editor")
    page.goto(story.edit_url)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(120):  # through the form to the footer's "更多动作"
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if "w-dropdown__toggle button" in focused["classes"]:
            break
    else:
        pytest.fail("Tab never reaches the footer's 更多动作 menu")
    page.keyboard.press("Enter")
    for _ in range(6):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["name"] == "action-submit":
            break
    else:
        pytest.fail(f"Tab does not reach 提交审核 in the menu (stopped at {focused})")
    assert "提交" in focused["text"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "已经提交进行审核" in messages(page), messages(page)
    story.done.add("submitted")


def test_three_other_people_approve_and_the_notice_is_public_masked(
    signed_in, public_page, portal, story
):
    story.needs("submitted")
    for username in REVIEWERS:
        # The reviewer's dashboard lists what waits for them; 动作 → 批准 approves it.
        page = signed_in(username)
        page.goto("/admin/")
        row = page.locator("tr", has=page.get_by_role("link", name=TITLE))
        assert row.count() == 1, f"{username} does not see the notice waiting"
        row.get_by_role("button", name="动作").click()
        with page.expect_navigation():
            row.get_by_role("button", name="批准", exact=True).click()
        assert page.locator(".messages .error").count() == 0, messages(page)
        row = page.locator("tr", has=page.get_by_role("link", name=TITLE))
        assert row.count() == 0, f"the notice still waits for {username}"

    public = public_page
    response = public.goto(portal.url(f"/notices/{story.slug}/"))
    assert response.status == 200, "the notice is not public after the last approval"
    text = public.locator("main").inner_text()
    assert MASKED in text and MOBILE not in text
    story.done.add("published")


def test_administrator_withdraws_and_a_notice_of_withdrawal_remains(
    signed_in, public_page, portal, story, screenshots
):
    story.needs("published")
    page = signed_in("admin")
    page.goto(story.edit_url)
    open_more_actions(page)
    with page.expect_navigation():
        page.get_by_role("link", name="撤回").click()
    page.get_by_label("撤回理由").fill(REASON)
    with page.expect_navigation():
        page.get_by_role("button", name="确认撤回").click()
    assert "已撤回" in messages(page), messages(page)

    public = public_page
    response = public.goto(portal.url(f"/notices/{story.slug}/"))
    assert response.status == 410
    text = public.locator("main").inner_text()
    assert TITLE in text and REASON in text
    problems = checks.reader_problems(public, "zh-hans", screenshots / "withdrawn")
    problems += checks.axe_problems(public)
    assert not problems, "\n".join(problems)
