"""Every page type has a factory, and what the factories build is content a
visitor can read: the page renders, the report's PDF is served."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from wagtail.models import Page, Site, get_page_models
from wagtail.test.utils import WagtailPageTestCase

from pages.models import InternationalWorkPage
from tests.factories import PAGE_FACTORIES, ReportFactory
from tests.helpers import committed

pytestmark = pytest.mark.django_db


def project_page_models():
    base = Path(settings.BASE_DIR)
    own = {c.label for c in apps.get_app_configs() if Path(c.path).parent == base}
    return {m for m in get_page_models() if m._meta.app_label in own and not m._meta.abstract}


def test_every_page_type_has_a_factory():
    assert project_page_models(), "no page types found: the check sees nothing"
    assert project_page_models() == set(PAGE_FACTORIES)


class FactoryPagesRenderTest(WagtailPageTestCase):
    def test_each_factory_builds_a_page_a_visitor_can_read(self):
        """A whole new site, one page of each type, each under its parent."""
        home = PAGE_FACTORIES[InternationalWorkPage](
            parent=Page.get_first_root_node(), title="Prøve InternationalWorkPage"
        )
        site = Site.objects.create(hostname="localhost", port=8081, root_page=home)
        built = {InternationalWorkPage: home}
        for model, factory_class in PAGE_FACTORIES.items():
            if model not in built:
                parent_model = next(m for m in built if model in m.creatable_subpage_models())
                with committed():  # as when staff add it: the caches learn of it
                    built[model] = factory_class(
                        parent=built[parent_model], title=f"Prøve {model.__name__}"
                    )
            response = self.client.get(
                built[model].relative_url(site), HTTP_HOST="localhost:8081", SERVER_PORT="8081"
            )
            self.assertContains(response, f"<h1>Prøve {model.__name__}</h1>")
        assert set(built) == set(PAGE_FACTORIES)


def test_a_factory_report_has_a_pdf_a_visitor_can_download(client):
    report = ReportFactory()
    response = client.get(report.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")
    assert report.file_extension == "PDF" and report.file_size > 0
