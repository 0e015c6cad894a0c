"""The moment an item becomes public, as content_models announces it.

Rooms above (publishing/) register checks that may stop a publication; content_models
does not know who they are (ARCHITECTURE.md: data flows one way). Every publication —
the admin's publish button, a workflow's final approval, scheduled go-live, an
operator's ``import_plan --publish`` — passes ``check_publication`` because Wagtail
routes them all through the model's ``publish()``.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Problem:
    """Why an item may not be published: ``where`` names the field, table row and
    cell or attachment; ``fix`` says what to do (or is empty)."""

    where: str
    message: str
    fix: str = ""

    def __str__(self):
        text = f"{self.where}：{self.message}"
        return f"{text}（{self.fix}）" if self.fix else text


class PublicationBlocked(ValidationError):
    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(
            [str(problem) for problem in self.problems], code="publication_blocked"
        )


_checks = []


def register_check(check):
    """``check(item) -> [Problem]``, run on the content about to become public."""
    _checks.append(check)
    return check


def problems_of(item):
    return [problem for check in _checks for problem in check(item)]


def check_publication(revision):
    problems = problems_of(revision.as_object())
    if problems:
        raise PublicationBlocked(problems)
