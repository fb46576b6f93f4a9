"""Dates at events: the matchmaking profile asked at sign-up, and the facts it gives
about a pair of people (what one offers that the other comes for, shared themes)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten.models import Event
from matching.dates.models import DateProfile
from matching.reasons import join, kind_names
from netwerkplatform.core.vocabulary import ResourceKind

# A matchmaking profile has no match run behind it: these points make a pair where
# one offers what the other comes for rank next to a good initiative match.
POINTS_PER_KIND = 25
POINTS_PER_THEME = 10


def _clean_kinds(kinds) -> list[str]:
    valid = set(ResourceKind.values)
    return sorted({k for k in kinds or [] if k in valid})


def date_profile_save(
    *, event: Event, user, looking_for, offering, themes, about: str = ""
) -> DateProfile:
    themes = sorted({t.strip().lower() for t in themes or [] if t and t.strip()})[:10]
    with transaction.atomic():
        profile, _new = DateProfile.objects.update_or_create(
            event=event,
            user=user,
            defaults={
                "looking_for": _clean_kinds(looking_for),
                "offering": _clean_kinds(offering),
                "themes": [t[:40] for t in themes],
                "about": (about or "").strip()[:200],
                "updated_at": timezone.now(),
            },
        )
    return profile


def profiles_for(*, event: Event | None, user_ids) -> dict[int, DateProfile]:
    if event is None:
        return {}
    return {
        p.user_id: p for p in DateProfile.objects.filter(event=event, user_id__in=list(user_ids))
    }


def profile_facts(mine: DateProfile | None, theirs: DateProfile | None, me: int, them: int):
    """Machine-readable reasons from two profiles, and the points they are worth."""
    reasons, points = [], 0
    if mine and theirs:
        for giver, taker, give, take in (
            (them, me, theirs.offering, mine.looking_for),
            (me, them, mine.offering, theirs.looking_for),
        ):
            kinds = sorted(set(give) & set(take))
            if kinds:
                reasons.append({"code": "offers", "giver": giver, "taker": taker, "kinds": kinds})
                points += POINTS_PER_KIND * len(kinds)
    return reasons, points


def reason_text(reason: dict, *, viewer_id: int | None, names: dict[int, str]) -> str:
    """One reason as a Dutch sentence for whoever reads it (``viewer_id`` None: the
    public)."""
    code = reason.get("code")
    if code == "offers":
        kinds = kind_names(reason["kinds"])
        if reason["giver"] == viewer_id:
            return _("You can offer %(kinds)s, which %(name)s comes for.") % {
                "kinds": kinds,
                "name": names.get(reason["taker"], "?"),
            }
        if reason["taker"] == viewer_id:
            return _("%(name)s offers %(kinds)s, which you come for.") % {
                "kinds": kinds,
                "name": names.get(reason["giver"], "?"),
            }
        return _("%(giver)s offers %(kinds)s, which %(taker)s came for.") % {
            "kinds": kinds,
            "giver": names.get(reason["giver"], "?"),
            "taker": names.get(reason["taker"], "?"),
        }
    if code == "themes":
        if viewer_id is None:
            return _("They share the themes %(themes)s.") % {"themes": join(reason["themes"])}
        return _("You share the themes %(themes)s.") % {"themes": join(reason["themes"])}
    if code == "match":
        return _("%(mine)s and %(theirs)s fit together.") % {
            "mine": reason["a"],
            "theirs": reason["b"],
        }
    if code == "here_for":
        return _("%(name)s is here for %(what)s.") % {
            "name": names.get(reason["who"], "?"),
            "what": reason["what"],
        }
    return ""
