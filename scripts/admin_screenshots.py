"""`make screenshots`: renew the admin screenshots of docs/redaktorveiledning.md.

Seeds a temporary database, serves it, logs in as a Norwegian-speaking editor
in Debian's Chromium (Playwright) and photographs each step of the guide into
docs/images/redaktor/. A manifest records the Wagtail version, so a test can
tell when the pictures are from an older admin.
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import wagtail
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images" / "redaktor"
PASSWORD = "skjermbilder-passord-42"  # noqa: S105 (a throwaway local database)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(env):
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_seed_content", "-v0")
    script = f"""
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile
user = get_user_model().objects.create_superuser("redaktor", "", "{PASSWORD}")
user.first_name = "Kari"; user.save()
profile = UserProfile.get_for_user(user)
profile.preferred_language = "nb"; profile.save()
"""
    manage(env, "shell", "-c", script)


def main():
    workdir = Path(tempfile.mkdtemp(prefix="kss-shots-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'shots.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "kss_site.settings.dev",
        "MEDIA_ROOT": str(workdir / "media"),
    }
    prepare(env)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/admin/login/", timeout=2)  # noqa: S310
            break
        except OSError:
            time.sleep(0.3)
    OUT.mkdir(parents=True, exist_ok=True)
    shots = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            )
            page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="nb-NO")

            def shot(name, path=None, click=None):
                if path:
                    page.goto(base + path)
                if click:
                    page.get_by_role("tab", name=click).click()
                page.wait_for_load_state("networkidle")
                # From the top of the form, with no field in focus.
                page.evaluate("document.activeElement && document.activeElement.blur()")
                page.mouse.move(700, 400)
                page.mouse.wheel(0, -5000)
                page.evaluate(
                    "window.scrollTo(0, 0);"
                    "document.querySelectorAll('*').forEach(e => { e.scrollTop = 0; });"
                )
                page.wait_for_timeout(200)
                page.screenshot(path=OUT / f"{name}.png")
                shots.append(f"{name}.png")

            shot("01-innlogging", "/admin/login/")
            page.fill("#id_username", "redaktor")
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(base + "/admin/")
            shot("02-dashbord")

            ids = json.loads(
                subprocess.run(
                    [
                        sys.executable,
                        "manage.py",
                        "shell",
                        "-c",
                        "import json;from wagtail.models import Page;"
                        "print(json.dumps({p.slug: p.pk for p in Page.objects.filter("
                        "slug__in=['partnere','konferanser','kypros','personvern'])}))",
                    ],
                    cwd=ROOT,
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )

            def fill(fields):
                """Fill a form as the guide's example does: an empty form
                shows the labels, not what to write in them."""
                for name, value in fields.items():
                    field = page.locator(f"[name='{name}']")
                    if field.evaluate("e => e.tagName") == "SELECT":
                        field.select_option(value)
                    else:
                        field.fill(value)

            shot("03-sider-partnere", f"/admin/pages/{ids['partnere']}/")
            page.goto(base + f"/admin/pages/add/partners/partnerpage/{ids['partnere']}/")
            # The guide's example partner; the screenshot database is thrown away.
            fill(
                {
                    "title": "Kenya",
                    "summary": "KSS samarbeider med kvinneorganisasjonen COVAW i Nairobi.",
                    "period_start": "2024",
                }
            )
            shot("04-ny-partner-innhold")
            page.get_by_role("tab", name="Fakta").click()
            fill(
                {
                    "organisation_name": "Coalition on Violence Against Women",
                    "acronym": "COVAW",
                    "country": "KE",
                    "start_year": "2024",
                }
            )
            shot("05-ny-partner-fakta")
            page.goto(base + f"/admin/pages/add/conferences/conferencepage/{ids['konferanser']}/")
            fill({"title": "Nordisk forum 2027"})
            page.get_by_role("tab", name="Fakta").click()
            fill(
                {
                    "start_date": "2027-06-12",
                    "end_date": "2027-06-15",
                    "city": "Malmö",
                    "country": "SE",
                    "participants": "15000",
                }
            )
            page.locator("[name='participants_approximate']").check()
            shot("06-ny-konferanse-fakta")
            page.goto(base + "/admin/snippets/reports/report/add/?locale=nb")
            fill(
                {
                    "title": "Rapport fra studietur til Kenya",
                    "year": "2024",
                    "country": "KE",
                    "summary": "Hva delegasjonen så, og hva samarbeidet skal gjøre videre.",
                }
            )
            shot("07-ny-rapport")
            shot("08-last-opp-pdf", "/admin/documents/multiple/add/")
            shot("09-oversett-side", f"/admin/translation/submit/page/{ids['kypros']}/")
            shot("10-rediger-og-send-til-godkjenning", f"/admin/pages/{ids['kypros']}/edit/")
            page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
            page.wait_for_timeout(300)
            page.screenshot(path=OUT / "11-publiseringsmeny.png")
            shots.append("11-publiseringsmeny.png")
            # Submit it, so the approvers' overview below has something in it.
            page.get_by_role("button", name="Send inn til Godkjenning").click()
            page.wait_for_load_state("networkidle")
            shot("12-historikk", f"/admin/pages/{ids['personvern']}/history/")
            shot("13-til-godkjenning-oversikt", "/admin/reports/workflow/")
            browser.close()
    finally:
        server.terminate()
        server.wait()
    manifest = {"wagtail": wagtail.__version__, "screenshots": sorted(shots)}
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"{len(shots)} screenshots in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
