"""Every admin screen a member of staff can reach, found from the admin's URL
patterns rather than from a list (tests/test_admin_language.py,
tests/test_admin_language_browser.py).

``build_world`` puts content in every state staff meet: a draft, a page in
moderation, one sent back for changes, one scheduled, one locked by someone
else, one restricted, an alias, an untranslated page, translated pages, and
the same for reports; images and documents, a private collection, a
redirect. ``admin_routes`` walks Django's URL resolver for everything under
/admin/. ``urls_for`` fills each route's arguments with the
objects of every state that route can show. A route none of the rules below
can fill, or names as not a screen, fails the crawl: a new Wagtail's new
screens are walked, not forgotten.
"""

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

ADMIN = "admin/"

# Routes that are not screens, and why: nothing a person reads comes back.
NOT_SCREENS = {
    "admin/api/main/": "the admin's JSON API for its scripts",
    "admin/jsi18n/": "the scripts' catalogue (their strings are checked in Chromium)",
    "admin/sprite/": "the icon sprite",
    "admin/failwhale/": "Wagtail's deliberate error, for testing error reporting",
    "admin/test404/": "Wagtail's 404 template, shown through any missing address",
    "admin/logout/": "logs out; the login screen it leads to is walked",
    "admin/dismissibles/": "records a dismissed banner (JSON)",
    "admin/editing-sessions/": "the editors' presence pings (JSON, POST)",
    "admin/tag-autocomplete/": "tag suggestions (JSON)",
    "admin/block-preview/": "a block's preview: the public site's look, not the admin's",
    "admin/^.*/$": "the admin's catch-all 404",
    "preview/": "a preview: the public page as visitors get it",
    "view_draft/": "the draft as visitors would get it",
    "/revisions/<int:revision_id>/view/": "a revision as visitors would have got it",
    "workflow/preview/": "a page in moderation as visitors would get it",
    "generate_url/output/": "the address of a rendition (JSON)",
    "/chosen/": "the chooser's answer to the editor's scripts (JSON)",
    "chosen-multiple/": "the chooser's answer to the editor's scripts (JSON)",
    "/images/<int:image_id>/preview/": "an image rendition",
    "/set_position/": "reorders pages (POST, for the explorer's drag handles)",
    "/delete_upload/": "deletes a pending upload (POST)",
    "/multiple/<int:doc_id>/": "saves one upload of several (POST; the uploader is walked)",
    "/multiple/<int:image_id>/": "saves one upload of several (POST; the uploader is walked)",
    "/create_from_uploaded_": "finishes a pending upload (POST; the uploader is walked)",
    "workflows/enable/": "enables a workflow (POST)",
    "tasks/enable/": "enables a task (POST)",
    "/redirects/import/process/": "the second step of an import (POST)",
    "task_chooser/<int:task_id>/": "the task chooser's answer (JSON)",
    "admin/veiledning/images/": "a screenshot in the editor's guide (the guide itself is walked)",
}

# Forms whose answers the admin's scripts read, not people: sent without
# the scripts, they get an answer no one sees.
SCRIPT_FORMS = {
    "/multiple/add/": "the uploader sends each file with its scripts and shows their answer",
}

EMPTY_SEARCH = "ingenting-som-finnes"

# What the walks of this session saw, by (role, how): the screens, for the
# summary at the end of the run (tests/conftest.py) and build/admin-walk/.
WALKED = {}
WALK_FOLDER = Path(__file__).resolve().parent.parent / "build" / "admin-walk"


def admin_routes():
    """(route, URLPattern) for every URL pattern under /admin/."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern

    return [(route, p) for route, p in walk(get_resolver().url_patterns) if route.startswith(ADMIN)]


def not_a_screen(route):
    for part, why in NOT_SCREENS.items():
        if part in route:
            return why
    return None


def typed_content():
    """Every text staff or the seed typed in, longest first: what the
    screens show of it is content, not the interface. Rich text, stream
    blocks and revisions hold their words inside markup and JSON."""
    import html
    import json

    from django.apps import apps
    from django.db import models
    from wagtail.fields import StreamField

    def strings(value):
        if isinstance(value, str):
            if value.startswith(("[", "{")):
                try:
                    yield from strings(json.loads(value))
                    return
                except ValueError:
                    pass
            for piece in re.split(r"<[^>]+>", value):
                if piece := " ".join(html.unescape(piece).split()):
                    yield piece
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list | tuple):
            for item in value:
                yield from strings(item)

    kinds = (models.CharField, models.TextField, models.JSONField, StreamField)
    texts = set()
    for model in apps.get_models():
        fields = [
            f.name for f in model._meta.concrete_fields if isinstance(f, kinds) and not f.choices
        ]
        if fields:
            for row in model._default_manager.values_list(*fields):
                texts.update(strings(list(row)))
    return sorted(texts, key=len, reverse=True)


@dataclass
class World:
    """Content in every state, by name: ``pages["draft"]`` and so on."""

    pages: dict = field(default_factory=dict)
    reports: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)


def build_world(roles):
    """The content of the crawl, on top of the seeded site. ``roles`` maps a
    role's name to its user; content is made by the editor and decided by the
    approver, so the screens show both names."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.log_actions import log
    from wagtail.models import (
        Collection,
        CollectionViewRestriction,
        Locale,
        PageViewRestriction,
        Workflow,
    )

    from pages.models import InternationalWorkPage, StandardPage
    from partners.models import PartnerIndexPage, PartnerPage
    from reports.models import Report
    from tests.factories import DocumentFactory, ReportFactory
    from tests.helpers import make_image

    editor, approver = roles["editor"], roles["approver"]
    world = World(users=dict(roles))
    nb = Locale.objects.get(language_code="nb")
    home = InternationalWorkPage.objects.get(locale=nb)
    partners = PartnerIndexPage.objects.get(locale=nb)
    workflow = Workflow.objects.get(name="Godkjenning")

    def page(model, parent, slug, **fields):
        instance = model(title=slug.replace("-", " ").capitalize(), slug=slug, **fields)
        parent.add_child(instance=instance)
        log(instance, "wagtail.create", user=editor)
        return instance

    kypros = PartnerPage.objects.get(slug="kypros")
    world.pages["live"] = kypros
    world.pages["english"] = kypros.get_translation(Locale.objects.get(language_code="en"))
    world.pages["home"] = home
    world.pages["index"] = partners

    draft = page(
        PartnerPage,
        partners,
        "utkast-kenya",
        country="KE",
        live=False,
        organisation_name="COVAW",
        start_year=2020,
    )
    draft.save_revision(user=editor, log_action=True)
    draft.summary = "Endret i andre utkast."
    draft.save_revision(user=editor, log_action=True)
    world.pages["draft"] = draft

    moderation = page(StandardPage, home, "til-godkjenning", live=False)
    moderation.save_revision(user=editor, log_action=True)
    workflow.start(moderation, editor)
    world.pages["moderation"] = moderation

    rejected = page(StandardPage, home, "sendt-tilbake", live=False)
    rejected.save_revision(user=editor, log_action=True)
    state = workflow.start(rejected, editor)
    state.current_task_state.task.specific.on_action(
        state.current_task_state, approver, "reject", comment="Se over avsnitt to."
    )
    world.pages["needs changes"] = rejected

    scheduled = page(StandardPage, home, "planlagt")
    scheduled.save_revision(user=approver, log_action=True).publish(user=approver)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=3)
    revision = scheduled.save_revision(
        user=approver, approved_go_live_at=scheduled.go_live_at, log_action=True
    )
    revision.publish(user=approver)
    world.pages["scheduled"] = scheduled

    locked = page(StandardPage, home, "last")
    locked.save_revision(user=approver, log_action=True).publish(user=approver)
    locked.locked, locked.locked_by, locked.locked_at = True, approver, timezone.now()
    locked.save()
    log(locked, "wagtail.lock", user=approver)
    world.pages["locked"] = locked

    restricted = page(StandardPage, home, "for-innloggede")
    restricted.save_revision(user=approver, log_action=True).publish(user=approver)
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    world.pages["restricted"] = restricted

    untranslated = page(StandardPage, home, "bare-pa-norsk")
    untranslated.save_revision(user=approver, log_action=True).publish(user=approver)
    world.pages["untranslated"] = untranslated
    world.pages["alias"] = untranslated.create_alias(update_slug="alias-av-bare-pa-norsk")

    live_report = Report.objects.filter(locale=nb, live=True).first()
    world.reports["live"] = live_report
    world.reports["draft"] = ReportFactory(live=False, title="Utkast til rapport")
    world.reports["draft"].save_revision(user=editor, log_action=True)
    in_moderation = ReportFactory(live=False, title="Rapport til godkjenning")
    in_moderation.save_revision(user=editor, log_action=True)
    workflow.start(in_moderation, editor)
    world.reports["moderation"] = in_moderation
    locked_report = ReportFactory(title="Låst rapport")
    locked_report.save_revision(user=approver, log_action=True).publish(user=approver)
    locked_report.locked, locked_report.locked_by = True, approver
    locked_report.locked_at = timezone.now()
    locked_report.save()
    world.reports["locked"] = locked_report

    root = Collection.get_first_root_node()
    private = root.add_child(name="Interne rapporter")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    world.objects["collection"] = private
    world.objects["image"] = make_image("Sal", description="En tom konferansesal")
    world.objects["document"] = DocumentFactory(title="Årsrapport 2025")
    internal = Document(title="Internt notat", collection=private)
    internal.file.save("internt-notat.pdf", ContentFile(b"%PDF-1.4 internt"), save=True)
    world.objects["private document"] = internal
    world.objects["image in use"] = make_image("Brukt", description="Et bilde i bruk")
    kypros.hero_image = world.objects["image in use"]
    kypros.save_revision(user=approver, log_action=True).publish(user=approver)
    world.pages["live"] = PartnerPage.objects.get(pk=kypros.pk)

    from wagtail.contrib.redirects.models import Redirect

    world.objects["redirect"] = Redirect.objects.create(
        old_path="/gammel-side", redirect_page=kypros
    )
    world.objects["workflow"] = workflow
    world.objects["task"] = workflow.tasks.first()
    assert Image.objects.exists() and StandardPage.objects.exists()
    return world


def _model_of(pattern):
    view = pattern.callback
    initkwargs = getattr(view, "view_initkwargs", None) or {}
    model = initkwargs.get("model") or getattr(getattr(view, "view_class", None), "model", None)
    return model if isinstance(model, type) else None


def urls_for(route, pattern, world):
    """The concrete addresses of a route, one for every state it can show;
    None when no rule here knows its arguments."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry
    from wagtail.models import Collection, Locale, Page, Site, Task

    from pages.models import SiteSettings

    name = pattern.name
    arguments = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)
    arguments = [a or b for a, b in arguments]
    path = "/" + re.sub(r"\^|\$|\\", "", route)

    def fill(**values):
        url = path
        for key, value in values.items():
            url = re.sub(rf"<(?:\w+:)?{key}>|\(\?P<{key}>[^)]*\)", str(value), url)
        assert "<" not in url and "(?P" not in url, (route, values)
        return url

    if not arguments:
        if path.endswith(("/search/", "/search/results/")):
            return [path + "?q=kypros", path + "?" + urlencode({"q": EMPTY_SEARCH})]
        if name in ("index", "list", "choose", "index_results", "list_results", "choose_results"):
            return [path, path + "?" + urlencode({"q": EMPTY_SEARCH})]
        if name == "add" and path.startswith("/admin/snippets/"):
            return [path + "?locale=nb"]
        return [path]

    pages, reports = world.pages, world.reports
    page_types = [
        model for model in apps.get_models() if issubclass(model, Page) and model is not Page
    ]
    arguments = set(arguments)

    if arguments == {"uidb64", "token"}:
        user = world.users["editor"]
        return [
            fill(
                uidb64=urlsafe_base64_encode(force_bytes(user.pk)),
                token=default_token_generator.make_token(user),
            )
        ]
    if arguments == {"content_type_app_name", "content_type_model_name", "parent_page_id"}:
        urls = []
        for model in page_types:
            parents = model.allowed_parent_page_models()
            parent = next(
                (
                    p
                    for p in Page.objects.filter(locale__language_code="nb").specific()
                    if type(p) in parents and model.can_create_at(p)
                ),
                None,
            )
            if parent is not None:
                urls.append(
                    fill(
                        content_type_app_name=model._meta.app_label,
                        content_type_model_name=model._meta.model_name,
                        parent_page_id=parent.pk,
                    )
                )
        return urls
    if arguments == {"content_type_app_name", "content_type_model_name"}:
        return [
            fill(
                content_type_app_name=m._meta.app_label, content_type_model_name=m._meta.model_name
            )
            for m in page_types
        ]
    if arguments == {"app_label", "model_name"} and "pages/create/" in route:
        return [
            fill(app_label=m._meta.app_label, model_name=m._meta.model_name) for m in page_types
        ]
    if arguments == {"app_label", "model_name"} and "tasks/add/" in route:
        return [fill(app_label="wagtailcore", model_name="groupapprovaltask")]
    if arguments == {"app_label", "model_name", "action"}:
        urls = []
        targets = {
            "wagtailcore": [pages["draft"].pk, pages["live"].pk],
            "wagtailimages": [world.objects["image"].pk],
            "wagtaildocs": [world.objects["document"].pk],
            "reports": [reports["draft"].pk],
            "auth": [world.users["editor"].pk],
        }
        for app_label, models in bulk_action_registry.actions.items():
            for model_name, actions in models.items():
                ids = targets.get(app_label, [])
                for action in actions:
                    query = urlencode({"id": ids}, doseq=True)
                    url = fill(app_label=app_label, model_name=model_name, action=action)
                    urls.append(f"{url}?{query}&next=/admin/")
        return urls
    if arguments == {"app_name", "model_name"}:
        return [fill(app_name="pages", model_name="sitesettings")]
    if arguments == {"app_name", "model_name", "pk"}:
        site = Site.objects.get(is_default_site=True)
        return [
            fill(app_name="pages", model_name="sitesettings", pk=SiteSettings.for_site(site).pk)
        ]
    if arguments == {"app_label", "model_name", "pk"}:  # translating a snippet
        return [fill(app_label="reports", model_name="report", pk=r.pk) for r in reports.values()]

    # A page, in every state, with what goes with it.
    page_keys = {"page_id", "parent_page_id", "page_to_move_id", "page_pk", "pk"}
    if arguments & (page_keys - {"pk"}) or ("pk" in arguments and route.startswith("admin/pages/")):
        key = (arguments & page_keys).pop()
        urls = []
        chosen = (
            {"home": pages["home"], "index": pages["index"], "english": pages["english"]}
            if key == "parent_page_id"
            else pages
        )
        for page in chosen.values():
            values = {key: page.pk}
            latest = page.get_latest_revision()
            task_state = page.current_workflow_task_state
            workflow_state = page.workflow_states.first()
            if "revision_id" in arguments:
                revision = page.scheduled_revision if "unschedule" in route else latest
                if revision is None:
                    continue
                values["revision_id"] = revision.pk
            if {"revision_id_a", "revision_id_b"} <= arguments:
                if latest is None:
                    continue
                values.update(revision_id_a="earliest", revision_id_b="latest")
            if "destination_id" in arguments:
                values["destination_id"] = page.get_parent().pk
            if "workflow_state_id" in arguments:
                if workflow_state is None:
                    continue
                values["workflow_state_id"] = workflow_state.pk
            if "task_state_id" in arguments:
                if task_state is None:
                    continue
                for action in ("approve", "reject"):
                    urls.append(fill(**values, action_name=action, task_state_id=task_state.pk))
                continue
            if "task_id" in arguments:
                if task_state is None:
                    continue
                values["task_id"] = task_state.task_id
            if "workflow_pk" in arguments:
                values["workflow_pk"] = world.objects["workflow"].pk
            urls.append(fill(**values))
        return urls

    # Reports, in every state.
    if route.startswith("admin/snippets/reports/report/") and "pk" in arguments:
        urls = []
        for report in reports.values():
            values = {"pk": report.pk}
            latest = report.latest_revision
            task_state = report.current_workflow_task_state
            workflow_state = report.workflow_states.first()
            if "revision_id" in arguments:
                revision = report.scheduled_revision if "unschedule" in route else latest
                if revision is None:
                    continue
                values["revision_id"] = revision.pk
            if {"revision_id_a", "revision_id_b"} <= arguments:
                values.update(revision_id_a="earliest", revision_id_b="latest")
            if "workflow_state_id" in arguments:
                if workflow_state is None:
                    continue
                values["workflow_state_id"] = workflow_state.pk
            if "task_state_id" in arguments:
                if task_state is None:
                    continue
                for action in ("approve", "reject"):
                    urls.append(fill(**values, action_name=action, task_state_id=task_state.pk))
                continue
            if "task_id" in arguments:
                if task_state is None:
                    continue
                values["task_id"] = task_state.task_id
            urls.append(fill(**values))
        return urls

    # One object of the route's model: an image, a document, a user ...
    model = _model_of(pattern)
    single = {
        "image_id": [world.objects["image"], world.objects["image in use"]],
        "document_id": [world.objects["document"], world.objects["private document"]],
        "redirect_id": [world.objects["redirect"]],
        "collection_id": [world.objects["collection"]],
    }
    if len(arguments) == 1 and (argument := next(iter(arguments))) in single:
        return [fill(**{argument: obj.pk}) for obj in single[argument]]
    if arguments == {"pk"}:
        by_model = {
            "Collection": [world.objects["collection"]],
            "Workflow": [world.objects["workflow"]],
            "Task": [world.objects["task"]],
            "User": [world.users["editor"], world.users["approver"]],
            "Group": list(Group.objects.all()),
            "Site": [Site.objects.get(is_default_site=True)],
            "Locale": list(Locale.objects.all()),
        }
        if model is not None and model.__name__ in by_model:
            return [fill(pk=obj.pk) for obj in by_model[model.__name__]]
        if "workflows/usage/" in route or "workflows/enable" in route:
            return [fill(pk=world.objects["workflow"].pk)]
        if "tasks/" in route:
            return [fill(pk=Task.objects.first().pk)]
        if model is None and "/users/" in route:
            return [fill(pk=get_user_model().objects.first().pk)]
    if arguments == {"pk"} and "collections/" in route:
        return [fill(pk=Collection.objects.exclude(depth=1).first().pk)]
    return None


def screens(world):
    """{route: [url, ...]} for every admin route that is a screen, and
    {route: why} for those that are not. Raises on a route no rule knows."""
    found, skipped, unknown = {}, {}, []
    for route, pattern in admin_routes():
        if why := not_a_screen(route):
            skipped[route] = why
            continue
        urls = urls_for(route, pattern, world)
        if urls is None:
            unknown.append(route)
        else:
            found[route] = urls
    assert not unknown, f"admin routes the crawl cannot fill: {unknown}"
    return found, skipped


def as_html(response):
    """The HTML a screen shows: the page, or a modal's (choosers answer JSON
    with the dialog's HTML in it). None for anything else."""
    kind = response.get("Content-Type", "")
    if kind.startswith("text/html"):
        return response.content.decode()
    if kind.startswith("application/json"):
        try:
            data = json.loads(response.content)
        except ValueError:
            return None
        if isinstance(data, dict) and isinstance(data.get("html"), str):
            return data["html"]
    return None


@dataclass
class Form:
    """A form a screen sends by POST, as the browser would send it."""

    action: str
    data: object  # a QueryDict
    buttons: list  # (name, value) of its named submit buttons
    required: list  # names of its required fields
    needs_scripts: bool  # a StreamField: its fields are added by the editor's scripts


def forms_on(html, url):
    """The POST forms of a screen."""
    from urllib.parse import urljoin

    from bs4 import BeautifulSoup
    from wagtail.test.utils.form_data import querydict_from_html

    page = BeautifulSoup(html, "html.parser")
    forms = []
    for form in page.find_all("form"):
        if form.get("method", "get").lower() != "post":
            continue
        buttons = [
            (b["name"], b.get("value", ""))
            for b in form.find_all(["button", "input"])
            if b.get("name")
            and (b.get("type") or ("submit" if b.name == "button" else "text")) == "submit"
        ]
        data = querydict_from_html(str(form))
        for name, _value in buttons:
            data.pop(name, None)
        forms.append(
            Form(
                action=urljoin(url, form.get("action") or url),
                data=data,
                buttons=buttons,
                required=[f["name"] for f in form.find_all(required=True) if f.get("name")],
                needs_scripts=form.find(attrs={"data-w-block-data-value": True}) is not None,
            )
        )
    return forms


def sent(client, form, extra=None, blank=()):
    """Sends ``form`` (with ``extra`` fields, ``blank`` ones emptied) and
    follows where it leads, all undone afterwards: the world stays as it
    was for the next screen. Returns the last response."""
    from django.db import transaction

    data = form.data.copy()
    for name in blank:
        data[name] = ""
    data.update(extra or {})
    with transaction.atomic():
        response = client.post(form.action, data, follow=True)
        transaction.set_rollback(True)
    return response


def make_staff():
    """The three people whose admin is walked: an editor and an approver in
    the site's roles (roles/workflow.py), and a superuser, each with an
    e-mail address and Norwegian as their admin language."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    from roles.workflow import APPROVERS, EDITORS
    from tests.helpers import make_user

    staff = {
        "editor": make_user("redaktor", EDITORS),
        "approver": make_user("ansvarlig", APPROVERS),
    }
    staff["superuser"] = get_user_model().objects.create_superuser(
        "sjef", "sjef@kss.example.org", "et-langt-passord-42"
    )
    for user in staff.values():
        user.email = user.email or f"{user.username}@kss.example.org"
        user.save()
        UserProfile.objects.filter(pk=UserProfile.get_for_user(user).pk).update(
            preferred_language="nb"
        )
    return staff


@dataclass
class Walk:
    """What a crawl saw: every screen (url → status), the English found
    (string → the first place it was seen), and the answers in the 500s."""

    screens: dict = field(default_factory=dict)
    english: dict = field(default_factory=dict)
    odd: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    sent: int = 0

    def shown(self):
        return sorted(url for url, status in self.screens.items() if status == 200)

    def found(self, strings, where):
        for string in strings:
            self.english.setdefault(string, where)


def crawl(client, user, world, content, forms=True):
    """Opens every screen of every route the client's user may reach, and,
    with ``forms``, sends every form on them twice: with its required fields
    emptied (the form's errors) and as it stands, once per submit button (the
    message that follows the action); each send is undone. Forms that only
    the editor's scripts can fill are left to the browser
    (tests/test_admin_language_browser.py)."""
    from django.urls import resolve
    from django.urls.exceptions import Resolver404

    from tests.admin_language import english_on, odd_norwegian_on

    routes, _skipped = screens(world)
    walk, sent_already = Walk(), set()
    client.force_login(user)
    for urls in routes.values():
        for url in urls:
            response = client.get(url)
            walk.screens[url] = response.status_code
            if response.status_code >= 500:
                walk.errors.append((url, response.status_code))
            if response.status_code != 200 or not (html := as_html(response)):
                continue
            walk.found(english_on(html, content), url)
            for text in odd_norwegian_on(html) - set(content):
                walk.odd.setdefault(text, url)
            if not forms or not response["Content-Type"].startswith("text/html"):
                continue
            for form in forms_on(html, url):
                path = urlsplit(form.action).path
                if not path.startswith("/admin/") or form.needs_scripts:
                    continue
                if any(part in path for part in SCRIPT_FORMS):
                    continue
                if not_a_screen(path.lstrip("/")) or path.startswith("/admin/logout/"):
                    continue
                try:
                    route = resolve(path).route
                except Resolver404:
                    continue
                tries = [("errors", {}, form.required)] if form.required else []
                tries += [("as it stands", {}, ())]
                tries += [(name, {name: value}, ()) for name, value in form.buttons]
                for what, extra, blank in tries:
                    # A route's messages are the same for every object it acts on.
                    if (route, what) in sent_already:
                        continue
                    sent_already.add((route, what))
                    answer = sent(client, form, extra, blank)
                    walk.sent += 1
                    where = f"{url} → {path} ({what})"
                    if answer.status_code >= 500:
                        walk.errors.append((where, answer.status_code))
                    if answer_html := as_html(answer):
                        walk.found(english_on(answer_html, content), where)
                    # A form may end its sender's session (a password changed).
                    client.force_login(user)
    return walk


def record(role, how, screens_walked):
    """Writes the list of screens a walk saw to build/admin-walk/, for the
    run's summary (written here: under pytest-xdist the walk runs in a
    worker, the summary in the controller)."""
    WALKED[(role, how)] = sorted(screens_walked)
    WALK_FOLDER.mkdir(parents=True, exist_ok=True)
    (WALK_FOLDER / f"{role}-{how.split(',')[0].lower()}.txt").write_text(
        "\n".join(WALKED[(role, how)]) + "\n"
    )
