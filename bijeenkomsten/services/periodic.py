"""Periodic work (reminders, evaluation invitations), evaluations and series invitations."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten.models import Evaluation, Event, Registration, Series, SeriesInvitation, Session
from bijeenkomsten.services.errors import RegistrationError
from bijeenkomsten.services.mails import absolute_url, mail_context
from netwerkplatform.core.limits import invitations_reserve
from netwerkplatform.core.services import email_send


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """The day-before reminder for events starting within the next 24–48 hours window."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    sent = 0
    registrations = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminded_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__starts_at__date=tomorrow,
    ).select_related("user", "event")
    for registration in registrations:
        # The claim and the mail's outbox row commit together: neither goes without the other.
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if not claimed:
                continue
            email_send(
                recipients=[registration.user.email],
                subject=_("Tomorrow: %(event)s") % {"event": registration.event.title},
                template_name="bijeenkomsten/emails/reminder.txt",
                context=mail_context(registration),
            )
        sent += 1
    return sent


def evaluation_invitees(*, event: Event):
    """Who is asked: when the organiser used check-in, only the people who were there
    (no-shows are not thanked for coming); otherwise everyone with a confirmed place."""
    people = event.registrations.filter(status=Registration.Status.CONFIRMED)
    if event.registrations.filter(checked_in_at__isnull=False).exists():
        people = people.filter(checked_in_at__isnull=False)
    return people


def _send_evaluation_invite(registration: Registration, event: Event) -> None:
    email_send(
        recipients=[registration.user.email],
        subject=_("How was %(event)s?") % {"event": event.title},
        template_name="bijeenkomsten/emails/evaluation_invite.txt",
        context={
            **mail_context(registration),
            "evaluation_url": absolute_url(
                reverse("bijeenkomsten:evaluate", args=[registration.cancel_token])
            ),
        },
    )


def evaluations_send(*, event: Event, resend: bool = False) -> int:
    """The organiser sends the invitations by hand: to whoever was not asked yet, or
    (``resend``) again to everyone asked who has not answered."""
    if event.ends_at > timezone.now():
        raise RegistrationError(_("The evaluation can be sent once the event is over."))
    now = timezone.now()
    sent = 0
    for registration in evaluation_invitees(event=event).select_related("user"):
        evaluation = Evaluation.objects.filter(registration=registration).first()
        if evaluation is None:
            try:
                with transaction.atomic():
                    Evaluation.objects.create(registration=registration, invited_at=now)
            except IntegrityError:
                continue
        elif not resend or evaluation.submitted_at:
            continue
        else:
            Evaluation.objects.filter(pk=evaluation.pk).update(invited_at=now)
        _send_evaluation_invite(registration, event)
        sent += 1
    return sent


def evaluations_invite(*, now: datetime.datetime | None = None) -> int:
    """After an event ended (within the last week), invite everyone who came, once."""
    now = now or timezone.now()
    ended = Event.objects.filter(
        status__in=[Event.Status.PUBLISHED, Event.Status.FINISHED],
        ends_at__lte=now,
        ends_at__gte=now - datetime.timedelta(days=7),
    )
    invited = 0
    for event in ended:
        if event.status == Event.Status.PUBLISHED:
            Event.objects.filter(pk=event.pk, status=Event.Status.PUBLISHED).update(
                status=Event.Status.FINISHED
            )
        people = evaluation_invitees(event=event).filter(evaluation__isnull=True)
        for registration in people.select_related("user"):
            try:  # the claim (the Evaluation row) and the mail's outbox row commit together
                with transaction.atomic():
                    Evaluation.objects.create(registration=registration, invited_at=now)
                    _send_evaluation_invite(registration, event)
            except IntegrityError:
                continue
            invited += 1
    return invited


def evaluation_submit(*, registration: Registration, data: Mapping[str, Any]) -> Evaluation:
    evaluation, _created = Evaluation.objects.get_or_create(registration=registration)
    if evaluation.submitted_at:
        raise RegistrationError(_("You already sent your evaluation. Thank you!"))
    evaluation.information_beforehand = data.get("information_beforehand", "")
    evaluation.plenary = data.get("plenary", "")
    evaluation.round_ratings = {
        str(k): v for k, v in (data.get("round_ratings") or {}).items() if v
    }
    evaluation.session_ratings = {
        str(k): v for k, v in (data.get("session_ratings") or {}).items() if v
    }
    evaluation.missing = data.get("missing", "")
    evaluation.takeaway = data.get("takeaway", "")
    evaluation.submitted_at = timezone.now()
    evaluation.save()
    return evaluation


def evaluated_programme(*, event: Event) -> list[tuple[Any, list[Any]]]:
    """What the evaluation asks about, per round: its workshops and open spaces, each on
    its own. Plenary sessions are left out (the plenary part is asked once); a round with
    only plenary sessions is left out altogether; a round without sessions is rated as a
    whole (empty list)."""

    programme = []
    for round_ in event.rounds.prefetch_related("sessions"):
        sessions = list(round_.sessions.all())
        rated = [s for s in sessions if s.kind != Session.Kind.PLENARY]
        if sessions and not rated:
            continue
        programme.append((round_, rated))
    return programme


def evaluation_results(*, event: Event) -> dict[str, Any]:
    """Results the way seed 001 reports them: % per answer per question, response rate."""
    evaluations = list(
        Evaluation.objects.filter(registration__event=event, submitted_at__isnull=False)
    )
    attendees = evaluation_invitees(event=event).count()
    responses = len(evaluations)
    ratings = list(Evaluation.Rating)

    def summarise(label: str, values: list[str], group: str = "") -> dict[str, Any]:
        answered = [v for v in values if v]
        total = len(answered)
        parts = [
            {
                "rating": rating,
                "label": rating.label,
                "count": answered.count(rating.value),
                "percent": round(100 * answered.count(rating.value) / total) if total else 0,
            }
            for rating in ratings
        ]
        positive = sum(p["count"] for p in parts[:2])
        return {
            "label": label,
            "group": group,
            "answered": total,
            "parts": parts,
            "positive_percent": round(100 * positive / total) if total else 0,
        }

    questions = [
        summarise(_("Information beforehand"), [e.information_beforehand for e in evaluations]),
        summarise(_("Plenary part"), [e.plenary for e in evaluations]),
    ]
    for round_, sessions in evaluated_programme(event=event):
        if not sessions:
            questions.append(
                summarise(
                    round_.title, [e.round_ratings.get(str(round_.pk), "") for e in evaluations]
                )
            )
        for session in sessions:
            questions.append(
                summarise(
                    session.title,
                    [e.session_ratings.get(str(session.pk), "") for e in evaluations],
                    group=round_.title,
                )
            )
    return {
        "attendees": attendees,
        "responses": responses,
        "response_rate": round(100 * responses / attendees) if attendees else 0,
        "questions": questions,
        "missing": [e.missing for e in evaluations if e.missing.strip()],
        "takeaway": [e.takeaway for e in evaluations if e.takeaway.strip()],
    }


def series_invite(*, series: Series, emails: Iterable[str], sender) -> int:
    """Invite addresses to a closed series; the sender must be verified and within the
    daily caps (only new addresses count)."""
    wanted = {e.strip().lower() for e in emails if e and e.strip()}
    new = wanted - set(
        SeriesInvitation.objects.filter(series=series, email__in=wanted).values_list(
            "email", flat=True
        )
    )
    if new:
        invitations_reserve(sender=sender, count=len(new), on_behalf_of=f"series:{series.pk}")
    added = 0
    for email in wanted:
        _obj, created = SeriesInvitation.objects.get_or_create(series=series, email=email)
        if created:
            added += 1
            email_send(
                recipients=[email],
                subject=_("You are invited to %(series)s") % {"series": series.name},
                template_name="bijeenkomsten/emails/series_invitation.txt",
                context={"series": series, "url": absolute_url(reverse("bijeenkomsten:index"))},
            )
    return added
