"""Wagtail 8 admin templates that write words in English without gettext.

Each override under templates/wagtailadmin/ is Wagtail's own template with the
replacements below and nothing else; tests/test_admin_language.py checks that
it still is, so an upgrade of Wagtail that changes one of them fails until it
is written again::

    .venv/bin/python manage.py shell -c "from staff.admin_templates import write; write()"
"""

from pathlib import Path

from django.conf import settings

SEARCH_BUTTON = ('value="Search"', "value=\"{% translate 'Search' %}\"")

# A report's preview in the approver's mail needs the task too; without it
# Wagtail's template makes no address, and the mail links to the bare host.
REPORT_PREVIEW = (
    "{% url workflow_preview_url_name object.pk|admin_urlquote as preview_url %}",
    "{% url workflow_preview_url_name object.pk|admin_urlquote task.pk as preview_url %}",
)

FIXES = {
    # The search box's submit button, for screen readers.
    "wagtailadmin/home.html": [SEARCH_BUTTON],
    "wagtailadmin/shared/header.html": [SEARCH_BUTTON],
    # The content checks' help leads to our guide, not Wagtail's English one.
    "wagtailadmin/shared/side_panels/checks.html": [
        (
            "https://guide.wagtail.org/content-checks/",
            "{% url 'kss_editors_guide' %}#kontroll-av-innholdet",
        ),
    ],
    "wagtailadmin/notifications/task_state_submitted.txt": [REPORT_PREVIEW],
    "wagtailadmin/notifications/task_state_submitted.html": [REPORT_PREVIEW],
    # The name screen readers give the header's row of buttons.
    "wagtailadmin/shared/headers/_actions.html": [
        ("{# Actions divider #}", "{% load i18n %}{# Actions divider #}"),
        ('aria-label="Actions"', "aria-label=\"{% translate 'Actions' %}\""),
    ],
}


def wagtails(name):
    import wagtail.admin

    return (Path(wagtail.admin.__file__).parent / "templates" / name).read_text()


def expected(name):
    text = wagtails(name)
    for old, new in FIXES[name]:
        assert old in text, f"{name} no longer has {old!r}"
        text = text.replace(old, new)
    return text


def override_path(name):
    return Path(settings.BASE_DIR) / "templates" / name


def write():
    for name in FIXES:
        path = override_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(expected(name))
