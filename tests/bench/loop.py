"""`make bench`: the developer's loop, on a fresh clone of this checkout's HEAD.

Three figures, each with its goal (issue 12), written to var/bench/loop.json:

- ``first_page_s``: `make run` after pip, i.e. migrate, load the demo, build the search
  index, cut the first release, create the admin and serve, until `/` answers 200
  (goal < 60 s), with ``load_demo_s`` split out (goal < 30 s) and the demo's own
  progress lines per family;
- ``suite_s``: the whole `make test` wall time (goal < 8 min); BENCH_SUITE=0 skips it;
- ``calibration_s``: a fixed amount of pure-Python work timed in the same run. The
  machines are shared and their speed varies from hour to hour; each figure is also
  given as a ratio to this one, so two runs compare even when the machine was busy.

The clone shares this checkout's .venv (the figures are "after pip").
"""

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "bench"
PYTHON = ROOT / ".venv" / "bin" / "python"


def calibration():
    """About a second of hashing and dict work: no I/O, no libraries."""
    start = time.perf_counter()
    digest = b""
    table = {}
    for i in range(400_000):
        digest = hashlib.sha256(digest + i.to_bytes(4, "big")).digest()
        table[digest[:4]] = i
    return time.perf_counter() - start


def run(command, cwd, env, log):
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 (our own commands)
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    log.append({"command": " ".join(map(str, command)), "stdout": result.stdout})
    if result.returncode:
        raise SystemExit(f"{command} failed:\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - started, result.stdout


PREPARE_STEPS = (
    "migrate",
    "rebuild_public_index",
    "load_demo",
    "cut_release",
    "ensure_admin",
)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def first_page(clone):
    """`make run`'s steps, timed one by one, until the home page answers."""
    var = clone / "var"
    env = {
        **os.environ,
        "PORTAL_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
    }
    env.pop("DATABASE_URL", None)
    manage = [str(PYTHON), "manage.py"]
    log, steps = [], {}
    started = time.perf_counter()
    # `make run`'s preparation, one process; DEBUG off as there (it would log every
    # query). Each step prints its seconds; load_demo its families' too.
    steps["prepare_site"], out = run(
        manage + ["prepare_site"], clone, {**env, "DEBUG": "0"}, log
    )
    times = [(step, float(s)) for step, s in re.findall(r"(\w+): ([\d.]+) s", out)]
    steps["load_demo_progress"] = {
        step: seconds for step, seconds in times if step not in PREPARE_STEPS
    }
    steps.update((step, s) for step, s in times if step in PREPARE_STEPS)
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        manage + ["runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=clone,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as reply:  # noqa: S310
                    if reply.status == 200 and "清源区" in reply.read().decode():
                        break
            except OSError:
                if server.poll() is not None:
                    raise SystemExit("runserver stopped before answering") from None
                time.sleep(0.1)
        steps["first_page_s"] = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()
    return steps


def suite(clone):
    started = time.perf_counter()
    env = {**os.environ, "PORTAL_BROWSER_TESTS": os.environ.get("BENCH_BROWSER", "1")}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(  # noqa: S603
        [str(ROOT / ".venv" / "bin" / "pytest"), "-n", "auto", "--dist", "loadgroup"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout else ""
    if result.returncode:
        raise SystemExit(f"the suite failed: {summary}")
    return time.perf_counter() - started, summary


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    before = calibration()
    with tempfile.TemporaryDirectory(prefix="portal-bench-loop-") as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(  # noqa: S603
            ["git", "clone", "--quiet", str(ROOT), str(clone)],  # noqa: S607
            check=True,
        )
        os.symlink(ROOT / ".venv", clone / ".venv")
        figures = first_page(clone)
        if os.environ.get("BENCH_SUITE", "1") != "0":
            figures["suite_s"], figures["suite_summary"] = suite(clone)
        shutil.rmtree(clone / "var", ignore_errors=True)
    unit = (before + calibration()) / 2
    figures["calibration_s"] = unit
    for name in ("first_page_s", "load_demo", "suite_s"):
        if name in figures:
            figures[f"{name}_in_calibration_units"] = round(figures[name] / unit, 1)
    figures["goals"] = {"first_page_s": 60, "load_demo": 30, "suite_s": 480}
    figures["cores"] = os.cpu_count()
    (OUT / "loop.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    for name, goal in figures["goals"].items():
        if name in figures:
            print(f"{name}: {figures[name]:.1f} s (goal < {goal} s)")
    print(f"calibration: {unit:.2f} s")


if __name__ == "__main__":
    sys.exit(main())
