"""gunicorn for the portal: `gunicorn -c deploy/gunicorn.conf.py`, run from
the repository root with the environment of deploy/portal.env (systemd unit:
deploy/systemd/portal-web.service).

Sizing. A page rendered by Django costs 25–67 ms of CPU (../shared/docs/STACK.md), a
page answered from the page cache about 1 ms: the work is CPU, not waiting, so sync
workers, about two per core (one computes while the other waits on PostgreSQL or
Redis), are the right tool; more only add memory (about 150 MB each) and contention.
Slow clients never hold a worker: nginx buffers requests and responses.
"""

import multiprocessing
import os

pythonpath = "site"  # the wiring package (site/portal), as manage.py adds it
wsgi_app = "portal.wsgi:application"
bind = os.environ.get("PORTAL_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
worker_class = "sync"

# Timeouts. No legitimate request runs long: large downloads are files nginx sends
# (release files; X-Accel-Redirect), never a stream held by a worker, because a worker
# killed mid-stream leaves the client a truncated body under "200 OK" (STACK.md:
# 267,001 lines of a 1M-row CSV at the default 30 s). So a request past 60 s is stuck
# (a lock, a runaway query) and its worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30  # a restart lets requests in flight finish
keepalive = 5  # nginx keeps upstream connections open (deploy/nginx/portal.conf)

# Workers are replaced now and then, so slow growth of memory never adds up.
max_requests = 5000
max_requests_jitter = 500

# The application is loaded once, before the workers fork: they share its memory, and
# a broken deploy fails at start rather than in every worker. Django opens database
# connections lazily, in each worker, never in the master.
preload_app = True

# The heartbeat file on memory, not on a disk that may stall under load.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# nginx on the same machine sets X-Forwarded-Proto and X-Real-IP.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()
proc_name = "portal"
