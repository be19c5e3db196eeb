"""`make stack` for the tests: the documented production stack from the
checkout, on loopback, with two app nodes, in a temporary folder of its own
(STACK_DIR) beside any the developer runs. One per test session (the ``stack``
fixture of tests/conftest.py): bringing it up takes half a minute.

Needs root and Debian's packages (the stack installs what is missing); CI
runs it, a local run without them skips it."""

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADMIN_PASSWORD = "stack-test-passord-42"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, method="GET", host="localhost"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, headers={"Host": host})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


class Stack:
    """A stack brought up by scripts/stack.py in ``folder``, served on ``port``."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="kss-stack-test-"))
        self.folder.chmod(0o755)  # PostgreSQL runs as its own user
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # The stack brings its own database and settings: the tests' must not leak in.
        self.env = {
            **{
                k: v
                for k, v in os.environ.items()
                if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
            },
            "STACK_DIR": str(self.folder),
            "STACK_PORT": str(self.port),
            "NODES": "2",
            "KSS_ADMIN_PASSWORD": ADMIN_PASSWORD,
        }
        self.up = self.run("up")
        self.state = (
            json.loads((self.folder / "stack.json").read_text()) if self.up.returncode == 0 else {}
        )

    def run(self, *args):
        return subprocess.run(
            [sys.executable, "scripts/stack.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    def destroy(self):
        self.run("down")
        shutil.rmtree(self.folder, ignore_errors=True)


def shell(stack, script):
    """Runs Python in the stack's `manage.py shell`; returns its last line of output."""
    result = stack.run("manage", "shell", "-c", script)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


class Visitor:
    """A browser's requests from one address (any 127.x.y.z on Linux), with
    its cookies, through nginx."""

    def __init__(self, stack, address="127.0.0.1"):
        self.port, self.address, self.cookies = stack.port, address, {}

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(self.address, 0)
        )
        headers = {"Host": "localhost", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";")[0]
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, content

    def post_form(self, path, fields, files=()):
        """A form as a browser sends it, with the CSRF token Django set."""
        import mimetypes
        import uuid
        from urllib.parse import urlencode

        if "csrftoken" not in self.cookies:
            self.request("GET", path)
        fields = {"csrfmiddlewaretoken": self.cookies["csrftoken"], **fields}
        if not files:
            body = urlencode(fields).encode()
            kind = "application/x-www-form-urlencoded"
        else:
            boundary = uuid.uuid4().hex
            parts = [
                f"--{boundary}\r\n"
                f'Content-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                for k, v in fields.items()
            ]
            for name, filename, data in files:
                kind = mimetypes.guess_type(filename)[0] or "application/octet-stream"
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
                    + data
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            kind = f"multipart/form-data; boundary={boundary}"
        return self.request("POST", path, body, {"Content-Type": kind})

    def log_in(self, username, password):
        return self.post_form("/admin/login/", {"username": username, "password": password})


# A workflow's notices, made by the server's own settings (a manage.py shell
# beside it), read from the folder its mail backend writes to, and every link
# in them followed through the server as the member of staff it was sent to.
NOTICES_SCRIPT = (
    "from django.contrib.auth import get_user_model;"
    "from django.contrib.auth.models import Group;"
    "from wagtail.models import Workflow;"
    "from wagtail.users.models import UserProfile;"
    "from partners.models import PartnerPage;"
    "from roles.workflow import APPROVERS, EDITORS;"
    "User = get_user_model();"
    "users = {};"
    "[users.__setitem__(name, User.objects.create_user(name, email=f'{name}@kss.example.org',"
    " password='et-langt-passord-42')) for name in ('postredaktor', 'postansvarlig')];"
    "users['postredaktor'].groups.add(Group.objects.get(name=EDITORS));"
    "users['postansvarlig'].groups.add(Group.objects.get(name=APPROVERS));"
    "UserProfile.objects.filter(user__in=users.values()).update(preferred_language='nb');"
    "page = PartnerPage.objects.get(slug='estland');"
    "page.save_revision(user=users['postredaktor']);"
    "Workflow.objects.get(name='Godkjenning').start(page, users['postredaktor'])"
)
APPROVAL_SCRIPT = (
    "from django.contrib.auth import get_user_model;"
    "from partners.models import PartnerPage;"
    "task_state = PartnerPage.objects.get(slug='estland').current_workflow_task_state;"
    "approver = get_user_model().objects.get(username='postansvarlig');"
    "task_state.task.specific.on_action(task_state, approver, 'approve')"
)


def notices(folder):
    """The mails a file backend wrote, parsed."""
    from email import message_from_bytes, policy

    # One file per connection, its messages separated by a line of 79 dashes.
    return [
        message_from_bytes(part.lstrip("\n").encode(), policy=policy.default)
        for path in sorted(folder.glob("*.log"))
        for part in path.read_text().split("-" * 79)
        if part.strip()
    ]


def assert_notices_lead_where_they_say(port, run_shell, folder, sender):
    """Submit a page and then approve it; every notice comes from ``sender``,
    every link in it is on http://127.0.0.1:port and opens, for its addressee
    and while it is news (the review before the approval), a screen that
    names the page. Returns the paths followed."""
    import re
    from urllib.parse import urlsplit

    base = f"http://127.0.0.1:{port}/"
    followed, read = [], set()
    for script, addressee in (
        (NOTICES_SCRIPT, "postansvarlig@kss.example.org"),
        (APPROVAL_SCRIPT, "postredaktor@kss.example.org"),
    ):
        run_shell(script)
        new = [m for m in notices(folder) if m["To"] == addressee and m["Message-ID"] not in read]
        assert new, f"no mail to {addressee}"
        for message in new:
            read.add(message["Message-ID"])
            assert message["From"] == sender, message["From"]
            text = "\n".join(
                part.get_content()
                for part in message.walk()
                if part.get_content_type().startswith("text/")
            )
            links = sorted(
                {link.rstrip(".,)") for link in re.findall(r"https?://[^\s<>\"]+", text)}
            )
            assert links, message["Subject"]
            reader = Visitor(type("Server", (), {"port": port}))
            assert reader.log_in(addressee.split("@")[0], "et-langt-passord-42")[0] == 302
            for link in links:
                assert link.startswith(base), link
                parts = urlsplit(link)
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                status, _, body = reader.request("GET", path)
                assert status == 200, (link, status)
                if "/account/" not in parts.path:
                    assert "Estland" in body.decode(), link
                followed.append(parts.path)
    return followed
