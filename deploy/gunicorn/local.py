"""gunicorn for `make run` (kss_site/settings/local.py): a few sync workers,
and the addresses printed once every worker is up."""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# A page is answered from SQLite in well under a second; a stuck worker is
# replaced rather than left to hold a visitor.
timeout = 30
loglevel = "warning"


def when_ready(server):
    host, port = server.address[0][:2]
    base = f"http://{host}:{port}"
    print(
        "\n"
        f"  The site is ready:  {base}/\n"
        f"  In English:         {base}/en/\n"
        f"  The admin:          {base}/admin/  (user: admin)\n"
        "  Stop it with Ctrl+C.\n",
        flush=True,
    )
