"""How a broken domain rule reaches the person who broke it: one error, one way to show it.

Services raise a subclass of ``DomainError`` with a message that is already translated
(``gettext``) and, when it belongs next to one form field, that field's name. Views
catch ``DomainError`` and hand it to ``show_domain_error``, which puts the message where
the person is looking: next to the field (or above the form) when there is a form, in
the request's messages otherwise. ``includes/messages.html`` shows those: at the top of
the page the view renders or redirects to, or inside the snippet an htmx request (or
the ticket scanner) swaps in, which the view marks with ``show_messages``.

The one exception is a refusal that means "you may not": a view raises
``Refused(error.message)`` (a ``PermissionDenied``), and the 403 page shows that message.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


class DomainError(Exception):
    """A change a rule of the platform refuses; ``message`` is translated for the person.

    ``field`` names the form field the message belongs next to (None: above the form).
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


class Refused(PermissionDenied):
    """A 403 with a reason for the person, already translated: the 403 page shows it.

    Its own class, because Django's and allauth's ``PermissionDenied`` carry technical
    English texts ("Reauthentication not available") that must not reach the page.
    """


def show_domain_error(
    request: HttpRequest,
    error: DomainError,
    *,
    form: forms.BaseForm | None = None,
    field: str | None = None,
) -> None:
    """Show ``error`` to the person.

    With a form, the message goes next to the field the error names; when that field is
    not on this form it goes next to ``field`` (None: above the form), so a service
    error never turns into a 500 because one form lacks a field. Without a form it
    becomes a messages entry for the page (or snippet) the view redirects or renders to.
    """
    if form is None:
        messages.error(request, error.message)
    else:
        form.add_error(error.field if error.field in form.fields else field, error.message)
