import pytest

from netwerkplatform.core.models import OutboxMessage
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_saves_curated_and_own_hats(client):
    person = UserFactory(hats=[])
    client.force_login(person)
    response = client.post(
        "/mijn/account/",
        {
            "name": "Sanne Bakker",
            "hats": ["verbinder", "ambtenaar"],
            "own_hats": "Moeder,  koorlid , verbinder",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "Sanne Bakker"
    assert person.hats == ["verbinder", "ambtenaar", "moeder", "koorlid"]


def test_it_keeps_what_was_typed_when_the_form_has_an_error(client):
    person = UserFactory(name="Oud", hats=[])
    client.force_login(person)
    response = client.post(
        "/mijn/account/", {"name": "", "hats": ["verbinder"], "own_hats": "moeder"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Controleer het volgende" in page
    assert 'value="moeder"' in page
    assert 'value="verbinder" id="id_hats_' in page and "checked" in page
    person.refresh_from_db()
    assert person.name == "Oud"


def test_it_refuses_more_hats_than_fit_on_a_badge(client):
    client.force_login(UserFactory())
    response = client.post(
        "/mijn/account/", {"name": "X", "own_hats": ",".join(f"rol{i}" for i in range(9))}
    )
    assert response.status_code == 200
    assert "Kies hoogstens 8 petjes" in response.content.decode()


SIGN_UP = {
    "email": "nieuw@example.nl",
    "name": "Nieuwe Netwerker",
    "password1": "Een-lang-wachtwoord-42",
    "password2": "Een-lang-wachtwoord-42",
}


def test_it_stores_the_name_given_at_sign_up(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/signup/", SIGN_UP)
    assert response.status_code == 302
    from django.contrib.auth import get_user_model

    person = get_user_model().objects.get(email="nieuw@example.nl")
    assert person.name == "Nieuwe Netwerker"
    assert not person.has_verified_email
    assert len(mailoutbox) == 1
    assert "/account/confirm-email/" in mailoutbox[0].body


def test_it_sends_the_confirmation_mail_through_the_outbox_after_the_sign_up_commits(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as on_commit:
        response = client.post("/account/signup/", SIGN_UP)
    assert response.status_code == 302
    assert mailoutbox == [], "nothing is sent before the sign-up has committed"
    queued = OutboxMessage.objects.get(task_name="netwerkplatform.core.tasks.send_email")
    assert queued.kwargs["recipients"] == ["nieuw@example.nl"]
    assert "/account/confirm-email/" in queued.kwargs["body"]
    for callback in on_commit:
        callback()
    assert [m.to for m in mailoutbox] == [["nieuw@example.nl"]]
    assert mailoutbox[0].body == queued.kwargs["body"]
