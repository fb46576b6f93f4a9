"""``{{ match.score|match_level }}``: "Sterke match" / "Goede match" / "Mogelijke match"."""

from django import template

from matching.reasons import level_label

register = template.Library()


@register.filter
def match_level(score) -> str:
    return level_label(int(score))
