"""Business logic of matching: responding, matching by hand or at an event, digests."""

import datetime

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten.models import Event
from initiatieven.models import FundingScheme, Initiative, Membership, Organisation
from matching.models import DeclineReason, EventMatchPage, Match, MatchingPreference
from netwerkplatform.core.services import email_send

SIDE_INITIATIVE = "initiative"
SIDE_OTHER = "other"


class MatchError(Exception):
    """A match action that is not allowed; the message is translated and shown."""


# --- who is who --------------------------------------------------------------------


def user_initiative_ids(user) -> list[int]:
    return list(Membership.objects.filter(user=user).values_list("initiative_id", flat=True))


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


def match_sides_of(match: Match, user) -> list[str]:
    sides = []
    initiatives = set(user_initiative_ids(user))
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
    email = org.email or next(
        iter(org.members.order_by("pk").values_list("user__email", flat=True)), ""
    )
    name = f"{org.name}: {match.scheme.name}" if match.scheme_id else org.name
    return {"name": name, "email": email, "website": org.website}


# --- responding --------------------------------------------------------------------


@transaction.atomic
def match_respond(*, match: Match, user, interested: bool, side: str | None = None) -> Match:
    """One side says interested / not interested; both interested → matched + e-mails."""
    sides = match_sides_of(match, user)
    if not sides:
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


# --- starting matches by hand --------------------------------------------------------


@transaction.atomic
def match_create_manual(
    *, user, organisation: Organisation, initiative: Initiative, scheme: FundingScheme | None
) -> Match:
    """A fund or partner starts a match itself; that counts as their "interested"."""
    if organisation.pk not in user_organisation_ids(user):
        raise MatchError(_("You can only start matches for your own organisation."))
    if scheme is not None and scheme.organisation_id != organisation.pk:
        raise MatchError(_("This scheme belongs to another fund."))
    if not initiative.is_public:
        raise MatchError(_("This initiative is not public."))
    target = {"scheme": scheme} if scheme else {"partner": organisation}
    match, created = Match.objects.get_or_create(
        initiative=initiative,
        **target,
        defaults={
            "kind": Match.Kind.SCHEME if scheme else Match.Kind.PARTNER,
            "source": Match.Source.MANUAL,
            "created_by": user,
        },
    )
    if match.status == Match.Status.DECLINED:
        raise MatchError(_("This initiative already said it is not interested."))
    if match.status == Match.Status.MATCHED:
        return match
    if match.status == Match.Status.EXPIRED:
        match.status = Match.Status.SUGGESTED
        match.save(update_fields=["status", "updated_at"])
    return match_respond(match=match, user=user, interested=True, side=SIDE_OTHER)


def is_organiser(user, event: Event) -> bool:
    return user.is_authenticated and (user.is_staff or event.organisers.filter(pk=user.pk).exists())


@transaction.atomic
def match_record_at_event(
    *,
    user,
    event: Event,
    initiative: Initiative,
    organisation: Organisation | None = None,
    other_initiative: Initiative | None = None,
) -> Match:
    """Organisers write down a match people made at their event: it is confirmed."""
    if not is_organiser(user, event):
        raise MatchError(_("Only the organisers of this event can record its matches."))
    if (organisation is None) == (other_initiative is None):
        raise MatchError(_("Choose either an organisation or another initiative."))
    if other_initiative is not None and other_initiative.pk == initiative.pk:
        raise MatchError(_("An initiative cannot match with itself."))
    if other_initiative is not None:
        target = {"other_initiative": other_initiative}
        kind = Match.Kind.INITIATIVE
    else:
        target = {"partner": organisation}
        kind = Match.Kind.PARTNER
    now = timezone.now()
    match, _created = Match.objects.update_or_create(
        initiative=initiative,
        **target,
        defaults={
            "kind": kind,
            "status": Match.Status.MATCHED,
            "initiative_response": Match.Response.INTERESTED,
            "other_response": Match.Response.INTERESTED,
            "matched_at": now,
            "event": event,
            "source": Match.Source.EVENT,
            "created_by": user,
            "updated_at": now,
        },
    )
    return match


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
