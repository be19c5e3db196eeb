from django.core.management.base import BaseCommand
from django.db import transaction

from seeding.content import conferences, partners, site
from seeding.seeder import Seeder


class Command(BaseCommand):
    help = (
        "Build the page tree and reports from the seed text. Creates what is missing and "
        "never changes what exists, so it is safe to run at every start. Content only: "
        "the editorial roles and the workflow come from migrate."
    )

    def handle(self, *args, **options):
        seeder = Seeder()
        with transaction.atomic():
            roots = site.build_roots(seeder)
            site.build_network(seeder, roots)
            partners.build(seeder, roots)
            conferences.build(seeder, roots)
            site.link_network(seeder, roots)
            site.build_archive_and_statements(seeder, roots)
            site.configure_site(seeder, roots)

        if not options["verbosity"]:
            return
        created = sum(seeder.created.values())
        if created:
            summary = ", ".join(f"{n} {name}" for name, n in sorted(seeder.created.items()))
            self.stdout.write(self.style.SUCCESS(f"Seed content created: {summary}."))
        else:
            self.stdout.write("Seed content already in place; nothing changed.")
