"""The domain errors of the event services."""


class RegistrationError(Exception):
    """A sign-up or change that cannot happen; ``message`` is translated for the person."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        # The form field the message belongs next to (None: above the form).
        self.field = field


class EventError(RegistrationError):
    """An organiser's change that cannot happen (for example a capacity too low)."""
