"""Business logic of matching: proposing, responding, matching at an event, digests.

Consent rule (one home: ``match_propose`` and ``match_respond``): whoever starts a match
— the engine, a fund or partner from an initiative's profile, an organiser recording
what happened at an event, a useful date — only *proposes* it. Each side answers for
itself; contact details appear only when both sides said "interested"; an answer once
given is never overwritten by a later proposal (a "not interested" stays).

Who answers for a side: for an initiative its initiators and core team (``Membership``
roles ``initiator`` and ``core``) — ordinary members see the match but do not commit
the initiative; for a fund or partner any member of the approved organisation.
"""

import datetime

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten.models import Event
from bijeenkomsten.selectors import event_attendee_ids, user_is_organiser
from initiatieven import selectors as initiatieven_selectors
from initiatieven.models import (
    FundingScheme,
    Initiative,
    Membership,
    Organisation,
    OrganisationMember,
)
from matching.models import DeclineReason, EventMatchPage, Match, MatchingPreference
from netwerkplatform.core.errors import DomainError
from netwerkplatform.core.services import email_send

SIDE_INITIATIVE = "initiative"
SIDE_OTHER = "other"


class MatchError(DomainError):
    """A match action that is not allowed; the message is translated and shown."""


# --- who is who --------------------------------------------------------------------


ANSWERING_ROLES = (Membership.Role.INITIATOR, Membership.Role.CORE)


def user_initiative_ids(user) -> list[int]:
    return list(Membership.objects.filter(user=user).values_list("initiative_id", flat=True))


def user_answering_initiative_ids(user) -> list[int]:
    """Initiatives this person may answer a match for: initiator or core team."""
    return list(
        Membership.objects.filter(user=user, role__in=ANSWERING_ROLES).values_list(
            "initiative_id", flat=True
        )
    )


def user_organisation_ids(user) -> list[int]:
    return list(
        Organisation.objects.filter(
            members__user=user, status=Organisation.Status.APPROVED
        ).values_list("pk", flat=True)
    )


def matches_visible_to(user) -> QuerySet[Match]:
    """Matches either side of which this person belongs to (404 for everything else)."""
    initiatives = user_initiative_ids(user)
    organisations = user_organisation_ids(user)
    return Match.objects.filter(
        Q(initiative_id__in=initiatives)
        | Q(other_initiative_id__in=initiatives)
        | Q(scheme__organisation_id__in=organisations)
        | Q(partner_id__in=organisations)
    )


def match_sides_of(match: Match, user, *, answering: bool = False) -> list[str]:
    """The sides of ``match`` this person belongs to; with ``answering`` only the sides
    they may answer for (see the module docstring)."""
    sides = []
    initiatives = set(
        user_answering_initiative_ids(user) if answering else user_initiative_ids(user)
    )
    organisations = set(user_organisation_ids(user))
    if match.initiative_id in initiatives:
        sides.append(SIDE_INITIATIVE)
    if (
        match.other_initiative_id in initiatives
        or match.partner_id in organisations
        or (match.scheme_id and match.scheme.organisation_id in organisations)
    ):
        sides.append(SIDE_OTHER)
    return sides


def contact_of(match: Match, side: str) -> dict:
    """Name, e-mail and website of one side: shown only once the match is confirmed."""
    if side == SIDE_INITIATIVE:
        initiative = match.initiative
        return {
            "name": initiative.name,
            "email": initiative.contact_email,
            "website": initiative.website,
        }
    if match.other_initiative_id:
        other = match.other_initiative
        return {"name": other.name, "email": other.contact_email, "website": other.website}
    org = match.partner or match.scheme.organisation
    # Only an address the organisation gave for this purpose (or its public one), never
    # a member's login address.
    email = org.contact_email or org.email
    name = f"{org.name}: {match.scheme.name}" if match.scheme_id else org.name
    return {"name": name, "email": email, "website": org.website}


# --- responding --------------------------------------------------------------------


@transaction.atomic
def match_respond(*, match: Match, user, interested: bool, side: str | None = None) -> Match:
    """One side says interested / not interested; both interested → matched + e-mails.

    Only initiators and core team answer for an initiative (module docstring)."""
    sides = match_sides_of(match, user, answering=True)
    if not sides:
        if match_sides_of(match, user):
            raise MatchError(_("Only the initiators and core team can answer for this initiative."))
        raise MatchError(_("You cannot answer for this match."))
    side = side if side in sides else sides[0]
    match = Match.objects.select_for_update().get(pk=match.pk)
    reverse = _reverse_of(match)
    if reverse is not None:  # the same pair suggested both ways: answers count for both
        match.initiative_response = match.initiative_response or reverse.other_response
        match.other_response = match.other_response or reverse.initiative_response
    if match.status in (Match.Status.MATCHED, Match.Status.DECLINED):
        raise MatchError(_("This match has already been settled."))
    now = timezone.now()
    answer = Match.Response.INTERESTED if interested else Match.Response.NOT_INTERESTED
    if side == SIDE_INITIATIVE:
        match.initiative_response, match.initiative_responded_at = answer, now
    else:
        match.other_response, match.other_responded_at = answer, now
    if not interested:
        match.status = Match.Status.DECLINED
    elif match.initiative_response == match.other_response == Match.Response.INTERESTED:
        match.status = Match.Status.MATCHED
        match.matched_at = now
    elif match.status == Match.Status.EXPIRED:
        match.status = Match.Status.SUGGESTED
    match.updated_at = now
    match.save()
    if reverse is not None:
        reverse.initiative_response, reverse.other_response = (
            match.other_response,
            match.initiative_response,
        )
        reverse.status, reverse.matched_at, reverse.updated_at = (
            match.status,
            match.matched_at,
            now,
        )
        reverse.save()
    if match.status == Match.Status.MATCHED:
        _send_matched(match)
    return match


def _reverse_of(match: Match) -> Match | None:
    if match.kind != Match.Kind.INITIATIVE:
        return None
    return (
        Match.objects.select_for_update()
        .filter(initiative_id=match.other_initiative_id, other_initiative_id=match.initiative_id)
        .first()
    )


def _send_matched(match: Match) -> None:
    """Both sides get the other's contact details, which were hidden until now."""
    mine, theirs = contact_of(match, SIDE_INITIATIVE), contact_of(match, SIDE_OTHER)
    for me, them in ((mine, theirs), (theirs, mine)):
        email_send(
            recipients=[me["email"]],
            subject=_("It's a match: %(name)s") % {"name": them["name"]},
            template_name="matching/emails/matched.txt",
            context={"match": match, "me": me, "them": them},
        )


# --- proposing: the one way a match is started by a person or an event ------------------


@transaction.atomic
def match_propose(
    *,
    initiative: Initiative,
    partner: Organisation | None = None,
    scheme: FundingScheme | None = None,
    other_initiative: Initiative | None = None,
    source: str = Match.Source.MANUAL,
    event: Event | None = None,
    by=None,
    interested_side: str | None = None,
    score: int | None = None,
) -> Match:
    """Propose a match between ``initiative`` and one target; never confirm it.

    Every path that starts a match by hand goes through here: a fund or partner from an
    initiative's profile, an organiser recording a match made at an event, the outcome
    of a useful date. The match is created (or the existing one — also the same pair
    the other way round — is reused) and shows up for both sides to answer.

    ``interested_side`` records the proposer's own "interested" for that side, through
    ``match_respond``, so the same rules apply; when ``by`` may not answer for that side
    (say an ordinary member after a useful date) the match is proposed without an answer.
    Existing answers are never overwritten: a "not interested" stays declined, a
    confirmed match stays confirmed. ``event`` is kept if the match has none yet.
    """
    initiative, target, kind, interested_side = _proposal_target(
        initiative,
        partner=partner,
        scheme=scheme,
        other_initiative=other_initiative,
        interested_side=interested_side,
    )
    match = _match_get_or_reopen(
        initiative, target, kind=kind, source=source, event=event, by=by, score=score
    )
    return _proposer_interest_record(match, by=by, interested_side=interested_side)


def _proposal_target(initiative, *, partner, scheme, other_initiative, interested_side):
    """Check there is exactly one target and name it as ``(initiative, {field: target},
    kind, interested_side)``.

    A pair of initiatives has one match whichever way round it was first suggested: when
    the reverse exists, the two swap places (and the proposer's side with them), so a
    second proposal lands on the existing match instead of starting a duplicate.
    """
    targets = [t for t in (partner, scheme, other_initiative) if t is not None]
    if len(targets) != 1:
        raise MatchError(_("Choose either an organisation or another initiative."))
    if scheme is not None:
        return initiative, {"scheme": scheme}, Match.Kind.SCHEME, interested_side
    if partner is not None:
        return initiative, {"partner": partner}, Match.Kind.PARTNER, interested_side
    if other_initiative.pk == initiative.pk:
        raise MatchError(_("An initiative cannot match with itself."))
    reverse = Match.objects.filter(initiative=other_initiative, other_initiative=initiative)
    if reverse.exists():  # the same pair, suggested the other way round
        initiative, other_initiative = other_initiative, initiative
        if interested_side is not None:
            interested_side = SIDE_OTHER if interested_side == SIDE_INITIATIVE else SIDE_INITIATIVE
    return (
        initiative,
        {"other_initiative": other_initiative},
        Match.Kind.INITIATIVE,
        interested_side,
    )


def _match_get_or_reopen(initiative, target, *, kind, source, event, by, score) -> Match:
    """The match for this pair: created, or the existing one, locked and only added to.

    An existing match keeps its answers; it only gains the event where it had none, and
    an expired one comes back on the list, because being proposed again means someone
    still thinks the pair is worth a look.
    """
    now = timezone.now()
    defaults = {
        "kind": kind,
        "source": source,
        "event": event,
        "created_by": by,
        "created_at": now,
        "updated_at": now,
    }
    if score is not None:
        defaults["score"] = max(0, min(100, int(score)))
    match, created = Match.objects.get_or_create(initiative=initiative, **target, defaults=defaults)
    if created:
        return match
    match = Match.objects.select_for_update().get(pk=match.pk)
    changed = []
    if event is not None and match.event_id is None:
        match.event, match.source = event, source
        changed += ["event", "source"]
    if match.status == Match.Status.EXPIRED:  # proposed again: back on the list
        match.status = Match.Status.SUGGESTED
        changed.append("status")
    if changed:
        match.updated_at = now
        match.save(update_fields=[*changed, "updated_at"])
    return match


def _proposer_interest_record(match: Match, *, by, interested_side: str | None) -> Match:
    """The proposer's own "interested", through ``match_respond`` so its rules hold.

    Only for a side ``by`` may answer for, on a match still open, and never over an
    answer already given: a proposal must not overrule what a side said before.
    """
    if (
        interested_side is None
        or by is None
        or match.status != Match.Status.SUGGESTED
        or interested_side not in match_sides_of(match, by, answering=True)
    ):
        return match
    mine = match.initiative_response if interested_side == SIDE_INITIATIVE else match.other_response
    if mine:
        return match
    return match_respond(match=match, user=by, interested=True, side=interested_side)


@transaction.atomic
def match_create_manual(
    *, user, organisation: Organisation, initiative: Initiative, scheme: FundingScheme | None
) -> Match:
    """A fund or partner starts a match itself: a proposal with their "interested"."""
    if organisation.pk not in user_organisation_ids(user):
        raise MatchError(_("You can only start matches for your own organisation."))
    if scheme is not None and scheme.organisation_id != organisation.pk:
        raise MatchError(_("This scheme belongs to another fund."))
    if not initiative.is_public:
        raise MatchError(_("This initiative is not public."))
    match = match_propose(
        initiative=initiative,
        scheme=scheme,
        partner=None if scheme else organisation,
        source=Match.Source.MANUAL,
        by=user,
        interested_side=SIDE_OTHER,
    )
    if match.status == Match.Status.DECLINED:
        raise MatchError(_("This initiative already said it is not interested."))
    return match


def is_organiser(user, event: Event) -> bool:
    return user_is_organiser(event=event, user=user)


def _attendee_ids(event: Event):
    return event_attendee_ids(event=event)


def event_attending_initiatives(event: Event) -> QuerySet[Initiative]:
    """Public initiatives with at least one member confirmed for ``event``."""
    return Initiative.objects.filter(
        visibility=Initiative.Visibility.PUBLIC,
        pk__in=Membership.objects.filter(user_id__in=_attendee_ids(event)).values("initiative_id"),
    ).order_by("name")


def event_attending_organisations(event: Event) -> QuerySet[Organisation]:
    """Approved organisations with at least one member confirmed for ``event``."""
    return Organisation.objects.filter(
        status=Organisation.Status.APPROVED,
        pk__in=OrganisationMember.objects.filter(user_id__in=_attendee_ids(event)).values(
            "organisation_id"
        ),
    ).order_by("name")


@transaction.atomic
def match_record_at_event(
    *,
    user,
    event: Event,
    initiative: Initiative,
    organisation: Organisation | None = None,
    other_initiative: Initiative | None = None,
) -> Match:
    """Organisers write down a match people made at their event: a proposal only.

    Both sides must have had someone at the event (a confirmed registration); each side
    then sees "made at <event>, is this right?" and answers for itself.
    """
    if not is_organiser(user, event):
        raise MatchError(_("Only the organisers of this event can record its matches."))
    if (organisation is None) == (other_initiative is None):
        raise MatchError(_("Choose either an organisation or another initiative."))
    if not event_attending_initiatives(event).filter(pk=initiative.pk).exists():
        raise MatchError(_("Nobody from %(name)s was at this event.") % {"name": initiative})
    other = other_initiative or organisation
    attending = (
        event_attending_initiatives(event)
        if other_initiative is not None
        else event_attending_organisations(event)
    )
    if not attending.filter(pk=other.pk).exists():
        raise MatchError(_("Nobody from %(name)s was at this event.") % {"name": other})
    return match_propose(
        initiative=initiative,
        partner=organisation,
        other_initiative=other_initiative,
        source=Match.Source.EVENT,
        event=event,
        by=user,
    )


def event_page_update(*, user, event: Event, is_public: bool, intro: str = "") -> EventMatchPage:
    if not is_organiser(user, event):
        raise MatchError(_("Only the organisers of this event can change this page."))
    page, _created = EventMatchPage.objects.update_or_create(
        event=event, defaults={"is_public": is_public, "intro": intro}
    )
    return page


# --- weekly digest -----------------------------------------------------------------


def preference_for(user) -> MatchingPreference:
    return MatchingPreference.objects.get_or_create(user=user)[0]


def preference_update(*, user, weekly_digest: bool) -> MatchingPreference:
    preference = preference_for(user)
    preference.weekly_digest = weekly_digest
    preference.save(update_fields=["weekly_digest"])
    return preference


def digest_send_all(*, now: datetime.datetime | None = None) -> int:
    """One e-mail per person with suggestions new since their last digest (max a week)."""
    from django.contrib.auth import get_user_model

    now = now or timezone.now()
    week_ago = now - datetime.timedelta(days=7)
    opted_out = MatchingPreference.objects.filter(weekly_digest=False).values("user_id")
    people = (
        get_user_model()
        .objects.filter(
            Q(initiative_memberships__isnull=False) | Q(organisation_memberships__isnull=False),
            is_active=True,
        )
        .exclude(pk__in=opted_out)
        .distinct()
    )
    sent = 0
    for person in people:
        preference = preference_for(person)
        since = max(filter(None, [preference.digest_sent_at, week_ago]))
        new = list(
            matches_visible_to(person)
            .filter(status=Match.Status.SUGGESTED, created_at__gt=since, created_at__lte=now)
            .select_related("initiative", "scheme__organisation", "partner", "other_initiative")
            .order_by("-score")[:20]
        )
        with transaction.atomic():
            updated = MatchingPreference.objects.filter(
                pk=preference.pk, digest_sent_at=preference.digest_sent_at
            ).update(digest_sent_at=now)
            if not new or not updated:
                continue
            email_send(
                recipients=[person.email],
                subject=_("New matches for you on Netwerkplatform"),
                template_name="matching/emails/digest.txt",
                context={"person": person, "matches": new},
            )
            sent += 1
    return sent


# --- personal data -------------------------------------------------------------------


def personal_data_export(user) -> dict:
    preference = MatchingPreference.objects.filter(user=user).first()
    return {
        "weekly_digest": preference.weekly_digest if preference else True,
        "matches_started_or_recorded": [
            {"id": m.pk, "kind": m.kind, "status": m.status, "created_at": m.created_at.isoformat()}
            for m in Match.objects.filter(created_by=user)
        ],
    }


def personal_data_erase(user) -> None:
    Match.objects.filter(created_by=user).update(created_by=None)
    MatchingPreference.objects.filter(user=user).delete()


# --- matches from dates at events ----------------------------------------------------
# The date's own record (``DateMatch``) and its mail belong to ``matching.dates``
# (``date_outcome_record``); this part is the Match between the two people's sides.


def match_between_people(a, b, *, event: Event, score: int) -> Match | None:
    """Propose the Match between the initiatives/organisations of two people whose date
    led to something, through ``match_propose``: each person's yes counts for their own
    side only where they may answer for it (initiator or core team, a member of the
    organisation), an existing "not interested" stays, and contact details follow the
    usual both-sides rule. Returns the match, or None when they have nothing to match."""
    mine, theirs = user_initiative_ids(a), user_initiative_ids(b)
    if mine and theirs and mine[0] != theirs[0]:
        initiative = Initiative.objects.get(pk=mine[0])
        target = {"other_initiative": Initiative.objects.get(pk=theirs[0])}
    else:
        initiative_ids = mine or theirs
        organisations = user_organisation_ids(b if mine else a)
        if not initiative_ids or not organisations:
            return None
        initiative = Initiative.objects.get(pk=initiative_ids[0])
        target = {"partner": Organisation.objects.get(pk=organisations[0])}
        if not mine:  # the initiative is b's: let b propose, a answers for the partner
            a, b = b, a
    match = match_propose(
        initiative=initiative,
        **target,
        source=Match.Source.EVENT,
        event=event,
        by=a,
        interested_side=SIDE_INITIATIVE,
        score=score,
    )
    match.refresh_from_db()
    for side in match_sides_of(match, b, answering=True):
        answered = match.initiative_response if side == SIDE_INITIATIVE else match.other_response
        if match.status == Match.Status.SUGGESTED and not answered:
            match = match_respond(match=match, user=b, interested=True, side=side)
    return match


def decline_reason_record(*, match: Match, user, side: str, why: str) -> DeclineReason:
    """Store why this side declined (only after it said "not interesting"; may change)."""
    if side not in match_sides_of(match, user):
        raise MatchError(_("You cannot answer for this side of the match."))
    response = match.initiative_response if side == SIDE_INITIATIVE else match.other_response
    if response != Match.Response.NOT_INTERESTED:
        raise MatchError(_("First say that this suggestion is not interesting."))
    if why not in DeclineReason.Why.values:
        raise MatchError(_("Choose one of the reasons."))
    reason, _created = DeclineReason.objects.update_or_create(
        match=match, side=side, defaults={"why": why}
    )
    return reason


def decline_reason_of(match: Match, side: str) -> str:
    found = DeclineReason.objects.filter(match=match, side=side).values_list("why", flat=True)
    return next(iter(found), "")


def decline_totals(organisation_ids) -> list[tuple[str, int]]:
    """(label, count) of why initiatives declined these organisations' suggestions."""
    counts = dict(
        DeclineReason.objects.filter(side=SIDE_INITIATIVE)
        .filter(
            Q(match__scheme__organisation_id__in=organisation_ids)
            | Q(match__partner_id__in=organisation_ids)
        )
        .values_list("why")
        .annotate(n=Count("pk"))
        .values_list("why", "n")
    )
    return [(label, counts[value]) for value, label in DeclineReason.Why.choices if value in counts]


def subject_tips(organisation_ids) -> list[tuple[FundingScheme, int]]:
    """(scheme, count) for each scheme of these funds whose members answered "Niet ons
    onderwerp" on its suggestions while the scheme states no main subject: stating it
    keeps away initiatives that share only a side theme, sooner than the learning from
    answers does (three answers per theme, ``scoring.DECLINES_TO_LEARN``)."""
    counts = dict(
        DeclineReason.objects.filter(
            side=SIDE_OTHER,
            why=DeclineReason.Why.SUBJECT,
            match__scheme__organisation_id__in=organisation_ids,
        )
        .values_list("match__scheme_id")
        .annotate(n=Count("pk"))
        .values_list("match__scheme_id", "n")
    )
    return [
        (scheme, counts[scheme.pk])
        for scheme in initiatieven_selectors.schemes_without_main_subject(counts)
    ]


def decline_facts() -> list[tuple[str, tuple, tuple]]:
    """(why, decider, other) for every "not our subject/region" answer, sides as
    ``(kind, id)`` keys (see ``scoring.learn``)."""
    facts = []
    rows = DeclineReason.objects.filter(
        why__in=[DeclineReason.Why.SUBJECT, DeclineReason.Why.REGION]
    ).values_list(
        "why",
        "side",
        "match__kind",
        "match__initiative_id",
        "match__scheme_id",
        "match__partner_id",
        "match__other_initiative_id",
    )
    for why, side, kind, initiative_id, scheme_id, partner_id, other_id in rows:
        target = (
            "initiative" if kind == Match.Kind.INITIATIVE else kind,
            scheme_id or partner_id or other_id,
        )
        initiative = ("initiative", initiative_id)
        if side == SIDE_INITIATIVE:
            facts.append((why, initiative, target))
        else:
            facts.append((why, target, initiative))
    return facts
