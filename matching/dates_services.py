"""Dates at events: requests, availability, scheduling, publishing and outcomes.

Everything that takes a place in the schedule (run, move, publish) runs in
``transaction.atomic(durable=True)`` with the event's ``DateSettings`` row locked, and
re-reads inside the lock (DESIGN.md convention 6). The unique constraints on
(slot, table) and (slot, person) are the last line: if two writers still collide, the
loser gets a ``DateError``, never a double booking.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten.models import Event, Registration, Round
from initiatieven.models import Membership, OrganisationMember
from matching.dates_models import (
    DateBlock,
    DateOutcome,
    DateRequest,
    DateSeat,
    DateSettings,
    DateSlot,
)
from matching.dates_value import value_of
from matching.models import Match
from matching.scheduler import DateSpec, FixedAssignment, SlotSpec, schedule
from netwerkplatform.core.models import User
from netwerkplatform.core.services import email_send

OPEN = [DateRequest.Status.REQUESTED, DateRequest.Status.ACCEPTED]


class DateError(Exception):
    """A domain error with a message fit for the person who caused it."""


# --- who may do what -----------------------------------------------------------------


def is_organiser(*, event: Event, user) -> bool:
    return user.is_authenticated and (user.is_staff or event.organisers.filter(pk=user.pk).exists())


def is_attendee(*, event: Event, user) -> bool:
    return (
        user.is_authenticated
        and Registration.objects.filter(
            event=event, user=user, status=Registration.Status.CONFIRMED
        ).exists()
    )


def dates_settings_get(*, event: Event) -> DateSettings:
    settings_row, _created = DateSettings.objects.get_or_create(event=event)
    return settings_row


def _require_organiser(event: Event, actor) -> None:
    if not is_organiser(event=event, user=actor):
        raise DateError(_("Only the organisers of this event can do that."))


def _locked_settings(event: Event) -> DateSettings:
    dates_settings_get(event=event)
    return DateSettings.objects.select_for_update().select_related("event").get(event=event)


# --- organiser: settings and slots ---------------------------------------------------


def dates_settings_update(
    *,
    event: Event,
    actor,
    enabled: bool,
    tables: int,
    request_deadline: datetime.datetime | None,
    max_dates_per_person: int,
) -> DateSettings:
    _require_organiser(event, actor)
    with transaction.atomic():
        row = _locked_settings(event)
        row.enabled = enabled
        row.tables = tables
        row.request_deadline = request_deadline
        row.max_dates_per_person = max_dates_per_person
        row.save(update_fields=["enabled", "tables", "request_deadline", "max_dates_per_person"])
    return row


def date_slots_add(
    *,
    event: Event,
    actor,
    first_start: datetime.datetime,
    length_minutes: int,
    count: int,
    round: Round | None = None,
) -> list[DateSlot]:
    """Add ``count`` back-to-back slots; a slot that already starts at that time is kept."""
    _require_organiser(event, actor)
    if count < 1 or length_minutes < 1:
        raise DateError(_("Give at least one slot of at least one minute."))
    if round is not None and round.event_id != event.pk:
        raise DateError(_("That round belongs to another event."))
    created = []
    with transaction.atomic():
        _locked_settings(event)
        for i in range(count):
            slot, _new = DateSlot.objects.get_or_create(
                event=event,
                starts_at=first_start + datetime.timedelta(minutes=i * length_minutes),
                defaults={"length_minutes": length_minutes, "round": round},
            )
            created.append(slot)
    return created


def date_slot_delete(*, slot: DateSlot, actor) -> None:
    _require_organiser(slot.event, actor)
    with transaction.atomic():
        _locked_settings(slot.event)
        if DateRequest.objects.filter(slot=slot, published_at__isnull=False).exists():
            raise DateError(_("This slot has published dates; move them first."))
        DateRequest.objects.filter(slot=slot).update(slot=None, table=None)
        slot.delete()


# --- attendee: requests --------------------------------------------------------------


def _pair_score(a: User, b: User) -> int:
    """The best match score between the initiatives/organisations of two people."""
    ranked = attendees_ranked(event=None, user=a, among=[b])
    return ranked[0].score if ranked else 0


def date_request_create(*, event: Event, sender, recipient, message: str = "") -> DateRequest:
    """Send a request. If the other already asked us, this accepts theirs (mutual)."""
    now = timezone.now()
    row = dates_settings_get(event=event)
    if not row.enabled:
        raise DateError(_("Dates are not open at this event."))
    if now >= row.deadline:
        raise DateError(_("The deadline for date requests has passed."))
    if sender.pk == recipient.pk:
        raise DateError(_("You cannot ask yourself for a date."))
    if not is_attendee(event=event, user=sender):
        raise DateError(_("Only confirmed attendees can make dates."))
    if not is_attendee(event=event, user=recipient):
        raise DateError(_("This person is not a confirmed attendee of this event."))
    with transaction.atomic():
        # Serialise per sender and event so the limit cannot be passed by double clicks.
        User.objects.select_for_update().filter(pk=sender.pk).first()
        mine = DateRequest.objects.filter(event=event, status__in=OPEN)
        if mine.filter(from_user=sender, to_user=recipient).exists():
            raise DateError(_("You already asked this person."))
        theirs = mine.filter(from_user=recipient, to_user=sender).first()
        if theirs is not None:
            if theirs.status == DateRequest.Status.REQUESTED:
                return date_request_respond(request=theirs, user=sender, accept=True, mutual=True)
            raise DateError(_("You already have a date with this person."))
        sent = mine.filter(from_user=sender).count()
        if sent >= row.max_dates_per_person:
            raise DateError(
                _("You can send at most %(max)s date requests at this event.")
                % {"max": row.max_dates_per_person}
            )
        try:
            with transaction.atomic():
                request = DateRequest.objects.create(
                    event=event,
                    from_user=sender,
                    to_user=recipient,
                    message=message.strip()[:300],
                    score=_pair_score(sender, recipient),
                )
        except IntegrityError as exc:
            raise DateError(_("You already asked this person.")) from exc
    email_send(
        recipients=[recipient.email],
        subject=_("%(name)s would like a date at %(event)s")
        % {"name": sender.display_name, "event": event.title},
        template_name="matching/dates/emails/request.txt",
        context={"request": request, "event": event},
    )
    return request


def date_request_respond(
    *, request: DateRequest, user, accept: bool, mutual: bool = False
) -> DateRequest:
    if request.to_user_id != user.pk:
        raise DateError(_("Only the person who was asked can answer."))
    with transaction.atomic():
        request = DateRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != DateRequest.Status.REQUESTED:
            raise DateError(_("This request has already been answered."))
        if timezone.now() >= dates_settings_get(event=request.event).deadline:
            raise DateError(_("The deadline for date requests has passed."))
        request.status = DateRequest.Status.ACCEPTED if accept else DateRequest.Status.DECLINED
        request.responded_at = timezone.now()
        request.mutual = request.mutual or mutual
        request.save(update_fields=["status", "responded_at", "mutual"])
    if accept:
        email_send(
            recipients=[request.from_user.email],
            subject=_("%(name)s accepted your date") % {"name": user.display_name},
            template_name="matching/dates/emails/accepted.txt",
            context={"request": request, "event": request.event},
        )
    return request


def date_request_cancel(*, request: DateRequest, user) -> DateRequest:
    if user.pk not in (request.from_user_id, request.to_user_id):
        raise DateError(_("This is not your date."))
    with transaction.atomic():
        request = DateRequest.objects.select_for_update().get(pk=request.pk)
        if request.status not in OPEN:
            raise DateError(_("This date is no longer open."))
        DateSeat.objects.filter(request=request).delete()
        request.status = DateRequest.Status.CANCELLED
        request.slot = None
        request.table = None
        request.save(update_fields=["status", "slot", "table"])
    return request


def date_requests_expire(*, now: datetime.datetime | None = None) -> int:
    """Unanswered requests past their event's deadline expire. Looks only at events of
    the last and next weeks, so a rerun is cheap and harmless."""
    now = now or timezone.now()
    window = Q(event__starts_at__gte=now - datetime.timedelta(days=7)) & Q(
        event__starts_at__lte=now + datetime.timedelta(days=60)
    )
    stale = DateRequest.objects.filter(window, status=DateRequest.Status.REQUESTED).filter(
        Q(event__date_settings__request_deadline__lte=now)
        | Q(event__date_settings__request_deadline__isnull=True, event__starts_at__lte=now)
    )
    return stale.update(status=DateRequest.Status.EXPIRED)


def date_blocks_set(*, event: Event, user, slot_ids: list[int]) -> None:
    """Say which slots you cannot use. Placed draft dates in them lose their place."""
    if not is_attendee(event=event, user=user):
        raise DateError(_("Only confirmed attendees can make dates."))
    slots = list(DateSlot.objects.filter(event=event, pk__in=slot_ids))
    with transaction.atomic():
        DateBlock.objects.filter(slot__event=event, user=user).exclude(slot__in=slots).delete()
        for slot in slots:
            DateBlock.objects.get_or_create(slot=slot, user=user)
        clash = DateRequest.objects.filter(
            Q(from_user=user) | Q(to_user=user),
            event=event,
            slot__in=slots,
            published_at__isnull=True,
        )
        DateSeat.objects.filter(request__in=clash).delete()
        clash.update(slot=None, table=None)


# --- organiser: schedule, move, publish ----------------------------------------------


def dates_schedule(*, event: Event, actor=None) -> dict:
    """Place accepted dates: published ones stay, drafts are redone from scratch."""
    if actor is not None:
        _require_organiser(event, actor)
    with transaction.atomic(durable=True):
        row = _locked_settings(event)
        slots = list(DateSlot.objects.filter(event=event))
        accepted = list(DateRequest.objects.filter(event=event, status=DateRequest.Status.ACCEPTED))
        fixed = [
            FixedAssignment(
                id=r.pk, a=r.from_user_id, b=r.to_user_id, slot=r.slot_id, table=r.table
            )
            for r in accepted
            if r.published_at is not None and r.slot_id is not None
        ]
        todo = [r for r in accepted if r.published_at is None]
        people = {r.from_user_id for r in accepted} | {r.to_user_id for r in accepted}
        blocked: dict[int, set[int]] = defaultdict(set)
        for user_id, slot_id in DateBlock.objects.filter(
            slot__event=event, user_id__in=people
        ).values_list("user_id", "slot_id"):
            blocked[user_id].add(slot_id)
        result = schedule(
            slots=[SlotSpec(id=s.pk, tables=row.tables) for s in slots],
            dates=[
                DateSpec(
                    id=r.pk,
                    a=r.from_user_id,
                    b=r.to_user_id,
                    value=value_of(mutual=r.mutual, score=r.score),
                )
                for r in todo
            ],
            fixed=fixed,
            blocked=blocked,
            max_per_person=row.max_dates_per_person,
        )
        draft_ids = [r.pk for r in todo]
        DateSeat.objects.filter(request_id__in=draft_ids).delete()
        DateRequest.objects.filter(pk__in=draft_ids).update(slot=None, table=None)
        seats = []
        for r in todo:
            if r.pk in result.placed:
                r.slot_id, r.table = result.placed[r.pk]
                seats += [
                    DateSeat(request=r, slot_id=r.slot_id, user_id=r.from_user_id),
                    DateSeat(request=r, slot_id=r.slot_id, user_id=r.to_user_id),
                ]
        DateRequest.objects.bulk_update([r for r in todo if r.slot_id], ["slot", "table"])
        DateSeat.objects.bulk_create(seats)
        row.scheduled_at = timezone.now()
        row.save(update_fields=["scheduled_at"])
    return {
        "placed": result.count,
        "unplaced": len(result.unplaced),
        "kept": len(fixed),
        "method": result.method,
    }


def date_move(*, request: DateRequest, actor, slot: DateSlot | None, table: int | None) -> None:
    """Put a date at another slot and table by hand (or take it off the schedule)."""
    event = request.event
    _require_organiser(event, actor)
    try:
        with transaction.atomic(durable=True):
            row = _locked_settings(event)
            request = DateRequest.objects.select_for_update().get(pk=request.pk)
            if request.status != DateRequest.Status.ACCEPTED:
                raise DateError(_("Only accepted dates can be placed."))
            DateSeat.objects.filter(request=request).delete()
            if slot is None:
                request.slot, request.table, request.published_at = None, None, None
                request.save(update_fields=["slot", "table", "published_at"])
                return
            if slot.event_id != event.pk:
                raise DateError(_("That slot belongs to another event."))
            if not table or not 1 <= table <= row.tables:
                raise DateError(_("Choose a table from 1 to %(tables)s.") % {"tables": row.tables})
            taken = DateRequest.objects.filter(slot=slot, table=table).exclude(pk=request.pk)
            if taken.exists():
                raise DateError(_("Another date already has that table in that slot."))
            busy = DateSeat.objects.filter(
                slot=slot, user_id__in=[request.from_user_id, request.to_user_id]
            ).select_related("user")
            for seat in busy:
                raise DateError(
                    _("%(name)s already has a date in that slot.")
                    % {"name": seat.user.display_name}
                )
            if DateBlock.objects.filter(
                slot=slot, user_id__in=[request.from_user_id, request.to_user_id]
            ).exists():
                raise DateError(_("One of the two blocked that slot."))
            request.slot, request.table = slot, table
            request.save(update_fields=["slot", "table"])
            DateSeat.objects.bulk_create(
                [
                    DateSeat(request=request, slot=slot, user_id=request.from_user_id),
                    DateSeat(request=request, slot=slot, user_id=request.to_user_id),
                ]
            )
    except IntegrityError as exc:
        raise DateError(_("Someone else just took that place; try again.")) from exc


def dates_publish(*, event: Event, actor) -> int:
    """Publish the placed drafts and send each person involved their agenda."""
    _require_organiser(event, actor)
    with transaction.atomic(durable=True):
        _locked_settings(event)
        now = timezone.now()
        fresh = DateRequest.objects.filter(
            event=event, slot__isnull=False, published_at__isnull=True
        )
        people = set(fresh.values_list("from_user_id", flat=True)) | set(
            fresh.values_list("to_user_id", flat=True)
        )
        count = fresh.update(published_at=now)
        DateSettings.objects.filter(event=event).update(published_at=now)
        for person in User.objects.filter(pk__in=people):
            email_send(
                recipients=[person.email],
                subject=_("Your dates at %(event)s") % {"event": event.title},
                template_name="matching/dates/emails/agenda.txt",
                context={"event": event, "person": person, "dates": agenda_for(event, person)},
            )
    return count


def agenda_for(event: Event, user) -> list[DateRequest]:
    return list(
        DateRequest.objects.filter(
            Q(from_user=user) | Q(to_user=user),
            event=event,
            status=DateRequest.Status.ACCEPTED,
            published_at__isnull=False,
        )
        .select_related("slot", "from_user", "to_user")
        .order_by("slot__starts_at")
    )


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


# --- whom to meet --------------------------------------------------------------------


@dataclass
class Suggestion:
    person: User
    score: int = 0
    reasons: list[str] = field(default_factory=list)
    shared_themes: list[str] = field(default_factory=list)


def attendees_ranked(*, event: Event | None, user, among=None, limit: int = 50) -> list[Suggestion]:
    """Other confirmed attendees, best first: the highest match score between their
    initiatives/organisations and yours, then the number of shared themes. A fixed
    number of queries, whatever the number of attendees."""
    from taggit.models import TaggedItem

    if among is None:
        others = list(
            User.objects.filter(
                registrations__event=event,
                registrations__status=Registration.Status.CONFIRMED,
            ).exclude(pk=user.pk)
        )
    else:
        others = list(among)
    if not others:
        return []
    ids = [u.pk for u in others] + [user.pk]
    inits: dict[int, dict[int, str]] = defaultdict(dict)
    for uid, iid, name in Membership.objects.filter(user_id__in=ids).values_list(
        "user_id", "initiative_id", "initiative__name"
    ):
        inits[uid][iid] = name
    orgs: dict[int, dict[int, str]] = defaultdict(dict)
    for uid, oid, name in OrganisationMember.objects.filter(user_id__in=ids).values_list(
        "user_id", "organisation_id", "organisation__name"
    ):
        orgs[uid][oid] = name
    mine_i, mine_o = set(inits[user.pk]), set(orgs[user.pk])
    all_i = {i for d in inits.values() for i in d}
    all_o = {o for d in orgs.values() for o in d}
    best: dict[tuple, int] = {}
    match_rows = Match.objects.filter(
        Q(initiative_id__in=all_i, other_initiative_id__in=all_i)
        | Q(initiative_id__in=all_i, partner_id__in=all_o)
        | Q(initiative_id__in=all_i, scheme__organisation_id__in=all_o)
    ).exclude(status=Match.Status.DECLINED)
    for init_id, other_id, partner_id, scheme_org, score in match_rows.values_list(
        "initiative_id", "other_initiative_id", "partner_id", "scheme__organisation_id", "score"
    ):
        for key in (
            ("i", init_id, "i", other_id),
            ("i", other_id, "i", init_id),
            ("i", init_id, "o", partner_id or scheme_org),
            ("o", partner_id or scheme_org, "i", init_id),
        ):
            if None not in key:
                best[key] = max(best.get(key, 0), score)
    # Themes of everyone's initiatives and organisations, in one query.
    from django.contrib.contenttypes.models import ContentType

    from initiatieven.models import Initiative, Organisation

    ct_i = ContentType.objects.get_for_model(Initiative)
    ct_o = ContentType.objects.get_for_model(Organisation)
    themes: dict[tuple[str, int], set[str]] = defaultdict(set)
    for ct, obj, name in TaggedItem.objects.filter(
        Q(content_type=ct_i, object_id__in=all_i) | Q(content_type=ct_o, object_id__in=all_o)
    ).values_list("content_type_id", "object_id", "tag__name"):
        themes[("i" if ct == ct_i.pk else "o", obj)].add(name)

    def person_themes(uid):
        found = set()
        for i in inits[uid]:
            found |= themes[("i", i)]
        for o in orgs[uid]:
            found |= themes[("o", o)]
        return found

    my_themes = person_themes(user.pk)
    mine = [("i", i, inits[user.pk][i]) for i in mine_i] + [
        ("o", o, orgs[user.pk][o]) for o in mine_o
    ]
    result = []
    for other in others:
        theirs = [("i", i, n) for i, n in inits[other.pk].items()] + [
            ("o", o, n) for o, n in orgs[other.pk].items()
        ]
        s = Suggestion(person=other)
        top = None
        for kind_a, id_a, name_a in mine:
            for kind_b, id_b, name_b in theirs:
                score = best.get((kind_a, id_a, kind_b, id_b))
                if score is not None and (top is None or score > top[0]):
                    top = (score, name_a, name_b)
        if top:
            s.score = top[0]
            s.reasons.append(
                _("%(mine)s and %(theirs)s fit together (match score %(score)s).")
                % {"mine": top[1], "theirs": top[2], "score": top[0]}
            )
        s.shared_themes = sorted(my_themes & person_themes(other.pk))
        if s.shared_themes:
            s.reasons.append(
                _("You share the themes %(themes)s.") % {"themes": ", ".join(s.shared_themes)}
            )
        if theirs and not top:
            s.reasons.append(
                _("%(name)s is here for %(what)s.")
                % {"name": other.display_name, "what": ", ".join(n for _k, _i, n in theirs[:2])}
            )
        result.append(s)
    result.sort(key=lambda s: (-s.score, -len(s.shared_themes), s.person.display_name.lower()))
    return result[:limit]
