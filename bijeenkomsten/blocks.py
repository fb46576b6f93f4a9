"""What events contribute to "Mijn overzicht", the home page and the privacy export."""

from django.utils import timezone

from bijeenkomsten import selectors
from bijeenkomsten.models import DuoInvitation, Evaluation, Event, Registration, SeriesInvitation
from netwerkplatform.core import registry
from netwerkplatform.core.selectors import verified_emails


def _mine_block(request):
    registrations = (
        Registration.objects.filter(user=request.user, event__ends_at__gte=timezone.now())
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event")
        .order_by("event__starts_at")[:5]
    )
    organised = request.user.organised_events.filter(ends_at__gte=timezone.now()).order_by(
        "starts_at"
    )[:5]
    return {"registrations": list(registrations), "organised": list(organised)}


def _home_block(request):
    events = (
        Event.objects.filter(status=Event.Status.PUBLISHED, starts_at__gte=timezone.now())
        .select_related("municipality")
        .order_by("starts_at")[:4]
    )
    return {"events": list(events)}


def _profile_section(request, initiative):
    """The events an initiative hosted, or hosted a session at (published or past)."""
    from django.db.models import Q

    events = (
        Event.objects.filter(
            Q(host_initiative=initiative) | Q(rounds__sessions__host_initiatives=initiative),
            status__in=[Event.Status.PUBLISHED, Event.Status.FINISHED],
        )
        .select_related("municipality")
        .distinct()
        .order_by("-starts_at")[:10]
    )
    events = list(events)
    if not events:
        return None
    now = timezone.now()
    return {
        "upcoming": [event for event in events if event.ends_at >= now],
        "past": [event for event in events if event.ends_at < now],
    }


def _export(user) -> list[dict]:
    return [
        {
            "event": r.event.title,
            "starts_at": r.event.starts_at.isoformat(),
            "status": r.status,
            "hats_today": r.hats_today,
            "needs": r.needs,
            "show_on_attendee_list": r.show_on_attendee_list,
            "registered_at": r.queued_at.isoformat(),
            "checked_in_at": r.checked_in_at.isoformat() if r.checked_in_at else None,
            "sessions": [c.session.title for c in r.session_choices.all()],
            "answers": [{"question": a.question.text, "answer": a.value} for a in r.answers.all()],
            "evaluation": (
                {
                    "missing": r.evaluation.missing,
                    "takeaway": r.evaluation.takeaway,
                }
                if hasattr(r, "evaluation")
                else None
            ),
        }
        for r in Registration.objects.filter(user=user)
        .select_related("event", "evaluation")
        .prefetch_related("session_choices__session", "answers__question")
    ]


def _erase(user) -> None:
    """Attendance counts stay (organisers' statistics); what says something about the
    person goes: needs, hats, visibility, free-text evaluation answers, duo e-mails."""

    registrations = Registration.objects.filter(user=user)
    registrations.update(hats_today=[], needs="", show_on_attendee_list=False)
    Evaluation.objects.filter(registration__user=user).update(missing="", takeaway="")
    # Only addresses this account verified: an unverified claim owns nothing.
    owned = verified_emails(user)
    DuoInvitation.objects.filter(email__in=owned).update(email="")
    SeriesInvitation.objects.filter(email__in=owned).delete()


registry.register_dashboard_block(
    registry.DashboardBlock(
        key="bijeenkomsten",
        template="bijeenkomsten/blocks/mine.html",
        get_context=_mine_block,
        order=30,
    )
)
registry.register_home_block(
    registry.HomeBlock(
        key="bijeenkomsten",
        template="bijeenkomsten/blocks/home.html",
        get_context=_home_block,
        order=30,
    )
)
registry.register_personal_data(
    registry.PersonalData(key="bijeenkomsten", export=_export, erase=_erase)
)

registry.register_profile_section(
    registry.ProfileSection(
        key="events",
        template="bijeenkomsten/blocks/profile_section.html",
        get_context=_profile_section,
        order=10,
    )
)
registry.register_block_sessions(
    registry.BlockSessions(key="bijeenkomsten", find=selectors.upcoming_sessions_for_block)
)
