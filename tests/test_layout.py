"""The layout of docs/development.md holds: shared code never imports a
section, infrastructure never imports content, no module imports itself
round a cycle, and each app connects the signals of its own models."""

import ast
import weakref
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

BASE = Path(settings.BASE_DIR)

# What each package may import from the project, besides itself. Content sits
# on the infrastructure; the sections on the shared pages; seeding and the
# root URLs on everything.
INFRASTRUCTURE = {"caching", "security", "roles", "staff", "backup"}
ALLOWED = {
    # A stored page carries the security headers it was sent with.
    "caching": {"security"},
    "security": set(),
    "roles": set(),
    "staff": set(),
    # A restore empties the caches, as any change of content does.
    "backup": {"caching"},
    "pages": INFRASTRUCTURE,
    "reports": {"pages", *INFRASTRUCTURE},
    "partners": {"pages", "reports", *INFRASTRUCTURE},
    "conferences": {"pages", "reports", *INFRASTRUCTURE},
    "search": {"pages", "reports", *INFRASTRUCTURE},
    "seeding": {"pages", "reports", "partners", "conferences", *INFRASTRUCTURE},
    "kss_site": {"pages", "reports", "partners", "conferences", "search", *INFRASTRUCTURE},
}


def project_modules():
    """``{dotted module name: path}`` for every module of the project's packages."""
    modules = {}
    for package in ALLOWED:
        for path in (BASE / package).rglob("*.py"):
            parts = list(path.relative_to(BASE).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def imports_of(name, path, known):
    """The project modules ``name`` imports anywhere in its file, functions
    included. Importing ``a.b.c`` runs ``a/__init__`` and ``a/b/__init__``
    first: each package on the way counts as imported too, but for those the
    importing module sits in (they are being imported already)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # "from x import y" may name the module x.y or a name inside x.
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
                parts = target.split(".")
                for depth in range(1, len(parts)):
                    on_the_way = ".".join(parts[:depth])
                    if on_the_way in known and not name.startswith(on_the_way + "."):
                        found.add(on_the_way)
    found.discard(name)
    return found


@pytest.fixture(scope="module")
def graph():
    modules = project_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def test_the_graph_sees_imports_inside_functions():
    """A check that finds nothing proves nothing: the parser must see the
    import in ``InternationalWorkPage``'s module and a function-level one."""
    modules = project_modules()
    assert "pages.models.base" in imports_of(
        "pages.models.pages", modules["pages.models.pages"], modules
    )
    assert "reports.models" in imports_of(
        "reports.templatetags.report_tags", modules["reports.templatetags.report_tags"], modules
    )


def test_each_package_imports_only_what_its_layer_may(graph):
    wrong = sorted(
        (name, target)
        for name, targets in graph.items()
        for target in targets
        if (top := target.split(".")[0]) != name.split(".")[0]
        and top not in ALLOWED[name.split(".")[0]]
    )
    assert wrong == []


def cycles_in(graph):
    """Tarjan's strongly connected components: any component of more than one
    module is a cycle."""
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            # A package and its own __init__ re-exporting a submodule is not a cycle.
            if len({m for m in component if not any(o.startswith(m + ".") for o in component)}) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def test_no_module_imports_itself_round_a_cycle(graph):
    assert cycles_in(graph) == []


def test_a_cycle_through_a_package_s_init_is_found(tmp_path):
    """The positive control, as reports/ had it: forms imports
    models.library, which runs models/__init__, which imports archive, which
    imports forms."""
    files = {
        "shop/__init__.py": "",
        "shop/forms.py": "from .models.library import Kind\n",
        "shop/models/__init__.py": "from .archive import Archive\n",
        "shop/models/archive.py": "from ..forms import FilterForm\n",
        "shop/models/library.py": "Kind = 1\n",
    }
    known = {}
    for relative, text in files.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        parts = list(path.relative_to(tmp_path).with_suffix("").parts)
        known[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {name: imports_of(name, path, known) for name, path in known.items()}
    assert cycles_in(graph) == [["shop.forms", "shop.models", "shop.models.archive"]]


def test_each_app_connects_the_signals_of_its_own_models():
    """No central list of "models that matter": a project model's signals are
    connected by its own app (``dispatch_uid`` names the connecting module),
    or by the caches, for every page type alike and for the models that
    declare themselves shown on pages (``caching.dependencies.ShownOnPages``)."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, published, unpublished

    from caching.dependencies import ShownOnPages

    ours = {
        id(model): model
        for config in apps.get_app_configs()
        if Path(config.path).parent == BASE
        for model in config.get_models()
    }
    connections, foreign = [], []
    signals = (post_save, post_delete, published, unpublished, page_published, page_unpublished)
    # Django has no public way to list a signal's connections: Signal.receivers
    # holds them as ((dispatch_uid or receiver id, sender id), receiver, ...).
    for signal in signals:
        for (uid, sender_id), receiver, *_ in signal.receivers:
            model = ours.get(sender_id)
            if model is None:
                continue
            receiver = receiver() if isinstance(receiver, weakref.ReferenceType) else receiver
            if not isinstance(uid, str):
                # Wagtail's own receivers (search and reference index) carry no
                # uid; one of ours must, or the check below could not see it.
                module = getattr(receiver, "__module__", "")
                assert module.split(".")[0] not in ALLOWED, (model, receiver)
                continue
            connections.append(model)
            connector = uid.split(":")[0].split(".")[0]
            own = connector == model._meta.app_label
            declared = issubclass(model, Page | ShownOnPages)
            if not (own or (connector == "caching" and declared)):
                foreign.append((model.__name__, uid))
    assert connections, "no project model has a receiver: the check sees nothing"
    assert foreign == []
