"""Dates at events, afterwards: what came of a date (useful on both sides: a confirmed
match made at the event) and the event's figures."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten.models import Event
from matching.dates.models import DateMatch, DateOutcome, DateRequest, DateSlot
from matching.dates.services.access import DateError, date_url
from matching.dates.services.suggestions import attendees_ranked
from matching.services import match_between_people
from netwerkplatform.core.services import email_send

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


def match_confirm_from_date_outcome(*, date_request):
    """Both people said their date led to something: confirm the match between them,
    made at the event — as a ``DateMatch`` between the two people, with the level and
    reasons of their suggestion, and, when both have an initiative (or one an initiative
    and the other an organisation), the ``Match`` between those confirmed on both sides.
    Both said yes, so both now see each other's contact details. Idempotent.

    Kept small and in one place so the consent rules for matches at events can replace
    it wholesale."""
    a, b = date_request.from_user, date_request.to_user
    ranked = attendees_ranked(event=date_request.event, user=a, among=[b])
    facts = ranked[0].facts if ranked else []
    score = ranked[0].score if ranked else 0
    public = DateOutcome.objects.filter(request=date_request, public=True).count() == 2
    with transaction.atomic():
        date_match, created = DateMatch.objects.get_or_create(
            request=date_request,
            defaults={
                "event": date_request.event,
                "score": score,
                "reasons": facts,
                "public": public,
            },
        )
        if not created:
            if date_match.public != public:
                date_match.public = public
                date_match.save(update_fields=["public"])
            return date_match
        match = match_between_people(a, b, event=date_request.event, score=score)
        if match is not None:
            date_match.match = match
            date_match.save(update_fields=["match"])
    for me, them in ((a, b), (b, a)):
        email_send(
            recipients=[me.email],
            subject=_("Your date with %(name)s led to a match") % {"name": them.display_name},
            template_name="matching/dates/emails/matched.txt",
            context={
                "event": date_request.event,
                "me": me,
                "them": them,
                "date_match": date_match,
                "url": date_url("dates_agenda", date_request.event),
            },
        )
    return date_match


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
