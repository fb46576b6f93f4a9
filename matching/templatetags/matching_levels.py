"""``{{ match.score|match_level }}``: "Sterke match" / "Goede match" / "Mogelijke match"."""

from django import template

from matching.levels import match_level_label

register = template.Library()


@register.filter
def match_level(score) -> str:
    return match_level_label(int(score))
