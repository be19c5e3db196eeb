from django.core.management.base import BaseCommand

from caching.front_cache import retry_pending


class Command(BaseCommand):
    help = (
        "Send Varnish the purges it did not take before (it was down or did not answer). "
        "Run it every minute, beside publish_scheduled."
    )

    def handle(self, *args, **options):
        if retry_pending():
            if options["verbosity"] > 1:
                self.stdout.write("Nothing left to purge.")
        else:
            self.stderr.write("Varnish still does not answer; the purges are kept.")
