"""How the comparison of two versions shows a date, a number or a yes/no:
as staff read them elsewhere in the admin. Wagtail's default prints the
Python value, so a publishing date set for the first time read
"None2026-12-06 09:00:00+00:00", in UTC."""

import datetime

from django.db import models
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.admin.compare import FieldComparison, TextDiff, register_comparison_class


class ValueComparison(FieldComparison):
    @staticmethod
    def shown(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, datetime.datetime):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(value, datetime.date):
            return formats.date_format(value, "DATE_FORMAT")
        return formats.localize(value)

    def htmldiff(self):
        before, after = self.shown(self.val_a), self.shown(self.val_b)
        if before == after:
            return escape(after)
        return TextDiff(
            [(kind, text) for kind, text in (("deletion", before), ("addition", after)) if text]
        ).to_html()


def register():
    for field in (
        models.DateField,  # and DateTimeField
        models.TimeField,
        models.IntegerField,  # and its positive, small and big kinds
        models.DecimalField,
        models.FloatField,
        models.BooleanField,
    ):
        register_comparison_class(field, comparison_class=ValueComparison)
