"""The page figure against the production topology on one machine: nginx (Debian's)
in front of gunicorn with deploy/gunicorn.conf.py, pages kept in Redis at
127.0.0.1:6379, PostgreSQL at 127.0.0.1:5432 when it answers (else SQLite).

For each public page: requests/s through nginx → gunicorn → the page cache, against
the same HTML served as a static file by the same nginx (the baseline, measured in the
same run), and against rendering every time (an unknown query parameter is never
kept). The goal is a ratio ≥ 0.5 to the static file. Load from wrk (Debian), else a
Python client with threads. Writes var/bench/page_cache.json (tests/bench/run.py
already writes pages.json: render times inside Django).

    .venv/bin/python tests/bench/pages.py   (BENCH_PAGES_SECONDS=10 per figure)
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "bench"
WORK = OUT / "page_cache"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
SECONDS = int(os.environ.get("BENCH_PAGES_SECONDS", "8"))
CONNECTIONS = 16
APP_PORT, WEB_PORT = 18000, 18080
PAGES = ["/", "/en/"]  # and the first section list and item found on the home page
PG_DATABASE = "portal_bench_pages"
GOAL = 0.5


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    nginx = find_or_install("nginx", "nginx-light", "/usr/sbin/nginx")
    if nginx is None:
        return skip("nginx is not installed and apt-get could not install it")
    if not redis_answers() and not start_redis():
        return skip("Redis does not answer at 127.0.0.1:6379")
    wrk = find_or_install("wrk", "wrk", "/usr/bin/wrk")
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    env = environment()
    prepare(env)
    started = []
    try:
        started.append(start_gunicorn(env))
        wait_for_port(APP_PORT)
        started.append(start_nginx(nginx))
        wait_for_port(WEB_PORT)
        urls = PAGES + found_pages()
        rows = [measure(url, wrk) for url in urls]
    finally:
        for process in reversed(started):
            stop(process)
    report = {
        "topology": {
            "nginx": nginx,
            "gunicorn": "deploy/gunicorn.conf.py",
            "workers": env["WEB_CONCURRENCY"],
            "cache": "redis://127.0.0.1:6379/15",
            "database": env["DATABASE_URL"].split(":")[0],
        },
        "load": "wrk" if wrk else "python threads",
        "connections": CONNECTIONS,
        "seconds": SECONDS,
        "cores": os.cpu_count(),
        "goal": f"cached >= {GOAL} x static",
        "pages": rows,
        "min_ratio": min(row["ratio_cached_to_static"] for row in rows),
    }
    (OUT / "page_cache.json").write_text(json.dumps(report, indent=2))
    for row in rows:
        print(
            f"{row['url']:40} cached {row['cached_rps']:8.0f}/s  static "
            f"{row['static_rps']:8.0f}/s  ratio {row['ratio_cached_to_static']:.2f}  "
            f"rendered {row['rendered_rps']:6.0f}/s  ({row['bytes']} bytes)"
        )
    print(f"written to {OUT / 'page_cache.json'}")
    return 0


def skip(reason):
    print(f"SKIPPED page-cache bench: {reason}")
    (OUT / "page_cache.json").write_text(json.dumps({"skipped": reason}))
    return 0


def find_or_install(name, package, path):
    found = shutil.which(name) or (path if os.path.exists(path) else None)
    if found or os.geteuid() != 0:
        return found
    print(f"installing {package} with apt-get")
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", package],
    ):
        subprocess.run(command, capture_output=True, check=False)  # noqa: S603
    return shutil.which(name) or (path if os.path.exists(path) else None)


def redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def start_redis():
    server = shutil.which("redis-server")
    if server is None:
        return False
    subprocess.run(  # noqa: S603
        [
            server,
            "--port",
            "6379",
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--daemonize",
            "yes",
        ],
        check=False,
    )
    time.sleep(0.5)
    return redis_answers()


def environment():
    """Production settings on this machine: PostgreSQL when it answers."""
    database = f"sqlite:///{WORK / 'portal.sqlite3'}"
    if postgres_answers():
        psql(f"DROP DATABASE IF EXISTS {PG_DATABASE}", check=False)
        psql(f"CREATE DATABASE {PG_DATABASE}", check=True)
        database = f"postgres://postgres@127.0.0.1:5432/{PG_DATABASE}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-only-key",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "0",
        "DATABASE_URL": database,
        "REDIS_URL": "redis://127.0.0.1:6379/15",  # a database of its own
        "PORTAL_VAR_DIR": str(WORK / "var"),
        "STATIC_ROOT": str(WORK / "var" / "static"),
        "PORTAL_BIND": f"127.0.0.1:{APP_PORT}",
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", str(os.cpu_count() * 2)),
        "GUNICORN_ACCESS_LOG": str(WORK / "gunicorn-access.log"),
        "OPENDATA_API_RATE": "",
    }


def psql(sql, check):
    command = [shutil.which("psql"), "-h", "127.0.0.1", "-U", "postgres", "-qc", sql]
    subprocess.run(command, capture_output=True, check=check)  # noqa: S603


def postgres_answers():
    if shutil.which("psql") is None:
        return False
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
    except OSError:
        return False
    return True


def prepare(env):
    """The schema, the demo and the static files, as a deploy does; the demo is
    loaded as `make run` loads it (development settings, which send no mail)."""
    started = time.monotonic()
    loading = {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    for command, settings in (
        (["migrate", "--noinput", "-v0"], loading),
        (["rebuild_public_index"], loading),
        (["load_demo"], loading),
        (["collectstatic", "--noinput", "-v0"], env),
        (["clear_page_cache"], env),
    ):
        subprocess.run(  # noqa: S603
            [str(PYTHON), "manage.py", *command],
            cwd=ROOT,
            env=settings,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    print(f"prepared in {time.monotonic() - started:.0f} s")


def start_gunicorn(env):
    return subprocess.Popen(  # noqa: S603
        [str(GUNICORN), "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(WORK / "gunicorn.log", "w"),  # noqa: SIM115
    )


def start_nginx(nginx):
    """deploy/nginx/portal.conf with this run's ports and paths, plus the static copies
    of the pages at /bench-static/."""
    site = (ROOT / "deploy" / "nginx" / "portal.conf").read_text()
    site = site.replace("127.0.0.1:8000", f"127.0.0.1:{APP_PORT}")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{WEB_PORT};")
    site = site.replace("/srv/portal/var/", f"{WORK / 'var'}/")
    site = site.replace(
        "    location / {",
        f"    location /bench-static/ {{\n        alias {WORK / 'static-pages'}/;\n"
        "        default_type text/html;\n    }\n\n    location / {",
        1,
    )
    (WORK / "static-pages").mkdir(exist_ok=True)
    (WORK / "nginx").mkdir(exist_ok=True)
    conf = WORK / "nginx" / "nginx.conf"
    conf.write_text(
        f"""worker_processes auto;
pid {WORK / "nginx" / "nginx.pid"};
error_log {WORK / "nginx" / "error.log"} warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {WORK / "nginx"}/body;
    proxy_temp_path {WORK / "nginx"}/proxy;
    fastcgi_temp_path {WORK / "nginx"}/fastcgi;
    uwsgi_temp_path {WORK / "nginx"}/uwsgi;
    scgi_temp_path {WORK / "nginx"}/scgi;
{site}
}}
"""
    )
    return subprocess.Popen([nginx, "-c", str(conf)], stderr=subprocess.DEVNULL)  # noqa: S603


def wait_for_port(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answers on port {port}: see {WORK}")


def fetch(path):
    url = f"http://127.0.0.1:{WEB_PORT}{path}"
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
        return response.status, response.read()


def found_pages():
    """The first section and the first item linked from the home page."""
    _status, body = fetch("/")
    links = re.findall(rb'href="(/[^"#?]*/)"', body)
    found = []
    for link in dict.fromkeys(links):
        path = link.decode()
        if path.startswith(
            ("/en/", "/static/", "/search/", "/opendata/", "/requests/")
        ):
            continue
        if path.count("/") == 2 and len(found) == 0:
            found.append(path)
        elif path.count("/") == 3 and len(found) == 1:
            found.append(path)
            break
    return found


def measure(url, wrk):
    status, body = fetch(url)
    if status != 200:
        raise SystemExit(f"{url} answered {status}")
    name = re.sub(r"[^A-Za-z0-9]+", "_", url).strip("_") or "home"
    (WORK / "static-pages" / f"{name}.html").write_bytes(body)
    fetch(url)  # kept by now
    rendered_url = url + "?bench=render"  # an unknown parameter: never kept
    return with_ratios(
        {
            "url": url,
            "bytes": len(body),
            "cached_rps": rate(url, wrk),
            "static_rps": rate(f"/bench-static/{name}.html", wrk),
            "rendered_rps": rate(rendered_url, wrk, seconds=max(3, SECONDS // 2)),
        }
    )


def rate(path, wrk, seconds=SECONDS):
    url = f"http://127.0.0.1:{WEB_PORT}{path}"
    if wrk:
        result = subprocess.run(  # noqa: S603
            [wrk, "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", url],
            capture_output=True,
            text=True,
            check=True,
        )
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
        if errors:
            raise SystemExit(
                f"{path}: {errors.group(1)} error responses\n{result.stdout}"
            )
        return float(re.search(r"Requests/sec:\s+([0-9.]+)", result.stdout).group(1))
    return threaded_rate(path, seconds)


def threaded_rate(path, seconds):
    """Requests/s from CONNECTIONS keep-alive connections in threads (no wrk)."""
    count = [0] * CONNECTIONS
    stop_at = time.monotonic() + seconds

    def run(index):
        connection = HTTPConnection("127.0.0.1", WEB_PORT, timeout=30)
        while time.monotonic() < stop_at:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{path} answered {response.status}")
            count[index] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(count) / seconds


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=35)
    except subprocess.TimeoutExpired:
        process.kill()


def with_ratios(row):
    row["ratio_cached_to_static"] = round(row["cached_rps"] / row["static_rps"], 3)
    row["ratio_rendered_to_static"] = round(row["rendered_rps"] / row["static_rps"], 3)
    return row


if __name__ == "__main__":
    sys.exit(main())
