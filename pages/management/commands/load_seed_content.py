from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_module, module_has_submodule

from pages import seed as pages_seed
from pages.roles import ensure_roles_and_workflow
from pages.seeding import Seeder


def section_seed_modules():
    """Each section app (partners, conferences, …) brings its own ``seed`` module,
    so this app never imports them by name."""
    for config in apps.get_app_configs():
        if config.name != "pages" and module_has_submodule(config.module, "seed"):
            yield import_module(f"{config.name}.seed")


class Command(BaseCommand):
    help = (
        "Build the page tree and reports from the seed text. Creates what is missing and "
        "never changes what exists, so it is safe to run at every start."
    )

    def handle(self, *args, **options):
        seeder = Seeder()
        with transaction.atomic():
            roots = pages_seed.build_roots(seeder)
            pages_seed.build_network(seeder, roots)
            for module in section_seed_modules():
                module.build(seeder, roots)
            pages_seed.build_archive_and_statements(seeder, roots)
            pages_seed.configure_site(seeder, roots)
            ensure_roles_and_workflow(roots.values())

        if not options["verbosity"]:
            return
        created = sum(seeder.created.values())
        if created:
            summary = ", ".join(f"{n} {name}" for name, n in sorted(seeder.created.items()))
            self.stdout.write(self.style.SUCCESS(f"Seed content created: {summary}."))
        else:
            self.stdout.write("Seed content already in place; nothing changed.")
