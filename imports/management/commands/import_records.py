"""``manage.py import_records KIND PATH [--dry-run] [--json] [--skip-invalid]``."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from imports.records.kinds import UnknownKind, kinds
from imports.records.run import import_records


class Command(BaseCommand):
    help = _(
        "从CSV或XLSX文件导入信用名录、慈善募捐备案或村（居）务财务收支，导入为草稿"
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", help=_("导入类型：%s") % "、".join(kinds()))
        parser.add_argument("path", help=_("CSV或XLSX文件路径"))
        parser.add_argument("--dry-run", action="store_true", help=_("只检查，不写入"))
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help=_("以JSON输出报告")
        )
        parser.add_argument(
            "--skip-invalid", action="store_true", help=_("跳过有问题的行，导入其余行")
        )

    def handle(self, *args, kind, path, dry_run, as_json, skip_invalid, **options):
        try:
            report = import_records(
                kind, path, dry_run=dry_run, skip_invalid=skip_invalid
            )
        except UnknownKind as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(
                _("无法读取文件“%(path)s”：%(error)s") % {"path": path, "error": error}
            ) from error
        if as_json:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
        else:
            self._write_text(report)
        if report.errors and not report.written:
            # Scripts and CI see failure; --skip-invalid imports that wrote rows pass.
            raise CommandError(
                _("%(count)d个问题，未写入任何记录") % {"count": len(report.errors)}
            )

    def _write_text(self, report):
        for line in report.lines():
            self.stderr.write(line)
        summary = _(
            "%(file)s：共%(rows)d行，新建%(created)d，更新%(updated)d，跳过%(skipped)d"
        ) % {
            "file": report.file,
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "skipped": report.skipped,
        }
        if report.dry_run:
            summary += _("（试运行，未写入）")
        self.stdout.write(summary)
