"""Periodic work (reminders, evaluation invitations), evaluations and series invitations."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten.models import Evaluation, Event, Registration, Series, SeriesInvitation
from bijeenkomsten.services.errors import RegistrationError
from bijeenkomsten.services.mails import _mail_context, absolute_url
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
                context=_mail_context(registration),
            )
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
        people = event.registrations.filter(
            status=Registration.Status.CONFIRMED, evaluation__isnull=True
        ).select_related("user")
        for registration in people:
            # The claim (the Evaluation row) and the mail's outbox row commit together.
            try:
                with transaction.atomic():
                    Evaluation.objects.create(registration=registration, invited_at=now)
                    email_send(
                        recipients=[registration.user.email],
                        subject=_("How was %(event)s?") % {"event": event.title},
                        template_name="bijeenkomsten/emails/evaluation_invite.txt",
                        context={
                            **_mail_context(registration),
                            "evaluation_url": absolute_url(
                                reverse("bijeenkomsten:evaluate", args=[registration.cancel_token])
                            ),
                        },
                    )
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
    evaluation.missing = data.get("missing", "")
    evaluation.takeaway = data.get("takeaway", "")
    evaluation.submitted_at = timezone.now()
    evaluation.save()
    return evaluation


def evaluation_results(*, event: Event) -> dict[str, Any]:
    """Results the way seed 001 reports them: % per answer per question, response rate."""
    evaluations = list(
        Evaluation.objects.filter(registration__event=event, submitted_at__isnull=False)
    )
    attendees = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    responses = len(evaluations)
    ratings = list(Evaluation.Rating)

    def summarise(label: str, values: list[str]) -> dict[str, Any]:
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
            "answered": total,
            "parts": parts,
            "positive_percent": round(100 * positive / total) if total else 0,
        }

    questions = [
        summarise(_("Information beforehand"), [e.information_beforehand for e in evaluations]),
        summarise(_("Plenary part"), [e.plenary for e in evaluations]),
    ]
    for round_ in event.rounds.all():
        questions.append(
            summarise(round_.title, [e.round_ratings.get(str(round_.pk), "") for e in evaluations])
        )
    return {
        "attendees": attendees,
        "responses": responses,
        "response_rate": round(100 * responses / attendees) if attendees else 0,
        "questions": questions,
        "missing": [e.missing for e in evaluations if e.missing.strip()],
        "takeaway": [e.takeaway for e in evaluations if e.takeaway.strip()],
    }


def series_invite(*, series: Series, emails: Iterable[str]) -> int:
    added = 0
    for email in {e.strip().lower() for e in emails if e and e.strip()}:
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
