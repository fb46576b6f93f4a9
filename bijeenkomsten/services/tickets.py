"""QR tickets: a secret per registration, drawn server-side (segno, no JavaScript), and
check-in by scanning it at the door."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import segno
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten.models import Event, Registration
from bijeenkomsten.selectors import check_in_is_open
from bijeenkomsten.services.errors import EventError

# The QR carries only this prefix and the secret: no name or e-mail address.
TICKET_PREFIX = "NP1:"


def ticket_payload(registration: Registration) -> str:
    return f"{TICKET_PREFIX}{registration.ticket_code}"


def ticket_svg(registration: Registration, *, scale: int = 5) -> str:
    """Inline SVG markup with an accessible title (the page says what it is)."""
    qr = segno.make(ticket_payload(registration), error="m")
    return qr.svg_inline(
        scale=scale, title=_("Your ticket for %(event)s") % {"event": registration.event.title}
    )


def ticket_png_base64(registration: Registration) -> str:
    """The same QR as PNG, base64 for an e-mail attachment (mail apps show PNG)."""
    buffer = io.BytesIO()
    segno.make(ticket_payload(registration), error="m").save(buffer, kind="png", scale=8)
    return base64.b64encode(buffer.getvalue()).decode()


@dataclass
class ScanResult:
    status: str  # "in", "already", "unknown", "not_coming"
    registration: Registration | None = None


def registration_check_in_by_code(*, event: Event, code: str) -> ScanResult:
    """Check in whoever's ticket this is. A second scan changes nothing and says when the
    person came in; the claim is one conditional UPDATE, so two phones at the same door
    cannot both "check in" the same ticket."""
    if not check_in_is_open(event=event):
        raise EventError(_("Check-in is only possible on the day of the event."))
    code = (code or "").strip()
    if code.startswith(TICKET_PREFIX):
        code = code[len(TICKET_PREFIX) :]
    registration = (
        Registration.objects.filter(event=event, ticket_code=code).select_related("user").first()
        if code
        else None
    )
    if registration is None:
        return ScanResult("unknown")
    if registration.status != Registration.Status.CONFIRMED:
        return ScanResult("not_coming", registration)
    claimed = Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
        checked_in_at=timezone.now()
    )
    registration.refresh_from_db(fields=["checked_in_at"])
    return ScanResult("in" if claimed else "already", registration)
