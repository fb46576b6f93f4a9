"""Filters for the Netwerkmozaïek templates: scores and changes in the reader's locale."""

from django import template
from django.utils.formats import number_format

register = template.Library()


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
