"""Stored pages answered before Django (caching/wsgi.py): the same copy, the
same headers and the same rule as a hit through Django's middleware; every
request the rule keeps out goes to Django; a change is never answered from
an old copy."""

import pytest
from django.test import RequestFactory

from caching.wsgi import StoredPages
from partners.models import PartnerPage
from tests.helpers import committed

pytestmark = pytest.mark.django_db

PATH = "/partnere/kypros/"


class Django:
    """Stands for Django behind the layer: counts what reaches it."""

    def __init__(self):
        self.reached = []

    def __call__(self, environ, start_response):
        self.reached.append(environ["PATH_INFO"])
        start_response("418 I'm a teapot", [("Content-Type", "text/plain")])
        return [b"Django"]


def ask(environ):
    django = Django()
    answer = {}

    def start_response(status, headers):
        answer.update(status=status, headers=dict(headers))

    body = b"".join(StoredPages(django)(environ, start_response))
    return answer.get("status"), answer.get("headers"), body, django.reached


def environ(path=PATH, method="get", **extra):
    return getattr(RequestFactory(), method)(path, **extra).environ


def test_a_stored_page_is_answered_as_django_answers_it(client):
    client.get(PATH)  # rendered and stored
    through_django = client.get(PATH)
    status, headers, body, reached = ask(environ())
    assert reached == [] and status == "200 OK"
    assert body == through_django.content
    assert headers == dict(through_django.items())
    # The security headers too, which Django's outermost middleware adds.
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "public" in headers["Cache-Control"]


def test_a_head_request_gets_the_headers_without_the_page(client):
    client.get(PATH)
    status, headers, body, reached = ask(environ(method="head"))
    assert reached == [] and status == "200 OK" and body == b""
    assert headers["Content-Type"].startswith("text/html")


def test_a_tracking_parameter_is_answered_from_the_bare_page(client):
    client.get(PATH)
    assert ask(environ(PATH + "?utm_source=nyhetsbrev"))[3] == []


@pytest.mark.parametrize(
    "request_",
    [
        pytest.param({"path": PATH + "?side=2"}, id="a parameter a page reads"),
        pytest.param({"method": "post"}, id="POST"),
        pytest.param({"HTTP_COOKIE": "sessionid=abc"}, id="a session"),
        pytest.param({"HTTP_HOST": "elsewhere.example"}, id="a host not allowed"),
        pytest.param({"path": "/admin/"}, id="the admin"),
        pytest.param({"path": "/partnere/"}, id="a page not stored yet"),
    ],
)
def test_what_the_rule_keeps_out_goes_to_django(client, request_):
    client.get(PATH)
    assert ask(environ())[3] == [], "the positive control: the stored page is answered"
    assert ask(environ(**request_))[3] != []


def test_a_published_change_goes_to_django_at_once(client):
    client.get(PATH)
    page = PartnerPage.objects.get(slug="kypros")
    page.summary = "Publisert nå."
    with committed():
        page.save_revision().publish()
    assert ask(environ())[3] == [PATH]
    assert "Publisert nå." in client.get(PATH).content.decode()  # stored anew
    status, _headers, body, reached = ask(environ())
    assert reached == [] and "Publisert nå." in body.decode()


def test_the_production_application_answers_stored_pages_first():
    from kss_site.wsgi import application

    assert isinstance(application, StoredPages)
