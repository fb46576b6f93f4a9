"""Dates at events: whom to meet — the other attendees, best first."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from bijeenkomsten.models import Event, Registration
from initiatieven.models import Initiative, Membership, Organisation, OrganisationMember
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


def attendees_ranked(*, event: Event | None, user, among=None, limit: int = 50) -> list[Suggestion]:
    """Other confirmed attendees, best first: the highest match score between their
    initiatives/organisations and yours combined with what your matchmaking profiles
    say (one offers what the other comes for, shared themes). A fixed number of
    queries, whatever the number of attendees."""
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

    ct_i = ContentType.objects.get_for_model(Initiative)
    ct_o = ContentType.objects.get_for_model(Organisation)
    themes: dict[tuple[str, int], set[str]] = defaultdict(set)
    for ct, obj, name in TaggedItem.objects.filter(
        Q(content_type=ct_i, object_id__in=all_i) | Q(content_type=ct_o, object_id__in=all_o)
    ).values_list("content_type_id", "object_id", "tag__name"):
        themes[("i" if ct == ct_i.pk else "o", obj)].add(name)

    profiles = profiles_for(event=event, user_ids=ids)

    def person_themes(uid):
        found = set(profiles[uid].themes) if uid in profiles else set()
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
            s.facts.append({"code": "match", "score": top[0], "a": top[1], "b": top[2]})
        facts, points = profile_facts(
            profiles.get(user.pk), profiles.get(other.pk), user.pk, other.pk
        )
        s.facts += facts
        s.shared_themes = sorted(my_themes & person_themes(other.pk))
        if s.shared_themes:
            s.facts.append({"code": "themes", "themes": s.shared_themes})
            points += POINTS_PER_THEME * len(s.shared_themes)
        if theirs and not top:
            s.facts.append(
                {
                    "code": "here_for",
                    "who": other.pk,
                    "what": ", ".join(n for _k, _i, n in theirs[:2]),
                }
            )
        elif not theirs and other.pk in profiles and profiles[other.pk].about:
            s.facts.append({"code": "here_for", "who": other.pk, "what": profiles[other.pk].about})
        s.score = combined_score(top[0] if top else 0, points)
        names = {user.pk: user.display_name, other.pk: other.display_name}
        s.reasons = [
            text for f in s.facts if (text := reason_text(f, viewer_id=user.pk, names=names))
        ]
        result.append(s)
    result.sort(key=lambda s: (-s.score, -len(s.shared_themes), s.person.display_name.lower()))
    return result[:limit]
