"""``manage.py import_plan PATH...``: scraped plan pages in, plan drafts out.

Parsing is ``imports.plan_text``; storing is ``imports.plan_store``. This command
reads the files, checks the options and prints the report: with ``--json`` exactly
one JSON object on stdout, with progress on stderr so the two never mix.
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from content_models.regions.models import Region
from imports.plan_store import PlanStoreError, plan_section, store_plans
from imports.plan_text import ParseResult, PlanParseError, parse_plan

# Excel and many county sites on Chinese Windows still save GB18030; try it last
# because it accepts almost any byte sequence.
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")


def read_text(path):
    """The file's text, decoded as UTF-8 (with or without BOM) or GB18030."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise CommandError(f"{path}: cannot read the file ({error.strerror})") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CommandError(
        f"{path}: cannot decode the file as UTF-8 or GB18030; save it as UTF-8"
    )


class Command(BaseCommand):
    help = "Import plan documents (text or HTML copied from government websites)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--title", help="use this title instead of the page's")
        parser.add_argument("--region", help="统计用区划代码 of the plan's region")
        parser.add_argument(
            "--dry-run", action="store_true", help="parse and report; write nothing"
        )
        parser.add_argument(
            "--json", action="store_true", help="print one JSON report on stdout"
        )
        parser.add_argument(
            "--submit",
            action="store_true",
            help="submit the drafts to their review workflow (needs --user)",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="refused: imports never publish (use --submit; see README)",
        )
        parser.add_argument("--agency", help="发布机构 by name or 统一社会信用代码")
        parser.add_argument("--user", help="username of the operator (the actor)")

    def handle(self, *paths, **options):
        paths = options["paths"]
        user = self._user(options)
        region = self._region(options["region"])
        results = [self._parse(path, options["title"]) for path in paths]
        combined = _combine(results)
        if not options["dry_run"]:
            self._store(results, combined, region, user, options)
        else:
            self.stderr.write("dry run: nothing written")
        if options["json"]:
            self.stdout.write(json.dumps(combined, ensure_ascii=False))
        else:
            self._summary(combined)

    def _user(self, options):
        username = options["user"]
        if options["publish"]:
            raise CommandError(
                "--publish: an import never publishes, since every publication needs "
                "another person's approval (four eyes). Use --submit --user USERNAME "
                "to send the drafts to review; an urgent notice is published from "
                "the admin with 紧急发布."
            )
        if options["submit"] and not username:
            raise CommandError(
                "--submit needs --user USERNAME: the submission is logged with the "
                "operator as the actor"
            )
        if not username:
            return None
        try:
            return get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"--user {username!r}: no such user") from None

    def _region(self, code):
        if not code:
            return None
        try:
            return Region.objects.by_code(code)
        except Region.DoesNotExist:
            raise CommandError(f"--region {code!r}: no region with that code") from None

    def _parse(self, path, title):
        text = read_text(path)
        try:
            result = parse_plan(text, source_name=str(path), title=title)
        except PlanParseError as error:
            raise CommandError(str(error)) from None
        self.stderr.write(f"{path}: {len(result.documents)} document(s) parsed")
        return result

    def _store(self, results, combined, region, user, options):
        try:
            section = plan_section()
            documents = iter(combined["documents"])
            # One transaction per file would leave earlier files written when a later
            # one fails; store_plans nests, so wrap them all in one.
            with transaction.atomic():
                for result in results:
                    report = store_plans(
                        result,
                        section=section,
                        agency=options["agency"],
                        region=region,
                        user=user,
                        submit=options["submit"],
                    )
                    combined["warnings"].extend(report.warnings)
                    for stored in report.plans:
                        entry = next(documents)
                        entry["id"], entry["url"] = stored.page.pk, stored.url
                        verb = "created" if stored.created else "updated"
                        state = "submitted" if options["submit"] else "draft"
                        self.stderr.write(
                            f"{verb} {stored.page.title} (id {stored.page.pk}, {state})"
                        )
        except PlanStoreError as error:
            raise CommandError(str(error)) from None

    def _summary(self, combined):
        for document in combined["documents"]:
            where = f" → {document['url']}" if document["url"] else ""
            self.stdout.write(f"{document['title']}{where}")
        for injection in combined["injections"]:
            self.stdout.write(
                f"injected text removed, line {injection['line']}: {injection['text']}"
            )
        for warning in combined["warnings"]:
            self.stdout.write(f"warning: {warning}")
        self.stdout.write(
            f"{len(combined['documents'])} document(s), "
            f"{combined['removed_noise_lines']} furniture line(s) removed"
        )


def _combine(results: list[ParseResult]) -> dict:
    """One report for several files, in the shape of ``ParseResult.to_dict``."""
    combined = {
        "documents": [],
        "injections": [],
        "removed_noise_lines": 0,
        "warnings": [],
    }
    for result in results:
        part = result.to_dict()
        combined["documents"].extend(part["documents"])
        combined["injections"].extend(part["injections"])
        combined["removed_noise_lines"] += part["removed_noise_lines"]
        combined["warnings"].extend(part["warnings"])
    return combined
