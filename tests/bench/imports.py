"""`make bench`, imports: ``import_records`` of credit lists, charity filings and
village finance rows at 10,000 and 100,000 rows; figures in var/bench/imports.json.

Each figure is a ratio against a baseline measured in the same run, on the same
machine and load, so that a shared or slower machine does not move the verdict:

- speed: rows imported per second, and the import's time over the time to merely
  parse the same CSV with the ``csv`` module (``csv_parse_s``): how many "plain
  parses" an import costs. The goal is ≥ 5,000 rows/s for each kind.
- memory: peak RSS growth of the import (``ru_maxrss`` after, less the same figure
  after Django is set up and the file's first rows were read) at 10,000 and at
  100,000 rows, and the larger over the smaller: flat is near 1, a whole-file read
  near 10.
- CPU time (``cpu_s``, ``rows_per_cpu_s``): the import's own processor time, which
  a machine shared with other work does not inflate as it does the wall time.

A base database (var/bench/imports.sqlite3) is migrated once and filled with what
the files refer to: a home page, the agency, a district, a town and 100 villages
each with its 村（居）务公开 column, and 200 registered charities. Every import runs
in a fresh Python process (this script re-invoked with ``--step``) on a fresh copy of
that database, so its peak memory and its database are its own.

Files are generated deterministically (var/bench/imports-*.csv): credit lists of two
listings per new organisation; filings spread over the 200 charities; finance rows of
100 items per village per month of 2025.

Usage: ``python tests/bench/imports.py [--rows 10000,100000] [--kinds credit-list,...]
[--reuse-base]``.
Figures are measured, never asserted; the 1-minute load average is recorded with each.
"""

import argparse
import csv
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUT = ROOT / "var" / "bench"
BASE = OUT / "imports-base.sqlite3"
WORK = OUT / "imports.sqlite3"
KINDS = ("credit-list", "charity", "disclosure-finance")
SIZES = (10_000, 100_000)
GOAL_ROWS_PER_S = 5000
FLAT_RATIO = 2.0  # growth at 10× the rows under this counts as flat
VILLAGES = 100
CHARITIES = 200
ITEMS_PER_PAGE = 100
RESULT = "RESULT "


# -- the parent ----------------------------------------------------------------------


def run_step(step, *arguments):
    command = [sys.executable, __file__, "--step", step, *map(str, arguments)]
    done = subprocess.run(
        command, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False
    )
    answers = [line for line in done.stdout.splitlines() if line.startswith(RESULT)]
    if done.returncode != 0 or not answers:
        raise SystemExit(f"step {step} {arguments} failed (exit {done.returncode})")
    return json.loads(answers[-1][len(RESULT) :])


def orchestrate(sizes, kinds, reuse_base=False):
    OUT.mkdir(parents=True, exist_ok=True)
    if reuse_base and BASE.exists():
        setup = {"seconds": 0, "reused": True}
    else:
        for path in (BASE, WORK):
            path.unlink(missing_ok=True)
        setup = run_step("setup")
    print(f"base database in {setup['seconds']} s", flush=True)
    report = {
        "database": "sqlite",
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "note": "load = 1-minute load average when the step started",
        },
        "goal_rows_per_s": GOAL_ROWS_PER_S,
        "setup_s": setup["seconds"],
        "kinds": {},
    }
    for kind in kinds:
        figures = report["kinds"][kind] = {"sizes": {}}
        for size in sorted(sizes):
            path = run_step("file", kind, size)["path"]
            parse = run_step("parse", path)
            done = run_step("import", kind, path)
            done["csv_parse_s"] = parse["seconds"]
            done["vs_csv_parse"] = round(done["seconds"] / parse["seconds"], 1)
            done["meets_goal"] = done["rows_per_s"] >= GOAL_ROWS_PER_S
            done["meets_goal_in_cpu_time"] = done["rows_per_cpu_s"] >= GOAL_ROWS_PER_S
            figures["sizes"][size] = done
            print(
                f"{kind:<20}{size:>8} rows {done['seconds']:>7} s "
                f"{done['rows_per_s']:>8} rows/s ({done['rows_per_cpu_s']} per CPU s)  "
                f"×{done['vs_csv_parse']} csv parse  "
                f"+{done['growth_mb']} MB  load {done['load']}",
                flush=True,
            )
        if len(sizes) > 1:
            small, large = min(sizes), max(sizes)
            grew = figures["sizes"][large]["growth_mb"]
            base = max(figures["sizes"][small]["growth_mb"], 1.0)
            figures["memory_ratio"] = round(grew / base, 2)
            figures["memory_flat"] = figures["memory_ratio"] <= FLAT_RATIO
        (OUT / "imports.json").write_text(
            json.dumps(report, ensure_ascii=False, indent=2)
        )
    print(f"written to {OUT / 'imports.json'}")


# -- the files -----------------------------------------------------------------------


def step_file(kind, size):
    """Writes the file (the codes' check characters need the project's helpers)."""
    setup_django(BASE)
    path = OUT / f"imports-{kind}-{size}.csv"
    if not path.exists():
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(ROWS[kind](int(size)))
    return {"path": str(path)}


def credit_rows(size):
    from portal.demo.helpers import credit_code

    yield [
        "统一社会信用代码", "社会组织名称", "组织类型", "登记管理机关", "名录类型",
        "列入事由", "列入依据", "作出决定机关", "列入决定书文号", "列入日期",
    ]  # fmt: skip
    for i in range(size):
        org = i // 2
        code = credit_code(1, "150299000000", f"bench-org-{org}")
        listing = (
            ("活动异常名录", "2024-07-02")
            if i % 2
            else ("严重违法失信名单", "2025-01-15")
        )
        yield [
            code, f"清源区第{org}协会", "社会团体", "清源区民政局", listing[0],
            "未按规定报送年度工作报告", "《社会组织信用信息管理办法》第十条",
            "清源区民政局", f"清民社异〔2024〕{i}号", listing[1],
        ]  # fmt: skip


def charity_code(number):
    from portal.demo.helpers import credit_code

    return credit_code(3, "150299000000", f"bench-charity-{number}")


def charity_rows(size):
    yield [
        "备案编号", "统一社会信用代码", "募捐方案名称", "募捐目的", "备案日期",
        "募捐起始日期", "募捐终止日期", "募捐目标金额（万元）",
    ]  # fmt: skip
    codes = [charity_code(n) for n in range(CHARITIES)]
    for i in range(size):
        code = codes[i % CHARITIES]
        serial = i // CHARITIES + 1
        yield [
            f"{code}25{serial:03d}", code, f"2025年助学募捐第{serial}期",
            "资助困难家庭大学新生", "2025-06-20", "2025-07-01", "2025-09-15", "20",
        ]  # fmt: skip


def village_code(number):
    return f"150299100{200 + number + 1:03d}"


def finance_rows(size):
    yield ["区划代码", "年度", "月份", "收支项目", "收支", "金额（元）", "备注"]
    for i in range(size):
        page, item = divmod(i, ITEMS_PER_PAGE)
        village, month = divmod(page, 12)
        yield [
            village_code(village % VILLAGES), str(2025 - village // VILLAGES),
            str(month + 1), f"项目{item}", "收入" if item % 3 else "支出",
            f"{1000 + item}.50", "",
        ]  # fmt: skip


ROWS = {
    "credit-list": credit_rows,
    "charity": charity_rows,
    "disclosure-finance": finance_rows,
}


# -- the children --------------------------------------------------------------------


def setup_django(database):
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["DEBUG"] = "0"  # DEBUG keeps every query in memory
    import django

    django.setup()


def peak_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def load():
    return round(os.getloadavg()[0], 2)


def step_setup():
    start = time.perf_counter()
    setup_django(BASE)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tests.content_models import charity_factories as charities
    from tests.content_models.villages_factories import make_column, make_section
    from tests.places import region, the_agency, the_home, the_town

    agency = the_agency()
    town = the_town()
    section = make_section(the_home())
    for number in range(VILLAGES):
        village = region(village_code(number), f"第{number + 1}村", "村", town)
        make_column(section, village)
    for number in range(CHARITIES):
        charities.charity(
            agency,
            publish=False,
            name=f"清源区第{number}基金会",
            credit_code=charity_code(number),
        ).save()  # unpublished records come back unsaved
    from django.db import connection

    # The copies are of the main file alone: nothing may wait in the WAL.
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return {"seconds": round(time.perf_counter() - start, 2)}


def step_parse(path):
    """The baseline: the same file through ``csv.reader`` and nothing else."""
    start = time.perf_counter()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = sum(1 for _row in csv.reader(handle)) - 1
    return {"seconds": round(time.perf_counter() - start, 3), "rows": rows}


def step_import(kind, path):
    shutil.copyfile(BASE, WORK)
    setup_django(WORK)
    from imports.records.kinds import get_spec
    from imports.records.readers import read_table
    from imports.records.run import import_records

    # Warm up what every import needs (models, openpyxl-free CSV path, translations),
    # so the growth measured is the import's own.
    next(iter(read_table(path, get_spec(kind).columns).rows))
    before = peak_mb()
    started_load = load()
    start, cpu_start = time.perf_counter(), time.process_time()
    report = import_records(kind, path)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    if not report.written:
        print(list(report.lines())[:5], file=sys.stderr)
        raise SystemExit("the import did not write")
    return {
        "rows": report.rows,
        "created": report.created,
        "updated": report.updated,
        "seconds": round(seconds, 2),
        "rows_per_s": round(report.rows / seconds),
        # CPU time of the process: what a loaded machine's waiting does not inflate.
        "cpu_s": round(cpu, 2),
        "rows_per_cpu_s": round(report.rows / cpu),
        "peak_mb": peak_mb(),
        "growth_mb": round(peak_mb() - before, 1),
        "load": started_load,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default=",".join(map(str, SIZES)))
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument(
        "--reuse-base", action="store_true", help="keep the base database of a run"
    )
    parser.add_argument("--step", nargs="+")
    options = parser.parse_args()
    if options.step:
        name, *arguments = options.step
        steps = {
            "setup": step_setup,
            "file": step_file,
            "parse": step_parse,
            "import": step_import,
        }
        answer = steps[name](*arguments)
        print(RESULT + json.dumps(answer), flush=True)
        return
    sizes = [int(size) for size in options.rows.split(",")]
    orchestrate(sizes, options.kinds.split(","), options.reuse_base)


if __name__ == "__main__":
    main()
