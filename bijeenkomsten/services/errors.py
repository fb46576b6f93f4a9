"""The domain errors of the event services (both shown through ``core.errors``)."""

from netwerkplatform.core.errors import DomainError


class RegistrationError(DomainError):
    """A sign-up or change by an attendee that cannot happen (a full session, say)."""


class EventError(DomainError):
    """An organiser's change that cannot happen (for example a capacity too low)."""
