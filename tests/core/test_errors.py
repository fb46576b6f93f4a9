"""One way for a domain error to reach a person (core.errors)."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.test import RequestFactory

from bijeenkomsten.services import EventError, RegistrationError
from initiatieven.mozaiek.services import MozaiekError
from initiatieven.services import InitiativeError
from matching.dates.services import DateError
from matching.services import MatchError
from netwerkplatform.core.errors import DomainError, show_domain_error
from netwerkplatform.core.limits import InvitationLimitError


class _NameForm(forms.Form):
    name = forms.CharField()
    email = forms.EmailField()


def _request():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _shown(request) -> list[str]:
    return [str(m) for m in get_messages(request)]


@pytest.mark.parametrize(
    "error_class",
    [
        RegistrationError,
        EventError,
        InitiativeError,
        MozaiekError,
        MatchError,
        DateError,
        InvitationLimitError,
    ],
)
def test_it_makes_every_app_error_a_domain_error(error_class):
    error = error_class("Dit kan niet.")
    assert isinstance(error, DomainError)
    assert error.message == str(error) == "Dit kan niet."


def test_it_keeps_event_errors_apart_from_registration_errors():
    """An organiser's refusal is not an attendee's: catching one must not catch the other."""
    assert not issubclass(EventError, RegistrationError)


def test_it_shows_an_error_without_a_form_as_a_message():
    request = _request()
    show_domain_error(request, DomainError("Dit kan niet."))
    assert _shown(request) == ["Dit kan niet."]


def test_it_puts_the_message_next_to_the_field_the_error_names():
    form = _NameForm(data={"name": "Ans", "email": "ans@example.org"})
    assert form.is_valid()
    show_domain_error(_request(), DomainError("Die naam is bezet.", field="name"), form=form)
    assert form.errors == {"name": ["Die naam is bezet."]}


def test_it_uses_the_views_field_when_the_error_names_none():
    form = _NameForm(data={"name": "Ans", "email": "ans@example.org"})
    assert form.is_valid()
    show_domain_error(_request(), DomainError("Limiet bereikt."), form=form, field="email")
    assert form.errors == {"email": ["Limiet bereikt."]}


def test_it_puts_an_error_for_a_field_the_form_lacks_above_the_form():
    request = _request()
    form = _NameForm(data={"name": "Ans", "email": "ans@example.org"})
    assert form.is_valid()
    show_domain_error(request, DomainError("Kies een andere ronde.", field="round"), form=form)
    assert form.non_field_errors() == ["Kies een andere ronde."]
    assert _shown(request) == []
