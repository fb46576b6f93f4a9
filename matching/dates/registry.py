"""What dates at events contribute to core's pages: a "Mijn dates" block on /mijn/,
the personal-data export/erase, and demo dates. Imported from ``MatchingConfig.ready``."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bijeenkomsten.models import Event, Registration
from bijeenkomsten.services import shift_local
from matching.dates.forms import DateProfileForm
from matching.dates.models import DateBlock, DateOutcome, DateRequest, DateSettings, DateSlot
from matching.dates.services import (
    attendees_ranked,
    date_profile_save,
    dates_settings_get,
    is_attendee,
    is_organiser,
)
from matching.models import EventMatchPage
from netwerkplatform.core import registry
from netwerkplatform.core.demo import demo_person
from netwerkplatform.core.services import municipality_lookup


def _my_dates_block(request):
    if not request.user.is_authenticated:
        return None
    mine = (
        DateRequest.objects.filter(
            Q(from_user=request.user) | Q(to_user=request.user),
            status__in=["requested", "accepted"],
            event__ends_at__gte=timezone.now(),
        )
        .select_related("event", "slot", "from_user", "to_user")
        .order_by("event__starts_at", "slot__starts_at")[:10]
    )
    mine = list(mine)
    if not mine:
        return None
    waiting = sum(1 for d in mine if d.status == "requested" and d.to_user_id == request.user.pk)
    sent = sum(1 for d in mine if d.status == "requested" and d.from_user_id == request.user.pk)
    return {"dates": mine, "waiting": waiting, "sent": sent, "me": request.user}


def _dates_enabled(event) -> bool:
    return DateSettings.objects.filter(event=event, enabled=True).exists()


def _event_page_section(request, event):
    """On the event page: where the dates are, for whoever may use them."""

    enabled = _dates_enabled(event)
    organiser = is_organiser(event=event, user=request.user)
    public_page = EventMatchPage.objects.filter(event=event, is_public=True).exists()
    if not (enabled or organiser or public_page):
        return None
    return {
        "enabled": enabled,
        "organiser": organiser,
        "attending": is_attendee(event=event, user=request.user),
        "public_page": public_page,
    }


def _organiser_tab(request, event):
    return {"current": request.resolver_match and request.resolver_match.url_name}


def _meet_section(request, event):
    """ "Wie kun je hier ontmoeten?" on the registration: the best three, with reasons."""

    row = dates_settings_get(event=event)
    if not row.enabled:
        return None
    return {
        "suggestions": attendees_ranked(event=event, user=request.user, limit=3),
        "profile": event.date_profiles.filter(user=request.user).first(),
    }


def _my_registration_line(request, event):
    if not _dates_enabled(event):
        return None
    waiting = DateRequest.objects.filter(
        event=event, to_user=request.user, status=DateRequest.Status.REQUESTED
    ).count()
    return {"waiting": waiting}


def _profile_form(request, event, data):
    if not _dates_enabled(event):
        return None
    return DateProfileForm(data, prefix="dates")


def _profile_save(form, registration):
    data = form.cleaned_data
    if any(data.values()):
        date_profile_save(event=registration.event, user=registration.user, **data)


def _export(user):
    requests = DateRequest.objects.filter(Q(from_user=user) | Q(to_user=user)).select_related(
        "event", "slot"
    )
    return {
        "requests": [
            {
                "event": r.event.title,
                "from_me": r.from_user_id == user.pk,
                "with": r.other(user).display_name,
                "message": r.message if r.from_user_id == user.pk else "",
                "status": r.status,
                "slot": r.slot.starts_at.isoformat() if r.slot else None,
                "table": r.table,
            }
            for r in requests
        ],
        "blocked_slots": [
            b.slot.starts_at.isoformat()
            for b in DateBlock.objects.filter(user=user).select_related("slot")
        ],
        "outcomes": [
            {"date": o.request_id, "happened": o.happened, "useful": o.useful, "note": o.note}
            for o in DateOutcome.objects.filter(user=user)
        ],
    }


def _erase(user):
    """Requests and seats go (the other person loses the date, as with a cancellation);
    blocked slots and outcomes too."""

    DateOutcome.objects.filter(user=user).delete()
    DateBlock.objects.filter(user=user).delete()
    DateRequest.objects.filter(Q(from_user=user) | Q(to_user=user)).delete()


def _load_demo():
    """A small Samen Doen! afternoon in Gouda with dates opened and a few requests."""
    organiser = demo_person("organisator@demo.nl")
    event = _demo_event()
    event.organisers.add(organiser)
    _demo_dates_open(event)
    people = [
        demo_person(e)
        for e in ["initiatiefnemer@demo.nl", "netwerk@demo.nl", "fonds@demo.nl", "partner@demo.nl"]
    ]
    _demo_requests(event, people)
    return [("organisator (dates)", organiser.email)]


def _demo_event() -> Event:
    """The first Samen Doen! event the other apps' demo data made, else one of our own:
    dates belong on an event people already find in the demo."""
    event = Event.objects.filter(slug__startswith="samen-doen").order_by("starts_at").first()
    if event is not None:
        return event
    start = (timezone.now() + datetime.timedelta(days=30)).replace(
        hour=13, minute=0, second=0, microsecond=0
    )
    event, _new = Event.objects.get_or_create(
        slug="samen-doen-dates-gouda",
        defaults={
            "kind": Event.Kind.MANIFESTATION,
            "title": "Samen Doen! Gouda — middag met dates",
            "description": "Initiatiefnemers, fondsen en partners uit de regio ontmoeten "
            "elkaar in korte gesprekken van een kwartier.",
            "venue": "Chocoladefabriek",
            "municipality": municipality_lookup("Gouda"),
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=4),
            "capacity": 80,
            "status": Event.Status.PUBLISHED,
        },
    )
    return event


def _demo_dates_open(event: Event) -> None:
    """Dates switched on with six tables and four quarter-hour slots two hours in, so the
    organiser's grid and the attendees' agenda have something to show."""
    DateSettings.objects.update_or_create(
        event=event,
        defaults={
            "enabled": True,
            "tables": 6,
            "max_dates_per_person": 4,
            "request_deadline": event.starts_at - datetime.timedelta(days=1),
        },
    )
    for i in range(4):
        DateSlot.objects.get_or_create(
            event=event,
            starts_at=event.starts_at + datetime.timedelta(hours=2, minutes=15 * i),
            defaults={"length_minutes": 15},
        )


def _demo_requests(event: Event, people: list) -> None:
    """The four demo people registered, with two accepted dates and one still open:
    both states a visitor of the demo should see."""
    for person in people:
        Registration.objects.get_or_create(
            event=event, user=person, defaults={"status": Registration.Status.CONFIRMED}
        )
    pairs = [
        (people[0], people[2], "accepted", "Graag wil ik onze buurtmoestuin voorleggen."),
        (people[1], people[3], "accepted", "Wij zoeken een partner voor het buurthuis."),
        (people[3], people[0], "requested", "Zullen we kijken wat we samen kunnen doen?"),
    ]
    for sender, recipient, status, message in pairs:
        DateRequest.objects.get_or_create(
            event=event,
            from_user=sender,
            to_user=recipient,
            defaults={"status": status, "message": message},
        )


def _date_slot_count(event) -> int:
    return DateSlot.objects.filter(event=event).count()


def _date_slots_move(event, shift) -> int:
    """Move the event's date slots with the event, by the same wall-clock shift as its
    rounds (bijeenkomsten' rule), so the agenda and its .ics keep the right day."""

    slots = list(DateSlot.objects.filter(event=event))
    for slot in slots:
        slot.starts_at = shift_local(slot.starts_at, shift)
    DateSlot.objects.bulk_update(slots, ["starts_at"])
    return len(slots)


registry.register_dashboard_block(
    registry.DashboardBlock(
        key="dates", template="matching/dates/block.html", get_context=_my_dates_block, order=40
    )
)
registry.register_personal_data(registry.PersonalData(key="dates", export=_export, erase=_erase))
registry.register_demo_loader(registry.DemoLoader(key="dates", load=_load_demo, order=80))
for _section in (
    registry.EventSection(
        "dates", "event_page", "matching/dates/sections/event_page.html", _event_page_section
    ),
    registry.EventSection(
        "dates", "organiser_nav", "matching/dates/sections/organiser_tab.html", _organiser_tab
    ),
    registry.EventSection(
        "dates", "registration", "matching/dates/sections/meet.html", _meet_section
    ),
    registry.EventSection(
        "dates",
        "my_registrations",
        "matching/dates/sections/my_registration.html",
        _my_registration_line,
    ),
):
    registry.register_event_section(_section)
registry.register_registration_extra(
    registry.RegistrationExtra(
        key="dates",
        get_form=_profile_form,
        save=_profile_save,
        template="matching/dates/sections/profile_fields.html",
    )
)
registry.register_event_move_hook(
    registry.EventMoveHook(
        key="dates", label=_("date slots"), count=_date_slot_count, move=_date_slots_move
    )
)
