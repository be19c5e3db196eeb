from django.apps import AppConfig


class StaffConfig(AppConfig):
    """The admin as the secretariat's staff meet it: wholly in Norwegian,
    with their own guide behind the help menu, and nothing asked of another
    host (docs/editing.md, docs/safety.md)."""

    name = "staff"
    verbose_name = "Staff"

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_migrate

        from . import compare, labels, site_address

        labels.give_wagtails_unlabelled_fields_translatable_labels()
        compare.register()
        # Once per migrate, after Wagtail's (this app has no models, so no
        # post_migrate of its own).
        post_migrate.connect(
            site_address.follow_the_served_address,
            sender=apps.get_app_config("wagtailcore"),
            dispatch_uid="staff.site_address.follow_the_served_address",
        )
