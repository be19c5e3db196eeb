"""How a model says that its content is shown on pages.

A model joins the caches' invalidation by declaring it, not by being added to
a list elsewhere: inherit ``ShownOnPages`` and say where the object shows
(``pages_showing``), or that it shows on every page (``shown_on_every_page``).
``caching`` then forgets those pages once a change commits: on publication,
withdrawal and deletion for a model with drafts (a draft saved changes
nothing a visitor sees), on every save and deletion for one without.

Page types may declare it too, for pages that show them beyond their own
address, their ancestors, translations and the pages that link to them (the
report archive lists partners and conferences in its filters, say).
"""


class ShownOnPages:
    shown_on_every_page = False

    def pages_showing(self):
        """The pages, beside its own, that show this object."""
        return []
