"""The self-inspection as one answer: for each rule, its offenders, whether they fail
the site outright, and the flags to work from. A fixed number of queries however
many pages, columns or applications there are."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .consultations import unanswered_flags
from .flags import Flag
from .freshness import column_findings, home_flags
from .link_check import latest_run
from .rules import BROKEN_LINK, LONG_STALE, RULES


@dataclass(frozen=True)
class Verdict:
    rule: object
    offenders: int
    flags: list

    @property
    def fails_site(self):
        return self.rule.fails_site(self.offenders)


@dataclass(frozen=True)
class Inspection:
    verdicts: list
    link_run: object  # the latest finished LinkCheckRun, or None

    @property
    def fails_site(self):
        return any(verdict.fails_site for verdict in self.verdicts)

    @property
    def flags(self):
        return [flag for verdict in self.verdicts for flag in verdict.flags]


def inspect_site(now):
    stale, empty = column_findings(now)
    by_rule = {rule: [] for rule in RULES}
    for flag in [*home_flags(now), *stale, *empty, *unanswered_flags(now)]:
        by_rule[flag.rule].append(flag)
    run = latest_run()
    by_rule[BROKEN_LINK] = _link_flags(run)
    offenders = {rule: len(flags) for rule, flags in by_rule.items()}
    # Every stale column is also "应更新但长期未更新", whatever its kind.
    offenders[LONG_STALE] = len(stale)
    verdicts = [Verdict(rule, offenders[rule], by_rule[rule]) for rule in RULES]
    return Inspection(verdicts, run)


def _link_flags(run):
    if run is None:
        return []
    return [
        Flag(
            BROKEN_LINK,
            link.url,
            link.fix_url,
            _("%(error)s（见于：%(source)s）")
            % {"error": link.error, "source": link.source_title},
        )
        for link in run.broken_links.order_by("source", "url")
    ]
