from django.core.management.base import BaseCommand

from pages.errors import render_error_pages


class Command(BaseCommand):
    help = (
        "Write the error pages nginx answers itself (502, 503, 504, 405, 413) in each "
        "language, with the site's help lines, into ERROR_PAGES_ROOT. Run it after "
        "collectstatic at each deploy."
    )

    def handle(self, *args, **options):
        written = render_error_pages()
        if options["verbosity"] > 0:
            self.stdout.write(f"{len(written)} error pages in {written[0].parent.parent}.")
