"""The domain errors of the event services."""


class RegistrationError(Exception):
    """A sign-up or change that cannot happen; ``message`` is translated for the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class EventError(RegistrationError):
    """An organiser's change that cannot happen (for example a capacity too low)."""
