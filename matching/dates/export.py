"""The date schedule as rows for a spreadsheet: per date, or per attendee (written
by the one spreadsheet-safe helper, ``netwerkplatform.core.exports``)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from matching.dates.models import DateRequest


def _placed(event):
    return (
        DateRequest.objects.filter(event=event, slot__isnull=False)
        .select_related("slot", "from_user", "to_user")
        .order_by("slot__starts_at", "table")
    )


def _time(date) -> str:
    start = timezone.localtime(date.slot.starts_at)
    return f"{start:%Y-%m-%d %H:%M}"


def schedule_rows(event) -> list[list[str]]:
    rows = [[_("Time"), _("Table"), _("Person"), _("Person"), _("Published")]]
    for d in _placed(event):
        rows.append(
            [
                _time(d),
                d.table,
                d.from_user.display_name,
                d.to_user.display_name,
                _("yes") if d.published_at else _("no"),
            ]
        )
    return rows


def attendee_lists(event) -> list[tuple]:
    """(person, [(date, other person)]) per attendee with dates, by name."""
    per: dict[int, tuple] = {}
    for d in _placed(event):
        for me, other in ((d.from_user, d.to_user), (d.to_user, d.from_user)):
            per.setdefault(me.pk, (me, []))[1].append((d, other))
    return sorted(per.values(), key=lambda item: item[0].display_name.lower())


def attendee_rows(event) -> list[list[str]]:
    rows = [[_("Person"), _("Time"), _("Table"), _("With")]]
    for person, dates in attendee_lists(event):
        for d, other in dates:
            rows.append([person.display_name, _time(d), d.table, other.display_name])
    return rows
