"""Machine-readable reasons → Dutch sentences, from the point of view of who reads them.

``side`` is "initiative" for the team the suggestion is for, "other" for the fund,
partner or initiative on the other end.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from netwerkplatform.core.vocabulary import ResourceKind


def euros(value) -> str:
    return "€" + f"{round(value):,}".replace(",", ".")


def join(words) -> str:
    words = [str(w) for w in words]
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s and %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def kind_names(kinds) -> str:
    labels = []
    for kind in kinds:
        try:
            labels.append(str(ResourceKind(kind).label))
        except ValueError:
            labels.append(kind)
    return join(labels)


# What the subjects of ``matching.engine.scoring.DOMAIN_CONCEPTS`` are called when a
# reason names them (means such as a room or volunteers are never named as a subject).
SUBJECT_LABELS = {
    "terrein": gettext_lazy("land and roofs"),
    "tuin": gettext_lazy("gardens and greenery"),
    "energie": gettext_lazy("energy"),
    "cooperatie": gettext_lazy("cooperatives"),
    "afval": gettext_lazy("litter and waste"),
    "keuken": gettext_lazy("cooking and meals"),
    "bewoners": gettext_lazy("residents' initiatives"),
    "dorp": gettext_lazy("village life"),
    "vervoer": gettext_lazy("transport"),
    "taal": gettext_lazy("language"),
    "spelen": gettext_lazy("play"),
    "repareren": gettext_lazy("repairs"),
    "sport": gettext_lazy("sport and exercise"),
    "ontmoeting": gettext_lazy("meeting each other"),
    "onderwijs": gettext_lazy("school and learning"),
    "ondernemen": gettext_lazy("enterprise"),
    "podiumkunsten": gettext_lazy("music, theatre and dance"),
    "erfgoed": gettext_lazy("heritage"),
    "kringloop": gettext_lazy("second-hand goods"),
    "eenzaamheid": gettext_lazy("loneliness"),
    "armoede": gettext_lazy("poverty"),
}


def _subject_names(reason) -> str:
    """The subjects a reason names, in the reader's words ("" when none is known)."""
    return join(str(SUBJECT_LABELS[s]) for s in reason.get("subjects", []) if s in SUBJECT_LABELS)


def _range(reason) -> str:
    low, high = reason.get("min"), reason.get("max")
    if low is not None and high is not None:
        return f"{euros(low)}–{euros(high)}"
    if high is not None:
        return _("up to %(amount)s") % {"amount": euros(high)}
    return _("from %(amount)s") % {"amount": euros(low)}


def _amount(reason, side) -> str:
    values = {"range": _range(reason), "asked": euros(reason["asked"])}
    need = reason.get("need")
    if need:
        values["need"] = need
        if side == "initiative":
            return _("This fund gives %(range)s; you ask %(asked)s for “%(need)s”") % values
        return _("You give %(range)s; they ask %(asked)s for “%(need)s”") % values
    if side == "initiative":
        return _("This fund gives %(range)s; you ask for %(asked)s") % values
    return _("You give %(range)s; they ask for %(asked)s") % values


def _what(text: str, kind: str) -> str:
    """A need's or offer's own words, or its kind when it has none."""
    return text or kind_names([kind])


def _give_sentence(give: dict, *, theirs: bool) -> str:
    values = {
        "offer": _what(give.get("offer", ""), give.get("offer_kind", "")),
        "need": _what(give.get("need", ""), give.get("need_kind", "")),
    }
    if theirs:
        return _("They offer “%(offer)s”; you are looking for “%(need)s”") % values
    return _("You offer “%(offer)s”; they are looking for “%(need)s”") % values


def _themes_sentence(reason, mine, kind):
    themes = reason["themes"]
    return ngettext(
        "You share the theme %(themes)s", "You share the themes %(themes)s", len(themes)
    ) % {"themes": join(themes)}


def _related_sentence(reason, mine, kind):
    values = {"mine": reason["mine"], "theirs": reason["theirs"]}
    if not mine:
        values = {"mine": reason["theirs"], "theirs": reason["mine"]}
    return _("Related subjects: your %(mine)s and their %(theirs)s") % values


def _subject_sentence(reason, mine, kind):
    """The subject both descriptions name: a fund's and an initiative's, or two
    initiatives'."""
    values = {"subjects": _subject_names(reason)}
    if not values["subjects"]:
        return None
    if kind == "initiative":
        return _("Your descriptions are both about %(subjects)s") % values
    if mine:
        return _("This fund's description and yours are both about %(subjects)s") % values
    return _("Your scheme and their description are both about %(subjects)s") % values


def _text_sentence(reason, mine, kind):
    return _("Your descriptions are alike (%(percent)s%%)") % {
        "percent": round(reason["similarity"] * 100)
    }


def _region_sentence(reason, mine, kind):
    """Where both are (initiatives) or where the fund or partner works."""
    if reason["level"] == "national":  # stored before reasons became specific
        return None
    if kind == "initiative":
        return _("You are both in %(place)s") % {"place": reason["place"]}
    if reason.get("neighbourhoods"):  # sc.for_neighbourhoods: its place is its subject
        if mine:
            return _("This fund is there for residents' initiatives in %(place)s") % {
                "place": reason["place"]
            }
        return _("They are a residents' initiative in %(place)s, where you fund those") % {
            "place": reason["place"]
        }
    if mine:
        return _("They work in %(place)s") % {"place": reason["place"]}
    return _("They are in %(place)s, where you work") % {"place": reason["place"]}


def _amount_sentence(reason, mine, kind):
    return _amount(reason, "initiative" if mine else "other")


def _amount_open_sentence(reason, mine, kind):
    values = {"range": _range(reason), "need": reason.get("need", "")}
    if mine:
        return (
            _("This fund gives %(range)s; name an amount for “%(need)s” so it can judge") % values
        )
    return _("You give %(range)s; they have not named an amount for “%(need)s” yet") % values


def _money_sentence(reason, mine, kind):
    if not reason.get("need"):
        return None  # "looking for money" alone is true of every fund suggestion
    values = {"need": reason["need"], "asked": euros(reason.get("asked") or 0)}
    if mine:
        return _("You ask %(asked)s for “%(need)s”") % values
    return _("They ask %(asked)s for “%(need)s”") % values


def _penvoerder_sentence(reason, mine, kind):
    """The legal-form condition, with the fiscal hosts that work nearby."""
    if mine:
        text = _("This fund only pays legal entities: apply through a fiscal host (penvoerder)")
    else:
        text = _("They are not a legal entity: they can apply through a fiscal host")
    hosts = [host["name"] for host in reason.get("hosts", [])]
    if hosts:
        text += ". " + _("Fiscal hosts nearby: %(names)s") % {"names": join(hosts)}
    return text


def _offers_sentence(reason, mine, kind):
    """The partner's offer and the need it meets, in their own words."""
    if "kinds" in reason:  # stored before reasons named the need and the offer
        return None
    return _give_sentence(reason, theirs=mine)


def _knows_sentence(reason, mine, kind):
    """A partner's knowledge about the initiative's own subject, not asked for. A
    reason stored before it named the subject says so without naming it, until the
    next run stores it anew."""
    values = {"offer": reason.get("offer", ""), "subjects": _subject_names(reason)}
    if not values["subjects"]:
        if mine:
            return _("They share knowledge about what you work on: “%(offer)s”") % values
        return _("You share knowledge about what they work on: “%(offer)s”") % values
    if mine:
        return _("They know about %(subjects)s, which you work on: “%(offer)s”") % values
    return _("You know about %(subjects)s, which they work on: “%(offer)s”") % values


def _exchange_sentence(reason, mine, kind):
    """What two initiatives give each other, seen from the reader's side.

    Named need and offer ("Zij bieden …; jullie zoeken …"); kinds only for reasons
    stored before they named them.
    """
    they, you = reason.get("they_offer", []), reason.get("you_offer", [])
    they_give, you_give = reason.get("they_give"), reason.get("you_give")
    if not mine:
        they, you = you, they
        they_give, you_give = you_give, they_give
    parts = []
    if they_give:
        parts.append(_give_sentence(they_give, theirs=True))
    elif they:
        parts.append(_("They offer %(kinds)s, which you need") % {"kinds": kind_names(they)})
    if you_give:
        parts.append(_give_sentence(you_give, theirs=False))
    elif you:
        parts.append(_("You offer %(kinds)s, which they need") % {"kinds": kind_names(you)})
    return ". ".join(parts)


# One renderer per reason code: (reason, reader is the initiative, match kind) → text.
_SENTENCES = {
    "themes": _themes_sentence,
    "related": _related_sentence,
    "text": _text_sentence,
    "subject": _subject_sentence,
    "region": _region_sentence,
    "amount": _amount_sentence,
    "amount_open": _amount_open_sentence,
    "money": _money_sentence,
    "penvoerder": _penvoerder_sentence,
    "offers": _offers_sentence,
    "knows": _knows_sentence,
    "exchange": _exchange_sentence,
}


def sentence(reason: dict, *, side: str = "initiative", kind: str = "scheme") -> str | None:
    """One reason as a Dutch sentence for its reader; None for a code nobody shows."""
    render = _SENTENCES.get(reason.get("code"))
    return render(reason, side == "initiative", kind) if render else None


def sentences(match, *, side: str = "initiative") -> list[str]:
    found = [sentence(r, side=side, kind=match.kind) for r in match.reasons or []]
    return [text for text in found if text]
