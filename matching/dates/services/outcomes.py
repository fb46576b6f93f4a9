"""Dates at events, afterwards: what came of a date (a useful one becomes a Match) and
the event's figures."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten.models import Event
from initiatieven.models import Membership, OrganisationMember
from matching.dates.models import DateOutcome, DateRequest
from matching.dates.services.access import DateError
from matching.models import Match

# --- afterwards -----------------------------------------------------------------------


def _initiatives_of(user) -> list[int]:
    return list(
        Membership.objects.filter(user=user).order_by("pk").values_list("initiative_id", flat=True)
    )


def date_outcome_record(
    *, request: DateRequest, user, happened: bool, useful: bool, note: str = ""
) -> DateOutcome:
    """Record what came of a date; a useful one creates or confirms a Match that keeps
    the event, so it shows on the event's "Dates en matches" page."""
    if user.pk not in (request.from_user_id, request.to_user_id):
        raise DateError(_("This is not your date."))
    request = DateRequest.objects.select_related("event").get(pk=request.pk)
    if request.published_at is None or request.status != DateRequest.Status.ACCEPTED:
        raise DateError(_("This date was not on the schedule."))
    with transaction.atomic():
        outcome, _new = DateOutcome.objects.update_or_create(
            request=request,
            user=user,
            defaults={"happened": happened, "useful": happened and useful, "note": note[:300]},
        )
        if outcome.useful:
            _match_from_date(request=request, user=user)
    return outcome


def _match_from_date(*, request: DateRequest, user) -> Match | None:
    other = request.other(user)
    mine, theirs = _initiatives_of(user), _initiatives_of(other)
    now = timezone.now()
    if mine and theirs and mine[0] != theirs[0]:
        lookup = {"kind": Match.Kind.INITIATIVE, "other_initiative_id": theirs[0]}
        initiative_id, side = mine[0], "initiative"
        existing = Match.objects.filter(
            initiative_id=theirs[0], other_initiative_id=mine[0]
        ).first()
        if existing:
            lookup = {"kind": Match.Kind.INITIATIVE, "other_initiative_id": mine[0]}
            initiative_id, side = theirs[0], "other"
    else:
        org = (
            OrganisationMember.objects.filter(user__in=[user, other])
            .order_by("pk")
            .values_list("organisation_id", "user_id")
            .first()
        )
        initiative_ids = mine or theirs
        if not org or not initiative_ids:
            return None
        lookup = {"kind": Match.Kind.PARTNER, "partner_id": org[0]}
        initiative_id = initiative_ids[0]
        side = "other" if org[1] == user.pk else "initiative"
    match, _created = Match.objects.get_or_create(
        initiative_id=initiative_id,
        **{k: v for k, v in lookup.items() if k != "kind"},
        defaults={
            "kind": lookup["kind"],
            "source": Match.Source.EVENT,
            "event": request.event,
            "score": request.score,
        },
    )
    if match.event_id is None:
        match.event = request.event
    if side == "initiative":
        match.initiative_response, match.initiative_responded_at = "interested", now
    else:
        match.other_response, match.other_responded_at = "interested", now
    if match.initiative_response == match.other_response == "interested":
        match.status = Match.Status.MATCHED
        match.matched_at = match.matched_at or now
    match.updated_at = now
    match.save()
    return match


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
        "matches": Match.objects.filter(event=event).count(),
    }
