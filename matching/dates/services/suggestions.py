"""Dates at events: whom to meet — the other attendees, best first."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from taggit.models import TaggedItem

from bijeenkomsten.models import Event, Registration
from initiatieven.models import Initiative, Membership, Organisation, OrganisationMember
from matching.dates.models import DateProfile
from matching.dates.services.profiles import (
    POINTS_PER_THEME,
    profile_facts,
    profiles_for,
    reason_text,
)
from matching.levels import match_level, match_level_label
from matching.models import Match
from netwerkplatform.core.models import User

# --- whom to meet --------------------------------------------------------------------

INITIATIVE = "initiative"
ORGANISATION = "organisation"


class PartyRef(NamedTuple):
    """An initiative or an organisation, by kind and id: the key matches and themes
    are looked up by (ids of the two kinds overlap)."""

    kind: str  # INITIATIVE or ORGANISATION
    pk: int


class Party(NamedTuple):
    """An initiative or organisation a person belongs to, with the name reasons show."""

    ref: PartyRef
    name: str


class BestMatch(NamedTuple):
    """The strongest match between one of your parties and one of theirs."""

    score: int
    mine: str
    theirs: str


@dataclass
class Suggestion:
    person: User
    score: int = 0
    reasons: list[str] = field(default_factory=list)
    shared_themes: list[str] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)  # machine-readable reasons

    @property
    def level(self) -> str:
        return match_level(self.score)

    @property
    def level_label(self) -> str:
        return match_level_label(self.score)


def combined_score(match_score: int, profile_points: int) -> int:
    """An initiative match and a matchmaking profile both count; the stronger leads."""
    high, low = max(match_score, profile_points), min(match_score, profile_points)
    return min(100, high + low // 4)


@dataclass
class _World:
    """Everything the ranking needs about you and the others, loaded in a fixed number
    of queries so ranking N attendees does not cost N queries."""

    parties: dict[int, list[Party]]
    match_scores: dict[tuple[PartyRef, PartyRef], int]
    themes: dict[PartyRef, set[str]]
    profiles: dict[int, DateProfile]

    def person_themes(self, uid: int) -> set[str]:
        """A person's themes: their own profile's plus those of all their parties."""
        found = set(self.profiles[uid].themes) if uid in self.profiles else set()
        for party in self.parties[uid]:
            found |= self.themes[party.ref]
        return found

    def best_match(self, uid_a: int, uid_b: int) -> BestMatch | None:
        """The highest-scoring match between a party of a and a party of b (first wins a tie)."""
        top = None
        for mine in self.parties[uid_a]:
            for theirs in self.parties[uid_b]:
                score = self.match_scores.get((mine.ref, theirs.ref))
                if score is not None and (top is None or score > top.score):
                    top = BestMatch(score, mine.name, theirs.name)
        return top


def _confirmed_others(event: Event | None, user) -> list[User]:
    """The confirmed attendees of the event, without you."""
    return list(
        User.objects.filter(
            registrations__event=event,
            registrations__status=Registration.Status.CONFIRMED,
        ).exclude(pk=user.pk)
    )


def _parties_of(user_ids: list[int]) -> dict[int, list[Party]]:
    """Each person's initiatives, then organisations (two queries)."""
    parties: dict[int, list[Party]] = defaultdict(list)
    for uid, iid, name in Membership.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "initiative_id", "initiative__name"
    ):
        parties[uid].append(Party(PartyRef(INITIATIVE, iid), name))
    for uid, oid, name in OrganisationMember.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "organisation_id", "organisation__name"
    ):
        parties[uid].append(Party(PartyRef(ORGANISATION, oid), name))
    return parties


def _ids_of(parties: dict[int, list[Party]], kind: str) -> set[int]:
    """The ids of all parties of one kind."""
    return {p.ref.pk for found in parties.values() for p in found if p.ref.kind == kind}


def _match_scores(
    initiative_ids: set[int], org_ids: set[int]
) -> dict[tuple[PartyRef, PartyRef], int]:
    """The best non-declined match score between any two parties, both ways round."""
    best: dict[tuple[PartyRef, PartyRef], int] = {}
    rows = Match.objects.filter(
        Q(initiative_id__in=initiative_ids, other_initiative_id__in=initiative_ids)
        | Q(initiative_id__in=initiative_ids, partner_id__in=org_ids)
        | Q(initiative_id__in=initiative_ids, scheme__organisation_id__in=org_ids)
    ).exclude(status=Match.Status.DECLINED)
    for init_id, other_id, partner_id, scheme_org, score in rows.values_list(
        "initiative_id", "other_initiative_id", "partner_id", "scheme__organisation_id", "score"
    ):
        initiative = PartyRef(INITIATIVE, init_id)
        org_id = partner_id or scheme_org
        for other in (
            PartyRef(INITIATIVE, other_id) if other_id is not None else None,
            PartyRef(ORGANISATION, org_id) if org_id is not None else None,
        ):
            if other is not None:
                for key in ((initiative, other), (other, initiative)):
                    best[key] = max(best.get(key, 0), score)
    return best


def _themes_of(initiative_ids: set[int], org_ids: set[int]) -> dict[PartyRef, set[str]]:
    """The themes of all these initiatives and organisations, in one query."""
    ct_i = ContentType.objects.get_for_model(Initiative)
    ct_o = ContentType.objects.get_for_model(Organisation)
    themes: dict[PartyRef, set[str]] = defaultdict(set)
    for ct, obj, name in TaggedItem.objects.filter(
        Q(content_type=ct_i, object_id__in=initiative_ids)
        | Q(content_type=ct_o, object_id__in=org_ids)
    ).values_list("content_type_id", "object_id", "tag__name"):
        themes[PartyRef(INITIATIVE if ct == ct_i.pk else ORGANISATION, obj)].add(name)
    return themes


def _load_world(event: Event | None, user_ids: list[int]) -> _World:
    """Parties, match scores, themes and profiles of these people."""
    parties = _parties_of(user_ids)
    initiative_ids, org_ids = _ids_of(parties, INITIATIVE), _ids_of(parties, ORGANISATION)
    return _World(
        parties=parties,
        match_scores=_match_scores(initiative_ids, org_ids),
        themes=_themes_of(initiative_ids, org_ids),
        profiles=profiles_for(event=event, user_ids=user_ids),
    )


def _here_for(world: _World, other: User, top: BestMatch | None) -> dict | None:
    """Why the other is here, when no match says it: their parties, or their profile."""
    theirs = world.parties[other.pk]
    if theirs and not top:
        return {"code": "here_for", "who": other.pk, "what": ", ".join(p.name for p in theirs[:2])}
    profile = world.profiles.get(other.pk)
    if not theirs and profile and profile.about:
        return {"code": "here_for", "who": other.pk, "what": profile.about}
    return None


def _suggest(world: _World, user, my_themes: set[str], other: User) -> Suggestion:
    """One suggestion: the facts (match, profile offers, themes, why here), the combined
    score and the Dutch reasons."""
    s = Suggestion(person=other)
    top = world.best_match(user.pk, other.pk)
    if top:
        s.facts.append({"code": "match", "score": top.score, "a": top.mine, "b": top.theirs})
    facts, points = profile_facts(
        world.profiles.get(user.pk), world.profiles.get(other.pk), user.pk, other.pk
    )
    s.facts += facts
    s.shared_themes = sorted(my_themes & world.person_themes(other.pk))
    if s.shared_themes:
        s.facts.append({"code": "themes", "themes": s.shared_themes})
        points += POINTS_PER_THEME * len(s.shared_themes)
    if here_for := _here_for(world, other, top):
        s.facts.append(here_for)
    s.score = combined_score(top.score if top else 0, points)
    names = {user.pk: user.display_name, other.pk: other.display_name}
    s.reasons = [text for f in s.facts if (text := reason_text(f, viewer_id=user.pk, names=names))]
    return s


def attendees_ranked(*, event: Event | None, user, among=None, limit: int = 50) -> list[Suggestion]:
    """Other confirmed attendees (or ``among``), best first: the highest match score
    between their initiatives/organisations and yours combined with what your
    matchmaking profiles say (one offers what the other comes for, shared themes).
    A fixed number of queries, whatever the number of attendees."""
    others = _confirmed_others(event, user) if among is None else list(among)
    if not others:
        return []
    world = _load_world(event, [u.pk for u in others] + [user.pk])
    my_themes = world.person_themes(user.pk)
    result = [_suggest(world, user, my_themes, other) for other in others]
    result.sort(key=lambda s: (-s.score, -len(s.shared_themes), s.person.display_name.lower()))
    return result[:limit]
