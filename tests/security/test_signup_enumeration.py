"""Issue 11: sign-up must not reveal whether an address already has an account.

Both a known and a new address get the same answer (status, redirect, "check your
e-mail" page) and neither is logged in; the person continues by the link in the mail.
"""

import re

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model

from tests.core.factories import UserFactory

# Account mail goes through the outbox after commit (``on_commit_runs_at_once``).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_commit_runs_at_once")]

SIGNUP = {
    "name": "Iemand",
    "password1": "Een-lang-wachtwoord-42",
    "password2": "Een-lang-wachtwoord-42",
}


def _sign_up(client, email):
    response = client.post("/account/signup/", {**SIGNUP, "email": email})
    landing = client.get(response["Location"]) if response.status_code == 302 else None
    return response, landing


def _page_text(response, typed_address="") -> str:
    """The page with the per-request tokens (csrf, csp nonce) and the address the visitor
    typed themselves taken out: what is left must not differ between the two cases."""
    text = response.content.decode().replace(typed_address or "\0", "ADRES")
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    text = re.sub(r'"X-CSRFToken": "[^"]+"', "", text)
    return re.sub(r'nonce="[^"]+"', "", text)


def test_it_answers_a_known_and_a_new_address_identically_and_logs_in_neither(client):
    UserFactory(email="bestaat@example.nl", verified=True)

    known, known_page = _sign_up(client, "bestaat@example.nl")
    assert SESSION_KEY not in client.session
    client.cookies.clear()
    new, new_page = _sign_up(client, "nieuw@example.nl")
    assert SESSION_KEY not in client.session

    assert known.status_code == new.status_code == 302
    assert known["Location"] == new["Location"] == "/account/confirm-email/"
    assert known_page.status_code == new_page.status_code == 200
    assert _page_text(known_page, "bestaat@example.nl") == _page_text(new_page, "nieuw@example.nl")
    assert "Kijk in je mailbox" in _page_text(new_page)
    # Neither visitor can reach "Mijn overzicht".
    assert client.get("/mijn/")["Location"].startswith("/account/login/")


def test_it_mails_the_owner_instead_of_making_a_second_account(client, mailoutbox):
    owner = UserFactory(email="bestaat@example.nl", verified=True)
    _sign_up(client, "bestaat@example.nl")
    assert get_user_model().objects.filter(email__iexact="bestaat@example.nl").count() == 1
    owner.refresh_from_db()
    assert owner.check_password("Een-lang-wachtwoord-42") is False
    assert [m.to for m in mailoutbox] == [["bestaat@example.nl"]]
    assert "/account/confirm-email/" not in mailoutbox[0].body
    assert "Je hebt al een account met dit adres" in mailoutbox[0].body
    assert "/account/password/reset/" in mailoutbox[0].body


def test_a_newcomer_is_logged_in_after_following_the_link_in_the_mail(client, mailoutbox):
    _sign_up(client, "nieuw@example.nl")
    assert SESSION_KEY not in client.session
    link = re.search(r"https?://[^/\s]+(/account/confirm-email/\S+)", mailoutbox[0].body)
    confirm_page = client.get(link.group(1))
    assert confirm_page.status_code == 200
    done = client.post(link.group(1))
    assert done.status_code == 302
    person = get_user_model().objects.get(email="nieuw@example.nl")
    assert person.has_verified_email
    assert person.name == "Iemand"
    assert client.session[SESSION_KEY] == str(person.pk)
    assert client.get(done["Location"], follow=True).status_code == 200


def test_an_unverified_account_can_still_log_in_with_an_e_mail_code(client, mailoutbox):
    UserFactory(email="onbevestigd@example.nl")  # signed up, never clicked the link
    response = client.post("/account/login/code/", {"email": "onbevestigd@example.nl"})
    assert response.status_code == 302
    code = re.search(r"^\s*([0-9]{6})\s*$", mailoutbox[-1].body, re.MULTILINE).group(1)
    confirmed = client.post(response["Location"], {"code": code})
    assert confirmed.status_code == 302
    assert SESSION_KEY in client.session
    person = get_user_model().objects.get(email="onbevestigd@example.nl")
    assert person.has_verified_email


def test_the_sign_up_page_says_that_a_confirmation_mail_comes_next(client):
    page = client.get("/account/signup/").content.decode()
    assert "Na het aanmaken krijg je een e-mail met een link." in page
    assert "Account aanmaken" in page
