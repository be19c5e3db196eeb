"""The production stack on 127.0.0.1, for `make loadtest` and `make bench`.

A throwaway PostgreSQL, gunicorn with production settings, and wrk to drive
them. Needs root (PostgreSQL runs as the postgres user) and Debian's
postgresql and wrk packages.
"""

import contextlib
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

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WRK_SCRIPT = ROOT / "scripts" / "wrk-summary.lua"
# Every public page type in both languages, a filtered listing, search and
# the sitemap: the mix for load runs.
PAGE_MIX = (
    "/",
    "/nettverk/",
    "/partnere/",
    "/partnere/sor-afrika/",
    "/konferanser/",
    "/konferanser/nordisk-forum-2014/",
    "/rapporter/",
    "/rapporter/?kind=annual_report",
    "/personvern/",
    "/sok/?q=kypros",
    "/en/",
    "/en/partners/cyprus/",
    "/en/reports/",
    "/en/privacy/",
    "/en/search/?q=shelter",
    "/sitemap.xml",
)


def redis_command(binary, port, folder):
    """Redis as production runs it for the site: a cache on loopback, nothing
    written to disk, the least recently used keys evicted when full. The
    stack's and the tests' (tests/conftest.py) Redis."""
    return [
        str(binary),
        *("--port", str(port), "--bind", "127.0.0.1"),
        *("--save", "", "--appendonly", "no", "--dir", str(folder)),
        *("--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru"),
    ]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def need(*programs):
    for program in programs:
        if shutil.which(program) is None:
            raise SystemExit(f"{program} is missing: apt-get install {program}")


class Postgres:
    """A PostgreSQL server of its own in a temporary folder, with a database
    `kss`; everything else the stack writes goes in the same folder."""

    def __init__(self):
        self.bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        self.dir = Path(tempfile.mkdtemp(prefix="kss-stack-"))
        shutil.chown(self.dir, "postgres", "postgres")
        self.port = free_port()
        self.as_postgres(
            self.bin / "initdb",
            *("-D", self.dir / "data", "-U", "postgres", "-A", "trust"),
            *("-E", "UTF8", "--locale=C.UTF-8"),
        )
        self.start()
        subprocess.run(
            [
                self.bin / "createdb",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "kss",
            ],
            check=True,
        )
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/kss"

    def as_postgres(self, *args):
        subprocess.run(
            ["runuser", "-u", "postgres", "--", *map(str, args)],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start(self):
        self.as_postgres(
            self.bin / "pg_ctl",
            *("-D", self.dir / "data", "-l", self.dir / "server.log", "-w", "-t", "60"),
            *("-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"),
            "start",
        )

    def stop(self):
        self.as_postgres(self.bin / "pg_ctl", "-D", self.dir / "data", "-m", "fast", "-w", "stop")

    def destroy(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def production_env(postgres, base, **extra):
    """Production settings against the throwaway database, served on `base`."""
    return {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "kss_site.settings.production",
        "DATABASE_URL": postgres.url,
        "SECRET_KEY": "stack-" + os.urandom(24).hex(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": base,
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(postgres.dir / "static"),
        "MEDIA_ROOT": str(postgres.dir / "media"),
        "PRIVATE_MEDIA_ROOT": str(postgres.dir / "private"),
        "CACHE_DIR": str(postgres.dir / "cache"),
        "EMAIL_URL": f"file://{postgres.dir / 'mail'}",
        **extra,
    }


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(env):
    """Migrate, seed and collect the static files, as a deploy does."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_seed_content", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")


def start_gunicorn(env, port, log_path, workers=2, app="kss_site.wsgi"):
    """gunicorn as production runs it: sync workers, 2 of them."""
    log = open(log_path, "w")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            app,
            *("--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log = log
    return process


def stop(process):
    if process is not None and process.poll() is None:
        process.terminate()
        process.wait(timeout=30)


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (our own server)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def wrk(base, paths=PAGE_MIX, *, connections=10, seconds=10):
    """wrk -t2 over `paths` in turn. Returns the summary: requests,
    socket_errors, non2xx, rps, p50_ms, p99_ms, statuses."""
    result = subprocess.run(
        [
            "wrk",
            *(f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s"),
            *("-s", str(WRK_SCRIPT), base),
            "--",
            *paths,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- make stack: the documented production stack on loopback ------------------

# STACK_DIR: another folder, for a second stack beside the developer's (the tests').
STACK = Path(os.environ.get("STACK_DIR", ROOT / ".stack"))
PIDS = STACK / "pids"
PACKAGES = {
    "postgresql": "/usr/lib/postgresql",
    "redis-server": "/usr/bin/redis-server",
    "varnish": "/usr/sbin/varnishd",
    "nginx": "/usr/sbin/nginx",
}


def install_packages():
    """Debian's packages the stack needs, installed when missing (as root)."""
    missing = [name for name, path in PACKAGES.items() if not Path(path).exists()]
    if not missing:
        return
    if os.geteuid() != 0:
        raise SystemExit(f"Missing {', '.join(missing)}: run as root, or apt-get install them.")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )


def write_pid(name, pid):
    PIDS.mkdir(parents=True, exist_ok=True)
    (PIDS / f"{name}.pid").write_text(f"{pid}\n")


def supervised(command):
    """``command`` (a shell line) started again a second after it ends, as
    systemd's ``Restart=always`` does in production: db_worker exits when the
    database goes away. Stopping the loop stops the command too."""
    return [
        "bash",
        "-c",
        "trap 'kill $child 2>/dev/null; exit 0' TERM INT; "
        f"while true; do {command} & child=$!; wait $child; sleep 1; done",
    ]


def spawn(name, args, env=None, log=None):
    """A process of the stack, in a session of its own so that it outlives
    `make stack`; its PID goes to .stack/pids/NAME.pid."""
    out = open(log or STACK / f"{name}.log", "a")  # noqa: SIM115 (the child keeps it)
    process = subprocess.Popen(
        [str(a) for a in args],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    write_pid(name, process.pid)
    return process


def stack_vcl(node_ports):
    """deploy/varnish/kss.vcl with its one backend replaced by a director over
    the app nodes, each with a health check (docs/deployment.md, Scaling out)."""
    vcl = (ROOT / "deploy" / "varnish" / "kss.vcl").read_text()
    nodes = "\n".join(
        f'backend node{n} {{ .host = "127.0.0.1"; .port = "{port}"; .probe = health;'
        " .connect_timeout = 1s; .first_byte_timeout = 30s; }"
        for n, port in enumerate(node_ports, start=1)
    )
    # A shard director: a retry (vcl_backend_error retries once) goes to the
    # next node for the same address (alt=bereq.retries), never to the node
    # that just failed, which round robin would pick again half the time
    # under load. By address, so each node keeps warm what it serves.
    director = "\n".join(
        ["sub vcl_init {", "    new nodes = directors.shard();"]
        + [f"    nodes.add_backend(node{n});" for n in range(1, len(node_ports) + 1)]
        + ["    nodes.reconfigure();", "}"]
    )
    backends = (
        "import directors;\n\n"
        # A static file: a node is alive if it answers, whatever the database does.
        'probe health { .url = "/static/favicon.svg"; .interval = 1s; .timeout = 1s;'
        " .window = 3; .threshold = 2; }\n" + nodes + "\n\n" + director + "\n\n"
        "sub vcl_backend_fetch {\n"
        "    set bereq.backend = nodes.backend(by=URL, alt=bereq.retries);\n"
        "}\n"
    )
    vcl, count = re.subn(r"backend default \{.*?\n\}\n", backends, vcl, count=1, flags=re.S)
    assert count == 1, "deploy/varnish/kss.vcl has no backend default block"
    return vcl


def stack_nginx(port, varnish_port, node_ports):
    """deploy/nginx/kss.conf on 127.0.0.1 without TLS, with the stack's ports
    and folders."""
    server = (ROOT / "deploy" / "nginx" / "kss.conf").read_text()
    nodes = "\n".join(f"    server 127.0.0.1:{node} max_fails=0;" for node in node_ports)
    replacements = [
        (r"listen 443 ssl;", f"listen 127.0.0.1:{port};"),
        (r"\n\s*http2 on;", ""),
        (r"\n\s*ssl_certificate[^\n]*;", ""),
        (r"server 127\.0\.0\.1:6081;", f"server 127.0.0.1:{varnish_port};"),
        (r"    server 127\.0\.0\.1:8000 max_fails=0;", nodes),
        (r"/srv/kss/static/", f"{STACK}/static/"),
        (r"/srv/kss/media/", f"{STACK}/media/"),
        (r"/srv/kss/private/", f"{STACK}/private/"),
    ]
    for pattern, replacement in replacements:
        server, count = re.subn(pattern, replacement, server)
        assert count, f"deploy/nginx/kss.conf: no {pattern}"
    temp = STACK / "nginx"
    return f"""
worker_processes 2;
pid {PIDS}/nginx.pid;
error_log {STACK}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{server}
}}
"""


class Stack:
    """The production stack of docs/deployment.md on 127.0.0.1, from this
    checkout, under .stack/: PostgreSQL, Redis, gunicorn with production
    settings on NODES app nodes, Varnish with a health-checked director over
    them, nginx with deploy/nginx/kss.conf in front."""

    def __init__(self):
        self.state_file = STACK / "stack.json"
        self.state = json.loads(self.state_file.read_text()) if self.state_file.exists() else {}

    @property
    def url(self):
        return f"http://127.0.0.1:{self.state['port']}"

    def env(self):
        state = self.state
        return {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "kss_site.settings.production",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{state['postgres']}/kss",
            "REDIS_URL": f"redis://127.0.0.1:{state['redis']}/0",
            "VARNISH_URL": f"http://127.0.0.1:{state['varnish']}",
            "SECRET_KEY": state["secret"],
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "WAGTAILADMIN_BASE_URL": self.url,
            "CSRF_TRUSTED_ORIGINS": f"{self.url},http://localhost:{state['port']}",
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": str(STACK / "static"),
            "MEDIA_ROOT": str(STACK / "media"),
            "PRIVATE_MEDIA_ROOT": str(STACK / "private"),
            # Mail as files under .stack/mail/, one per message.
            "EMAIL_URL": f"file://{STACK / 'mail'}?from=nettsted@localhost",
            # nginx adds the visitor's address to X-Forwarded-For (Varnish
            # passes it on as nginx wrote it).
            "PROXY_COUNT": "1",
        }

    def up(self, port, nodes):
        if self.running():
            raise SystemExit("The stack is running already: make stack-down first.")
        install_packages()
        need("varnishd", "nginx", "redis-server")
        STACK.mkdir(exist_ok=True)
        for folder in ("nginx", "static", "media", "private", "redis"):
            (STACK / folder).mkdir(exist_ok=True)
        self.state = {
            "port": port,
            "postgres": free_port(),
            "redis": free_port(),
            "varnish": free_port(),
            "varnish_admin": free_port(),
            "nodes": [free_port() for _ in range(nodes)],
            "secret": self.state.get("secret") or os.urandom(32).hex(),
        }
        self.state_file.write_text(json.dumps(self.state, indent=2))
        self.start_postgres()
        spawn("redis", redis_command("redis-server", self.state["redis"], STACK / "redis"))
        env = self.env()
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_seed_content", "-v0")
        manage(env, "ensure_admin")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "render_error_pages", "-v0")
        for n in range(1, nodes + 1):
            self.start_node(n)
        self.start_beside()
        self.start_varnish()
        (STACK / "nginx.conf").write_text(
            stack_nginx(port, self.state["varnish"], self.state["nodes"])
        )
        subprocess.run(["nginx", "-c", STACK / "nginx.conf"], check=True)
        wait_for(self.url + "/")
        print(f"Stack up: {self.url}/")

    def start_postgres(self):
        pg = STACK / "postgres"
        bin_dir = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        pg.mkdir(exist_ok=True)
        shutil.chown(pg, "postgres", "postgres")

        def as_postgres(*args):
            subprocess.run(
                ["runuser", "-u", "postgres", "--", *map(str, args)],
                check=True,
                stdout=subprocess.DEVNULL,
            )

        if not (pg / "data").exists():
            as_postgres(
                bin_dir / "initdb",
                "-D",
                pg / "data",
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            )
        as_postgres(
            bin_dir / "pg_ctl",
            "-D",
            pg / "data",
            "-l",
            pg / "server.log",
            "-w",
            "-t",
            "60",
            "-o",
            f"-p {self.state['postgres']} -k {pg} -c listen_addresses=127.0.0.1",
            "start",
        )
        pid = (pg / "data" / "postmaster.pid").read_text().split()[0]
        write_pid("postgres", pid)
        exists = subprocess.run(
            [
                bin_dir / "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.state["postgres"]),
                "-U",
                "postgres",
                "-tAc",
                "SELECT 1 FROM pg_database WHERE datname = 'kss'",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if not exists:
            subprocess.run(
                [
                    bin_dir / "createdb",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(self.state["postgres"]),
                    "-U",
                    "postgres",
                    "kss",
                ],
                check=True,
            )

    def start_node(self, n, workers=2):
        port = self.state["nodes"][n - 1]
        spawn(
            f"node{n}",
            [
                Path(PYTHON).parent / "gunicorn",
                "kss_site.wsgi",
                "--workers",
                workers,
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            env=self.env(),
        )
        wait_for(f"http://127.0.0.1:{port}/robots.txt")

    def start_beside(self):
        """What runs beside the app nodes, as in production (docs/deployment.md):
        the task worker, and every minute scheduled publishing and the removal
        of the uploader's unfinished files."""
        self.start_worker()
        spawn(
            "scheduler",
            [
                "bash",
                "-c",
                f"while true; do {PYTHON} manage.py publish_scheduled >/dev/null; "
                f"{PYTHON} manage.py remove_pending_uploads -v0; sleep 60; done",
            ],
            env=self.env(),
        )

    def start_worker(self):
        spawn(
            "worker",
            supervised(f"{PYTHON} manage.py db_worker --interval 0.2 --no-startup-delay"),
            env=self.env(),
        )

    def start_varnish(self):
        (STACK / "kss.vcl").write_text(stack_vcl(self.state["nodes"]))
        shutil.copy(ROOT / "deploy" / "varnish" / "addresses.vcl", STACK)  # its include
        subprocess.run(
            [
                "varnishd",
                "-j",
                "none",
                "-n",
                STACK / "varnish",
                "-a",
                f"127.0.0.1:{self.state['varnish']}",
                "-T",
                f"127.0.0.1:{self.state['varnish_admin']}",
                "-f",
                STACK / "kss.vcl",
                "-s",
                "malloc,256m",
                "-P",
                PIDS / "varnish.pid",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        wait_for(f"http://127.0.0.1:{self.state['varnish']}/robots.txt")

    def pids(self):
        # A process that failed to start may leave its file empty (nginx does).
        return {
            path.stem: int(path.read_text().split()[0])
            for path in PIDS.glob("*.pid")
            if path.read_text().strip()
        }

    def running(self):
        for pid in self.pids().values():
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, 0)
                return True
        return False

    def healthy_nodes(self):
        """The app nodes Varnish's director counts as healthy, by name."""
        listing = subprocess.run(
            ["varnishadm", "-n", str(STACK / "varnish"), "backend.list"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return {
            line.split()[0].split(".")[-1]
            for line in listing.splitlines()[1:]
            if "healthy" in line.lower() and "sick" not in line.lower()
        }

    def stop_process(self, name, sig=None):
        """Stop one process of the stack by its PID and wait for it to go."""
        import signal

        pid = self.pids().get(name)
        path = PIDS / f"{name}.pid"
        if pid is None:
            path.unlink(missing_ok=True)
            return
        # PostgreSQL's fast shutdown is SIGINT; everything else stops on SIGTERM.
        sig = sig or (signal.SIGINT if name == "postgres" else signal.SIGTERM)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                os.kill(pid, 0)
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, os.WNOHANG)
                time.sleep(0.1)
            os.kill(pid, signal.SIGKILL)
        path.unlink(missing_ok=True)

    def down(self):
        # Front to back, so nothing in front sends to what has gone.
        for name in [
            "nginx",
            "varnish",
            *sorted(n for n in self.pids() if n.startswith("node")),
            "worker",
            "scheduler",
            "redis",
            "postgres",
        ]:
            self.stop_process(name)
        print("Stack down.")


def cli():
    import argparse

    parser = argparse.ArgumentParser(description="make stack / make stack-down")
    parser.add_argument(
        "command",
        choices=[
            "up",
            "down",
            "stop",
            "start-node",
            "start-worker",
            "start-postgres",
            "healthy",
            "manage",
            "running",
        ],
    )
    parser.add_argument(
        "args",
        nargs=argparse.REMAINDER,
        help="stop: a process (node1, worker, varnish, ...); start-node: its number; "
        "manage: a manage.py command with the stack's settings; healthy: prints the "
        "app nodes Varnish sends to; running: prints 'yes' while the stack runs",
    )
    args = parser.parse_args()
    stack = Stack()
    if args.command == "up":
        stack.up(int(os.environ.get("STACK_PORT", "8080")), int(os.environ.get("NODES", "1")))
    elif args.command == "down":
        stack.down()
    elif args.command == "stop":
        stack.stop_process(args.args[0])
    elif args.command == "start-node":
        stack.start_node(int(args.args[0]))
    elif args.command == "start-worker":
        stack.start_worker()
    elif args.command == "start-postgres":
        stack.start_postgres()
    elif args.command == "healthy":
        print(" ".join(sorted(stack.healthy_nodes())))
    elif args.command == "running":
        if stack.running():
            print("yes")
    else:
        manage(stack.env(), *args.args)


if __name__ == "__main__":
    cli()
