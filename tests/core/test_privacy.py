import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from netwerkplatform.core import registry
from netwerkplatform.core.services import user_delete, user_export_data
from tests.core.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_it_exports_the_account_as_a_json_download(client):
    person = UserFactory(name="Fatima de Vries", hats=["verbinder", "moeder"], verified=True)
    client.force_login(person)
    response = client.get("/mijn/account/gegevens.json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["name"] == "Fatima de Vries"
    assert data["account"]["hats"] == ["verbinder", "moeder"]
    assert data["account"]["email_addresses"] == [
        {"email": person.email, "verified": True, "primary": True}
    ]


def test_it_includes_what_apps_register_in_the_export(monkeypatch):
    person = UserFactory()
    monkeypatch.setattr(registry, "_personal_data", {})
    registry.register_personal_data(
        registry.PersonalData(key="notes", export=lambda user: [f"note of {user.pk}"])
    )
    assert user_export_data(user=person)["notes"] == [f"note of {person.pk}"]


def test_it_anonymises_the_account_and_keeps_the_row_for_others(monkeypatch):
    person = UserFactory(name="Jan Jansen", hats=["vrijwilliger"], verified=True)
    erased = []
    monkeypatch.setattr(registry, "_personal_data", {})
    registry.register_personal_data(
        registry.PersonalData(
            key="things", export=lambda user: [], erase=lambda user: erased.append(user.pk)
        )
    )
    user_delete(user=person)
    person.refresh_from_db()
    assert erased == [person.pk]
    assert person.name == "" and person.hats == []
    assert person.email.endswith("@anoniem.invalid")
    assert not person.is_active and not person.has_usable_password()
    assert not EmailAddress.objects.filter(user=person).exists()
    assert get_user_model().objects.filter(pk=person.pk).exists()


def test_it_deletes_only_after_the_right_email_is_typed(client):
    person = UserFactory(email="jan@example.nl")
    client.force_login(person)
    response = client.post("/mijn/account/verwijderen/", {"confirm_email": "iemand@example.nl"})
    assert response.status_code == 200
    assert "Dit is niet het e-mailadres van je account." in response.content.decode()
    person.refresh_from_db()
    assert person.is_active

    response = client.post(
        "/mijn/account/verwijderen/", {"confirm_email": "JAN@example.nl"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/"
    person.refresh_from_db()
    assert not person.is_active
    assert not client.login(email="jan@example.nl", password=DEFAULT_PASSWORD)
    assert client.get("/mijn/").status_code == 302
