"""Machine-readable reasons → Dutch sentences, from the point of view of who reads them.

``side`` is "initiative" for the team the suggestion is for, "other" for the fund,
partner or initiative on the other end.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


def _amount(reason, side, kind) -> str:
    low, high, asked = reason.get("min"), reason.get("max"), reason.get("asked")
    if low is not None and high is not None:
        offered = f"{euros(low)}–{euros(high)}"
    elif high is not None:
        offered = _("up to %(amount)s") % {"amount": euros(high)}
    else:
        offered = _("from %(amount)s") % {"amount": euros(low)}
    if side == "initiative":
        return _("This fund gives %(range)s; you ask for %(asked)s") % {
            "range": offered,
            "asked": euros(asked),
        }
    return _("You give %(range)s; they ask for %(asked)s") % {
        "range": offered,
        "asked": euros(asked),
    }


def sentence(reason: dict, *, side: str = "initiative", kind: str = "scheme") -> str | None:
    code = reason.get("code")
    mine = side == "initiative"
    if code == "themes":
        themes = reason["themes"]
        return ngettext(
            "You share the theme %(themes)s", "You share the themes %(themes)s", len(themes)
        ) % {"themes": join(themes)}
    if code == "text":
        return _("Your descriptions are alike (%(percent)s%%)") % {
            "percent": round(reason["similarity"] * 100)
        }
    if code == "region":
        if reason["level"] == "national":
            if kind == "scheme":
                return _("This fund works in the whole country")
            return _("They work in the whole country") if mine else None
        if kind == "initiative":
            return _("You are both in %(place)s") % {"place": reason["place"]}
        if mine:
            return _("They work in %(place)s") % {"place": reason["place"]}
        return _("They are in %(place)s, where you work") % {"place": reason["place"]}
    if code == "amount":
        return _amount(reason, side, kind)
    if code == "money":
        return _("You are looking for money") if mine else _("They are looking for money")
    if code == "penvoerder":
        if mine:
            text = _("Possible with a fiscal host (penvoerder): this fund only pays legal entities")
        else:
            text = _("Possible with a fiscal host (penvoerder): they are not a legal entity")
        hosts = [host["name"] for host in reason.get("hosts", [])]
        if hosts:
            text += ". " + _("Fiscal hosts nearby: %(names)s") % {"names": join(hosts)}
        return text
    if code == "offers":
        values = {"kinds": kind_names(reason["kinds"]), "place": reason["place"]}
        if mine:
            return _("They offer %(kinds)s; you are looking for %(kinds)s in %(place)s") % values
        return _("You offer %(kinds)s; they are looking for %(kinds)s in %(place)s") % values
    if code == "exchange":
        parts = []
        they, you = reason.get("they_offer", []), reason.get("you_offer", [])
        if not mine:
            they, you = you, they
        if they:
            parts.append(_("They offer %(kinds)s, which you need") % {"kinds": kind_names(they)})
        if you:
            parts.append(_("You offer %(kinds)s, which they need") % {"kinds": kind_names(you)})
        return "; ".join(parts)
    return None


def sentences(match, *, side: str = "initiative") -> list[str]:
    found = [sentence(r, side=side, kind=match.kind) for r in match.reasons or []]
    return [text for text in found if text]
