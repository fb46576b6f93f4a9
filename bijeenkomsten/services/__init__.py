"""Business logic of events: sign-ups, waiting lists, duos, programme and organiser work.

Anything that takes a scarce place (an event place, a session place, a duo's two places)
runs in ``transaction.atomic(durable=True)``, locks the event row with
``select_for_update`` and re-checks availability inside the lock (DESIGN.md, convention
6). Because every place-taking path locks the same event row, session places are safe
under that one lock too, and the waiting list order is the order in which people got
the lock.
"""

from bijeenkomsten.selectors import check_in_is_open, event_is_over, user_is_organiser
from bijeenkomsten.services.attendees import (
    registration_add_by_organiser,
    registration_move_session,
    registration_promote,
)
from bijeenkomsten.services.errors import (
    EventError,
    RegistrationError,
)
from bijeenkomsten.services.mails import (
    absolute_url,
)
from bijeenkomsten.services.messages import (
    MESSAGE_BATCH,
    event_message_create,
    event_message_dispatch,
    event_message_send_batch,
    message_footer,
    message_framed_body,
    message_recipients,
)
from bijeenkomsten.services.organisers import (
    event_cancel,
    event_create,
    event_duplicate,
    event_publish,
    event_set_capacity,
    event_update,
    registration_check_in,
    session_save,
    session_set_capacity,
    unique_event_slug,
)
from bijeenkomsten.services.periodic import (
    evaluation_results,
    evaluation_submit,
    evaluations_invite,
    evaluations_send,
    reminders_send,
    series_invite,
)
from bijeenkomsten.services.places import (
    event_places_left,
    event_places_taken,
    registration_is_open,
    session_places_taken,
    sessions_with_places,
    user_is_invited,
)
from bijeenkomsten.services.programme import (
    event_change_notify,
    event_move_preview,
    event_reschedule,
    local_shift,
    round_choice_count,
    round_create,
    round_delete,
    round_update,
    rounds_outside,
    session_choice_count,
    session_delete,
    sessions_with_choice_counts,
    shift_local,
)
from bijeenkomsten.services.registrations import (
    FILL_THRESHOLDS,
    duo_invitation_accept,
    duo_invitation_decline,
    registration_cancel,
    registration_choose_sessions,
    registration_create,
)
from bijeenkomsten.services.series import (
    naming_answer,
    naming_invite,
    naming_withdraw,
    series_events,
    series_save,
    user_may_answer,
    user_organises_series,
)
from bijeenkomsten.services.tickets import (
    registration_check_in_by_code,
    ticket_png_base64,
    ticket_svg,
)

__all__ = [
    "message_footer",
    "message_framed_body",
    "message_recipients",
    "registration_add_by_organiser",
    "registration_move_session",
    "registration_promote",
    "registration_check_in_by_code",
    "ticket_png_base64",
    "ticket_svg",
    "naming_answer",
    "naming_invite",
    "naming_withdraw",
    "series_events",
    "series_save",
    "user_may_answer",
    "user_organises_series",
    "check_in_is_open",
    "event_change_notify",
    "event_is_over",
    "event_move_preview",
    "event_reschedule",
    "local_shift",
    "round_choice_count",
    "round_delete",
    "round_update",
    "rounds_outside",
    "session_choice_count",
    "session_delete",
    "sessions_with_choice_counts",
    "shift_local",
    "EventError",
    "FILL_THRESHOLDS",
    "MESSAGE_BATCH",
    "RegistrationError",
    "absolute_url",
    "duo_invitation_accept",
    "duo_invitation_decline",
    "evaluation_results",
    "evaluation_submit",
    "evaluations_invite",
    "evaluations_send",
    "event_cancel",
    "event_create",
    "event_duplicate",
    "event_message_create",
    "event_message_dispatch",
    "event_message_send_batch",
    "event_places_left",
    "event_places_taken",
    "event_publish",
    "event_set_capacity",
    "event_update",
    "registration_cancel",
    "registration_check_in",
    "registration_choose_sessions",
    "registration_create",
    "registration_is_open",
    "reminders_send",
    "round_create",
    "series_invite",
    "session_places_taken",
    "session_save",
    "session_set_capacity",
    "sessions_with_places",
    "unique_event_slug",
    "user_is_invited",
    "user_is_organiser",
]
