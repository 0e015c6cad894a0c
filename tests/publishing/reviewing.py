"""Review steps as the tests take them: a draft written by an editor, submitted to
its workflow and approved step by step through Wagtail's task API."""

import datetime

from content_models.disclosure.models import ArticlePage


def draft_article(notices, agency, editor, **fields):
    values = {
        "title": "关于调整城乡最低生活保障标准的通知",
        "body": "<p>城市低保标准提高到每人每月820元。</p>",
        "agency": agency,
        "published_on": datetime.date(2025, 6, 20),
        "live": False,
        "owner": editor,
        **fields,
    }
    page = ArticlePage(**values)
    notices.add_child(instance=page)
    page.save_revision(user=editor)
    return page


def submit(item, user):
    return item.get_workflow().start(item, user)


def current_task_state(item):
    item.refresh_from_db()
    return item.current_workflow_state.current_task_state.specific


def approve(item, user):
    state = current_task_state(item)
    state.task.specific.on_action(state, user, "approve")


def approve_all(item, *users):
    for user in users:
        approve(item, user)
    item.refresh_from_db()
