"""Pages and collections behind a shared password become pages and
collections for logged-in readers (docs/safety.md, "No shared passwords").

Wagtail stores a shared password in plain text, everyone who reads the page
shares it, and nothing limits the guesses at it. The setting that hides the
choice (WAGTAIL_PRIVATE_PAGE_OPTIONS) came after some may have been made; this
turns them into login restrictions, and says which, so the operator can tell
the readers they now need an account. A system check fails if one appears
again (security/checks.py)."""

from django.db import migrations


def to_login(apps, schema_editor):
    for model_name, what in (
        ("PageViewRestriction", "page"),
        ("CollectionViewRestriction", "collection"),
    ):
        model = apps.get_model("wagtailcore", model_name)
        for restriction in model.objects.filter(restriction_type="password"):
            target = getattr(restriction, what)
            print(  # noqa: T201 (the operator must know which readers need an account now)
                f"\n  The {what} {target} was behind a shared password; "
                "it is now for logged-in readers."
            )
            restriction.restriction_type = "login"
            restriction.password = ""
            restriction.save(update_fields=["restriction_type", "password"])


class Migration(migrations.Migration):
    dependencies = [
        ("security", "0002_strip_metadata_of_images_uploaded_before"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(to_login, migrations.RunPython.noop)]
