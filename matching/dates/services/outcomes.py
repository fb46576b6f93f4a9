"""Dates at events, afterwards: what came of a date (useful on both sides: a confirmed
match made at the event) and the event's figures."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten.models import Event
from matching.dates.models import DateMatch, DateOutcome, DateRequest, DateSlot
from matching.dates.services.access import DateError
from matching.services import match_confirm_from_date_outcome

# --- afterwards -----------------------------------------------------------------------


def outcome_opens_at(date_request: DateRequest):
    """The terugblik opens once the date's slot is over (None: not on the schedule)."""
    return date_request.slot.ends_at if date_request.slot_id else None


def date_outcome_record(
    *,
    date_request: DateRequest,
    user,
    happened: bool,
    useful: bool,
    note: str = "",
    public: bool = False,
) -> DateOutcome:
    """Record what came of a date, once it is over. When both people say it led to
    something, the match is confirmed through ``match_confirm_from_date_outcome``."""

    if user.pk not in (date_request.from_user_id, date_request.to_user_id):
        raise DateError(_("This is not your date."))
    date_request = DateRequest.objects.select_related("event", "slot").get(pk=date_request.pk)
    if date_request.published_at is None or date_request.status != DateRequest.Status.ACCEPTED:
        raise DateError(_("This date was not on the schedule."))
    opens = outcome_opens_at(date_request)
    if opens is None or timezone.now() < opens:
        raise DateError(
            _("You can look back on this date once it is over, from %(time)s.")
            % {"time": timezone.localtime(opens).strftime("%H:%M") if opens else "?"}
        )
    with transaction.atomic():
        outcome, _new = DateOutcome.objects.update_or_create(
            request=date_request,
            user=user,
            defaults={
                "happened": happened,
                "useful": happened and useful,
                "note": note[:300],
                "public": happened and useful and public,
            },
        )
        both = list(DateOutcome.objects.filter(request=date_request))
        if len(both) == 2 and all(o.useful for o in both):
            match_confirm_from_date_outcome(date_request=date_request)
    return outcome


def dates_stats(*, event: Event) -> dict:
    requests = DateRequest.objects.filter(event=event)
    outcomes = DateOutcome.objects.filter(request__event=event)
    held = outcomes.filter(happened=True).values("request").distinct().count()
    return {
        "requested": requests.count(),
        "accepted": requests.filter(status=DateRequest.Status.ACCEPTED).count(),
        "placed": requests.filter(slot__isnull=False).count(),
        "published": requests.filter(published_at__isnull=False).count(),
        "held": held,
        "useful": outcomes.filter(useful=True).values("request").distinct().count(),
        "matches": DateMatch.objects.filter(event=event).count(),
    }


def dates_stats_per_slot(*, event: Event) -> list[dict]:
    """Per slot: dates placed, held (someone said it took place), no-shows (someone said
    it did not) and outcomes (both said it led to something). Two queries."""
    slots = list(DateSlot.objects.filter(event=event))
    rows = {s.pk: {"slot": s, "placed": 0, "held": 0, "no_show": 0, "useful": 0} for s in slots}
    for slot_id in DateRequest.objects.filter(
        event=event, slot__isnull=False, published_at__isnull=False
    ).values_list("slot_id", flat=True):
        rows[slot_id]["placed"] += 1
    per_request: dict[int, list] = {}
    for request_id, slot_id, happened, useful in DateOutcome.objects.filter(
        request__event=event, request__slot__isnull=False
    ).values_list("request_id", "request__slot_id", "happened", "useful"):
        per_request.setdefault(request_id, [slot_id, []])[1].append((happened, useful))
    for slot_id, answers in per_request.values():
        row = rows[slot_id]
        if any(h for h, _u in answers):
            row["held"] += 1
        else:
            row["no_show"] += 1
        if len(answers) == 2 and all(u for _h, u in answers):
            row["useful"] += 1
    return [rows[s.pk] for s in slots]
