import pytest
from django.test import Client

from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_shows_the_home_page_in_dutch_by_default(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in page
    assert "Initiatieven" in page and "Mijn overzicht" in page


def test_it_switches_to_english_when_asked(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "My overview" in page


def test_it_shows_a_dutch_404_page(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "We kunnen deze pagina niet vinden" in response.content.decode()


def test_it_explains_an_expired_form_in_dutch_and_offers_it_again():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/account/login/", {"login": "a@example.nl", "password": "x"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "Je formulier kon niet worden verstuurd" in page
    assert 'href="/account/login/"' in page
    assert "Forbidden" not in page and "Referer" not in page  # Django's technical page


def test_it_asks_to_log_in_for_my_overview(client):
    response = client.get("/mijn/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_it_collects_dashboard_blocks_for_the_person(client):
    person = UserFactory(name="Kees Smit", hats=["bewoner"])
    client.force_login(person)
    page = client.get("/mijn/").content.decode()
    assert "Hallo Kees" in page
    assert "bewoner" in page
    assert "Bevestig je e-mailadres" in page  # not verified yet


def test_it_styles_the_allauth_pages_in_dutch(client):
    page = client.get("/account/login/").content.decode()
    assert 'class="site-header"' in page
    assert "Inloggen" in page


def test_it_shows_a_dutch_500_page_without_touching_the_database(rf, django_assert_num_queries):
    from netwerkplatform.core.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Er ging bij ons iets mis" in response.content.decode()


def test_it_shows_a_dutch_403_page(rf):
    from django.contrib.auth.models import AnonymousUser

    from netwerkplatform.core.views import permission_denied

    request = rf.get("/")
    request.user = AnonymousUser()
    response = permission_denied(request)
    assert response.status_code == 403
    assert "Dit mag je niet doen" in response.content.decode()


def test_it_shows_only_our_own_refusal_reasons_on_the_403_page(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    from netwerkplatform.core.errors import Refused
    from netwerkplatform.core.views import permission_denied

    request = rf.get("/")
    request.user = AnonymousUser()
    ours = permission_denied(request, Refused("Alleen organisatoren mogen dit.")).content
    assert "Alleen organisatoren mogen dit." in ours.decode()
    library = permission_denied(request, PermissionDenied("Reauthentication not available"))
    page = library.content.decode()
    assert "Reauthentication" not in page
    assert "Dit mag je niet doen" in page
