"""``{% load mozaiek %}{% mozaiek_summary initiative %}``: the opt-in public summary of a
network's latest round, for the network's profile page (renders nothing otherwise)."""

from django import template
from django.utils.formats import number_format

from initiatieven.mozaiek import results

register = template.Library()


@register.inclusion_tag("mozaiek/summary.html")
def mozaiek_summary(initiative):
    summary = results.profile_summary(initiative)
    return {
        "summary": summary,
        "tiles": results.mosaic_tiles(summary.blocks) if summary else [],
    }


@register.filter
def score(value):
    """A mean with one decimal in the reader's locale (4,2 in Dutch); a dash when empty."""
    if value is None:
        return "–"
    return number_format(value, decimal_pos=1)


@register.filter
def change(value):
    if value is None:
        return "–"
    if round(value, 1) == 0:
        return "±" + number_format(0, decimal_pos=1)
    sign = "+" if value > 0 else "−"
    return sign + number_format(abs(value), decimal_pos=1)


@register.filter
def percent(value):
    return f"{value:.0f}%"
