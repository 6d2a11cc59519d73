"""Gunicorn's settings for Rahnuma: `make serve`, a production server and the benchmark start the same server.

    DJANGO_SETTINGS_MODULE=cms.settings.production gunicorn --config cms/gunicorn.conf.py

Environment variables:
    GUNICORN_BIND           address to listen on (default 127.0.0.1:8000; several, comma-separated;
                            unix:/run/rahnuma.sock for a socket)
    WEB_CONCURRENCY         worker processes (default 2; about one per CPU core, as pages are rendered in Python)
    GUNICORN_THREADS        threads per worker (default 4: a thread waiting on the database lets another render)
    GUNICORN_TIMEOUT        seconds before a stuck worker is restarted (default 30)
    GUNICORN_ACCESS_LOG     "-" for an access log on standard output (default none: the proxy in front logs)
    FORWARDED_ALLOW_IPS     proxies trusted to say the client's scheme (default 127.0.0.1)
"""

import gc
import os

wsgi_app = "cms.wsgi:application"
bind = [address.strip() for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",") if address.strip()]
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = timeout
keepalive = 5
# Each worker listens on a socket of its own (SO_REUSEPORT) and the kernel spreads new connections over
# them. On one shared socket a connection went to whichever worker accepted first, and a burst of
# keep-alive clients (a proxy's connection pool, a load test) could all land on one worker while the
# other idled: half the throughput for as long as they stayed connected, in about one wrk run of two.
# A worker replaced (max_requests, below) resets the connections not yet accepted on its socket unless
# the kernel migrates them (sysctl net.ipv4.tcp_migrate_req=1). A unix socket or systemd's is one socket
# for all, and stays shared.
reuse_port = not any(address.startswith(("unix:", "fd://")) for address in bind)
# The application is imported once, in the master, and each worker is forked from it: a worker
# replaced below is serving within milliseconds instead of importing Django and Wagtail again for
# seconds while its share of the requests waits, and the workers share the imported code's memory.
preload_app = True

# A worker is replaced after this many requests (staggered), which bounds slow memory growth: at full
# load (about 700 pages a second each) every few minutes, not every half minute as 20,000 did.
max_requests = 100_000
max_requests_jitter = 10_000
# The workers' heartbeat files in memory, not on disk: an app server keeps nothing on its disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "rahnuma"


def when_ready(server):
    """In the master, after the application is imported and before the first worker is forked.

    First the work each worker would do on its first requests (cms.core.warm_up), so that it is done once.
    Then the imported code's objects (Django, Wagtail, URL patterns, templates: some 200,000) live as long as
    the server. Frozen, the garbage collector no longer walks them: a full collection in a worker took
    about 100 ms, a pause shared by every request waiting on that worker, and its writes to their headers
    copied the master's memory pages into each worker.
    """
    from cms.core.warm_up import warm_up

    warm_up()
    gc.freeze()
