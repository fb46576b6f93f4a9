"""Render what other apps contribute to a page through ``core.registry``."""

from django import template
from django.template.loader import render_to_string

from netwerkplatform.core import registry

register = template.Library()


@register.simple_tag(takes_context=True)
def event_sections(context, where: str, event):
    """``{% event_sections "registration" event %}``: every app's part for that spot."""
    request = context.get("request")
    parts = []
    for item in registry.collect(registry.event_sections(where), request, event):
        parts.append(
            render_to_string(
                item["template"], {"data": item["context"], "event": event}, request=request
            )
        )
    from django.utils.safestring import mark_safe

    return mark_safe("".join(parts))  # noqa: S308 (rendered templates, autoescaped)
