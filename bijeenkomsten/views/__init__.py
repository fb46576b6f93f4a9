"""Views of events: thin. Parse the form, call a service, redirect (or an htmx partial)."""

from bijeenkomsten.views.attendance import (
    attendees,
    attendees_csv,
    attendees_print,
    attendees_xlsx,
    badges,
    check_in,
    check_in_toggle,
    evaluation_csv,
    evaluation_results,
)
from bijeenkomsten.views.common import (
    PUBLIC_STATUSES,
)
from bijeenkomsten.views.my_registrations import (
    cancel_by_token,
    duo_answer,
    evaluate,
    mine,
    registration_cancel,
    registration_edit,
    registration_ics,
)
from bijeenkomsten.views.organiser import (
    dashboard,
    event_cancel,
    event_create,
    event_duplicate,
    event_edit,
    event_publish,
    message,
    programme,
    series_invite,
    session_edit,
)
from bijeenkomsten.views.public import (
    detail,
    event_ics,
    feed,
    index,
    register,
)

__all__ = [
    "PUBLIC_STATUSES",
    "attendees",
    "attendees_csv",
    "attendees_print",
    "attendees_xlsx",
    "badges",
    "cancel_by_token",
    "check_in",
    "check_in_toggle",
    "dashboard",
    "detail",
    "duo_answer",
    "evaluate",
    "evaluation_csv",
    "evaluation_results",
    "event_cancel",
    "event_create",
    "event_duplicate",
    "event_edit",
    "event_ics",
    "event_publish",
    "feed",
    "index",
    "message",
    "mine",
    "programme",
    "register",
    "registration_cancel",
    "registration_edit",
    "registration_ics",
    "series_invite",
    "session_edit",
]
