"""The moment an item becomes public, as content_models announces it.

Rooms above (publishing/) register checks that may stop a publication; content_models
does not know who they are (docs/ARCHITECTURE.md: data flows one way). Two kinds:

- content checks, ``check(item) -> [Problem]``, read what is about to go public
  (personal numbers, spam, accessibility, required content);
- approval checks, ``check(revision, user) -> [Problem]``, decide whether this
  revision may go public at all (four eyes).

Every page and record type publishes through ``GuardedPublication.publish()`` (the
workflow's final approval, bulk actions, the snippet publish button, scheduled
go-live, imports); the page editor's publish button does not call ``publish()`` and
runs ``publication_problems`` from Wagtail's ``before_publish_page`` hook instead.
"""

import logging
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Problem:
    """Why an item may not be published: ``where`` names the field, table row and
    cell or attachment; ``fix`` says what to do (or is empty); ``rule`` names the
    check that found it (for the audit log)."""

    where: str
    message: str
    fix: str = ""
    rule: str = ""

    def __str__(self):
        text = f"{self.where}：{self.message}"
        return f"{text}（{self.fix}）" if self.fix else text


class PublicationBlocked(ValidationError):
    def __init__(self, problems, item=None, revision=None):
        self.problems = list(problems)
        self.item = item
        self.revision = revision
        super().__init__(
            [str(problem) for problem in self.problems], code="publication_blocked"
        )


_content_checks = []
_approval_checks = []
_blocked_listeners = []


def register_check(check):
    """``check(item) -> [Problem]``, run on the content about to become public."""
    _content_checks.append(check)
    return check


def register_approval_check(check):
    """``check(revision, user) -> [Problem]``: may this revision go public?"""
    _approval_checks.append(check)
    return check


def on_blocked(listener):
    """``listener(blocked, user)`` is told of every blocked publication (the audit
    log), after the blocked transaction has been rolled back where possible."""
    _blocked_listeners.append(listener)
    return listener


def problems_of(item):
    """What the content checks find in ``item`` (a draft or a revision's object)."""
    return [
        replace(problem, rule=problem.rule or check.__name__)
        for check in _content_checks
        for problem in check(item)
    ]


def publication_problems(revision, user=None):
    """Everything that stops ``revision`` going public: approval first, then content."""
    approval = [p for check in _approval_checks for p in check(revision, user)]
    return [*approval, *problems_of(revision.as_object())]


def check_publication(revision, user=None):
    problems = publication_problems(revision, user)
    if problems:
        raise PublicationBlocked(
            problems, item=revision.content_object, revision=revision
        )


def report_blocked(blocked, user=None):
    """Tell the listeners (the audit log) that a publication was refused."""
    for listener in _blocked_listeners:
        try:
            listener(blocked, user)
        except Exception:  # an audit failure must not hide the refusal itself
            logger.exception("could not record a blocked publication")


class GuardedPublication:
    """Mixed into every page and record type that can become public: nothing is
    published that the checks refuse.

    A scheduled go-live (Wagtail's ``publish_scheduled`` passes no user) that is
    refused is cancelled and reported, so one bad revision does not stop the command
    from publishing the others.
    """

    def publish(self, revision, *args, user=None, log_action=True, **kwargs):
        try:
            check_publication(revision, user)
        except PublicationBlocked as blocked:
            if log_action != "wagtail.publish.scheduled":
                raise
            type(revision).objects.filter(pk=revision.pk).update(
                approved_go_live_at=None
            )
            report_blocked(blocked)
            return None
        return super().publish(
            revision, *args, user=user, log_action=log_action, **kwargs
        )
