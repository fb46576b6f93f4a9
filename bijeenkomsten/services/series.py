"""Series run by their organisers, and consent for being named: an event says "te gast
bij <initiative>" or belongs to a series only after that side accepted (issue 11)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bijeenkomsten.models import Event, NamingInvitation, Series
from bijeenkomsten.selectors import PUBLIC_STATUSES
from bijeenkomsten.services.errors import EventError
from bijeenkomsten.services.mails import absolute_url
from initiatieven.models import Initiative, Membership
from initiatieven.services import can_edit_initiative
from netwerkplatform.core.services import email_send

# --- Series -------------------------------------------------------------------------


def user_organises_series(*, series: Series, user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_staff or series.organisers.filter(pk=user.pk).exists()


def series_of_organiser(*, user) -> QuerySet[Series]:
    if not user.is_authenticated:
        return Series.objects.none()
    if user.is_staff:
        return Series.objects.all()
    return Series.objects.filter(organisers=user)


def _unique_series_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:160] or "reeks"
    slug, n = base, 2
    while Series.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def series_save(*, series: Series, organiser=None) -> Series:
    """Create (the creator becomes its organiser) or edit a series."""
    with transaction.atomic():
        if not series.slug:
            series.slug = _unique_series_slug(series.name)
        series.save()
        if organiser is not None:
            series.organisers.add(organiser)
    return series


def series_events(*, series: Series, user=None) -> dict[str, list[Event]]:
    """The series' public meetings (drafts too for its organisers), past and coming."""
    events = series.events.select_related("host_initiative", "municipality")
    if not (user is not None and user_organises_series(series=series, user=user)):
        events = events.filter(status__in=PUBLIC_STATUSES)
    now = timezone.now()
    events = list(events.order_by("starts_at"))
    return {
        "coming": [e for e in events if e.ends_at >= now],
        "past": [e for e in reversed(events) if e.ends_at < now],
    }


# --- Consent for being named ----------------------------------------------------------

# The team that answers for an initiative: the same roles ``can_edit_initiative`` allows.
_TEAM_ROLES = [Membership.Role.INITIATOR, Membership.Role.CORE]


def _answerers(invitation: NamingInvitation) -> list[str]:
    if invitation.kind == NamingInvitation.Kind.HOST:
        return list(
            Membership.objects.filter(
                initiative=invitation.initiative, role__in=_TEAM_ROLES
            ).values_list("user__email", flat=True)
        )
    return list(invitation.series.organisers.values_list("email", flat=True))


def user_may_answer(*, invitation: NamingInvitation, user) -> bool:
    if not user.is_authenticated:
        return False
    if invitation.kind == NamingInvitation.Kind.HOST:
        return can_edit_initiative(user, invitation.initiative)
    return invitation.series.organisers.filter(pk=user.pk).exists()


def _apply(invitation: NamingInvitation) -> None:
    event = invitation.event
    if invitation.kind == NamingInvitation.Kind.HOST:
        event.host_initiative = invitation.initiative
        event.save(update_fields=["host_initiative", "updated_at"])
    else:
        event.series = invitation.series
        event.save(update_fields=["series", "updated_at"])
    NamingInvitation.objects.filter(
        event=event, kind=invitation.kind, status=NamingInvitation.Status.PENDING
    ).exclude(pk=invitation.pk).update(status=NamingInvitation.Status.WITHDRAWN)


def naming_invite(
    *,
    event: Event,
    by,
    initiative: Initiative | None = None,
    series: Series | None = None,
    message: str = "",
) -> NamingInvitation:
    """Ask an initiative to host the event, or a series to take it in.

    When the organiser is on that side already (in the initiative's team, or an
    organiser of the series), their own say-so is the consent: accepted at once.
    """
    if (initiative is None) == (series is None):
        raise EventError(_("Choose an initiative or a series."))
    kind = NamingInvitation.Kind.HOST if initiative else NamingInvitation.Kind.SERIES
    with transaction.atomic():
        if NamingInvitation.objects.filter(
            event=event,
            initiative=initiative,
            series=series,
            status=NamingInvitation.Status.PENDING,
        ).exists():
            raise EventError(
                _("There is already an invitation waiting for an answer."), field="initiative"
            )
        invitation = NamingInvitation.objects.create(
            kind=kind,
            event=event,
            initiative=initiative,
            series=series,
            invited_by=by,
            message=message,
        )
        if user_may_answer(invitation=invitation, user=by):
            invitation.status = NamingInvitation.Status.ACCEPTED
            invitation.answered_at = timezone.now()
            invitation.answered_by = by
            invitation.save(update_fields=["status", "answered_at", "answered_by"])
            _apply(invitation)
            return invitation
        url = absolute_url(reverse("bijeenkomsten:naming_answer", args=[invitation.token]))
        email_send(
            recipients=_answerers(invitation),
            subject=(
                _("%(name)s asks you to host %(event)s")
                if kind == NamingInvitation.Kind.HOST
                else _("%(name)s asks to add %(event)s to your series")
            )
            % {"name": by.display_name, "event": event.title},
            template_name="bijeenkomsten/emails/naming_invitation.txt",
            context={"invitation": invitation, "event": event, "by": by, "url": url},
        )
    return invitation


def naming_answer(*, invitation: NamingInvitation, user, accept: bool) -> NamingInvitation:
    if not user_may_answer(invitation=invitation, user=user):
        raise EventError(
            _("Only the initiative's initiators and core team can answer this.")
            if invitation.kind == NamingInvitation.Kind.HOST
            else _("Only the organisers of the series can answer this.")
        )
    with transaction.atomic():
        invitation = NamingInvitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status != NamingInvitation.Status.PENDING:
            raise EventError(_("This invitation has already been answered or withdrawn."))
        invitation.status = (
            NamingInvitation.Status.ACCEPTED if accept else NamingInvitation.Status.DECLINED
        )
        invitation.answered_at = timezone.now()
        invitation.answered_by = user
        invitation.save(update_fields=["status", "answered_at", "answered_by"])
        if accept:
            _apply(invitation)
        if invitation.invited_by:
            email_send(
                recipients=[invitation.invited_by.email],
                subject=(
                    _("%(target)s accepted: %(event)s")
                    if accept
                    else _("%(target)s declined: %(event)s")
                )
                % {"target": invitation.target_name, "event": invitation.event.title},
                template_name="bijeenkomsten/emails/naming_answered.txt",
                context={
                    "invitation": invitation,
                    "event": invitation.event,
                    "accepted": accept,
                    "url": absolute_url(
                        reverse("bijeenkomsten:dashboard", args=[invitation.event.slug])
                    ),
                },
            )
    return invitation


def naming_withdraw(*, invitation: NamingInvitation) -> None:
    NamingInvitation.objects.filter(
        pk=invitation.pk, status=NamingInvitation.Status.PENDING
    ).update(status=NamingInvitation.Status.WITHDRAWN)


def host_initiatives_without_asking(*, user) -> QuerySet[Initiative]:
    """Initiatives the person answers for: naming them as host needs no invitation."""
    if not user.is_authenticated:
        return Initiative.objects.none()
    return Initiative.objects.filter(
        memberships__user=user, memberships__role__in=_TEAM_ROLES
    ).distinct()


def event_fields_need_consent(*, event: Event | None, user, fields: dict[str, Any]) -> None:
    """Refuse naming a host or series the person does not answer for (use an invitation)."""
    host = fields.get("host_initiative")
    new_host = host and not (event and event.host_initiative_id == host.pk)
    if new_host and not host_initiatives_without_asking(user=user).filter(pk=host.pk).exists():
        raise EventError(
            _("Invite %(name)s from the dashboard; it is named once its team accepts.")
            % {"name": host.name},
            field="host_initiative",
        )
    series = fields.get("series")
    new_series = series and not (event and event.series_id == series.pk)
    if new_series and not user_organises_series(series=series, user=user):
        raise EventError(
            _("Ask %(name)s from the dashboard; the event joins once its organisers accept.")
            % {"name": series.name},
            field="series",
        )
