"""The report archive's filters: a plain GET form that validates every value,
so a bad address gets a clear 400 page in the reader's language, never a 500.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from pages.visibility import visible_pages

from .choices import ReportKind


class PageChoiceField(forms.ModelChoiceField):
    """A page given by its number. A number no page key can hold (they are
    32-bit in PostgreSQL, and SQLite fails on larger ones) is no choice, not
    a database error."""

    def to_python(self, value):
        if value not in self.empty_values:
            try:
                in_range = 0 < int(value) < 2**31
            except (TypeError, ValueError):
                in_range = False
            if not in_range:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ReportFilterForm(forms.Form):
    """Filters for the report archive: year range, kind, country, and one field
    per page type that reports belong to (partner, conference).

    The partner and conference filters are not lists to choose from (at a
    hundred partners a list helps nobody and weighs the page down): each
    partner's and conference's page links to the archive filtered to it, and
    the archive shows such a filter as a choice the reader can remove."""

    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=1900, max_value=2100
    )
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=1900, max_value=2100)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, data, *, reports, locale_id, owner_models):
        super().__init__(data)
        self.fields["kind"].choices = [("", _("All kinds")), *ReportKind.choices]
        used_countries = set(reports.exclude(country="").values_list("country", flat=True))
        self.fields["country"].choices = [("", _("All countries"))] + [
            (code, name) for code, name in countries if code in used_countries
        ]
        self.owner_fields = {}
        for model in owner_models:
            if not model._meta.abstract:
                name = model.report_filter_name
                # Checks the one page asked for, never loads them all.
                self.fields[name] = PageChoiceField(
                    label=model._meta.verbose_name.capitalize(),
                    required=False,
                    queryset=visible_pages(model.objects.filter(locale_id=locale_id)),
                    widget=forms.HiddenInput,
                )
                self.owner_fields[name] = model

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("year_from"), cleaned.get("year_to")
        if start and end and start > end:
            raise ValidationError(_("“From year” must not be after “To year”."))
        return cleaned

    def owner_filters(self):
        """``[(label, the chosen page's title, the query without it)]`` for the
        partner and conference filters in use."""
        chosen = []
        for name in self.owner_fields:
            page = self.cleaned_data.get(name)
            if page:
                query = self.data.copy()
                query.pop(name, None)
                query.pop("page", None)
                chosen.append((self.fields[name].label, page.title, query.urlencode()))
        return chosen

    def filter(self, reports):
        data = self.cleaned_data
        if data.get("year_from"):
            reports = reports.filter(year__gte=data["year_from"])
        if data.get("year_to"):
            reports = reports.filter(year__lte=data["year_to"])
        if data.get("kind"):
            reports = reports.filter(kind=data["kind"])
        if data.get("country"):
            reports = reports.filter(country=data["country"])
        for name in self.owner_fields:
            if data.get(name):
                reports = reports.filter(related_page_id=data[name].pk)
        return reports
