"""The search form: a plain GET form that validates every value, so a bad
address gets a clear 400 page in the reader's language, never a 500."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200
# Characters that mean something to a full-text engine (quotes, operators,
# grouping) or nothing to a reader (controls, NUL); searching treats them as spaces.
_NOT_SEARCHABLE = re.compile(r"[\x00-\x1f\x7f\"'`*^~+\-:()\[\]{}<>|\\/!?.,;=&%$#@]|[\ud800-\udfff]")


def searchable_words(text):
    return " ".join(_NOT_SEARCHABLE.sub(" ", text).split())


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the site"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _("The search is too long: use at most %(limit_value)d characters.")
        },
    )

    def clean_q(self):
        return searchable_words(self.cleaned_data["q"])
