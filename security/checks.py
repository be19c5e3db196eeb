"""A page or collection behind a shared password is an error, not a warning
(security/migrations/0003_no_password_restrictions.py says why). Run with
``manage.py check --database default``, as `make test` and a deploy do."""

from django.core.checks import Error, Tags, register


@register(Tags.database)
def no_shared_passwords(app_configs=None, databases=None, **kwargs):
    from django.db import DatabaseError
    from wagtail.models import CollectionViewRestriction, PageViewRestriction

    if not databases:
        return []
    errors = []
    try:
        kinds = ((PageViewRestriction, "page"), (CollectionViewRestriction, "collection"))
        for model, what in kinds:
            for restriction in model.objects.filter(restriction_type="password"):
                errors.append(
                    Error(
                        f"The {what} {getattr(restriction, what)} is behind a shared password.",
                        hint="Make it for logged-in readers or a group instead "
                        "(the migration security 0003 does this).",
                        obj=restriction,
                        id="security.E001",
                    )
                )
    except DatabaseError:  # not migrated yet: the migration will see to them
        return []
    return errors
