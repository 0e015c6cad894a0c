import json

from django.core.management.base import BaseCommand, CommandError

from publishing.ledger import breaks
from publishing.models import LedgerEntry


class Command(BaseCommand):
    help = (
        "Recompute the public ledger's hash chain and compare what is public now with "
        "its last entries. Exits non-zero naming the first broken entry."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", help="print one JSON report on stdout"
        )

    def handle(self, *args, **options):
        found = list(breaks())
        entries = LedgerEntry.objects.count()
        if options["json"]:
            self.stdout.write(json.dumps(_report(entries, found), ensure_ascii=False))
        if found:
            others = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            raise CommandError(f"Ledger broken: {found[0]}{others}")
        if not options["json"]:
            self.stdout.write(f"Ledger verifies: {entries} entries, chain intact.")


def _report(entries, found):
    return {
        "ok": not found,
        "entries": entries,
        "problems": [
            {"seq": item.seq, "item": item.item, "problem": item.problem}
            for item in found
        ],
    }
