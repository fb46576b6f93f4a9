"""Filters for the Netwerkmozaïek templates: scores and changes in the reader's locale."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


def _one_decimal(value) -> Decimal:
    """Rounded half up, as people round (4,17 → 4,2): number_format alone truncates."""
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@register.filter
def score(value):
    """A mean with one decimal in the reader's locale (4,2 in Dutch); a dash when empty."""
    if value is None:
        return "–"
    return number_format(_one_decimal(value), decimal_pos=1)


@register.filter
def change(value):
    if value is None:
        return "–"
    rounded = _one_decimal(value)
    if rounded == 0:
        return "±" + number_format(0, decimal_pos=1)
    sign = "+" if rounded > 0 else "−"
    return sign + number_format(abs(rounded), decimal_pos=1)


@register.filter
def percent(value):
    return f"{value:.0f}%"
