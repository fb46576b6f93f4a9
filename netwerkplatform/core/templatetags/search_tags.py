"""``{{ text|highlight:q }}``: the words that match the search marked with <mark>."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from netwerkplatform.core.search import highlight_spans, parse_query

register = template.Library()


@register.filter
def highlight(text, q):
    text = "" if text is None else str(text)
    if not q:
        return text
    pieces = highlight_spans(text, parse_query(str(q)))
    return mark_safe(
        "".join(
            f"<mark>{conditional_escape(piece)}</mark>" if hit else str(conditional_escape(piece))
            for piece, hit in pieces
        )
    )
