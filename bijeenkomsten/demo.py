"""Demo events, after the seeds: Samen Doen! in Zwolle (two rounds of workshops and open
spaces, netwerkduo's welcome), the RollingStones hosted by a different local network
each time (Stadslab Leiden, then the Makassarplein Community), and a closed leerkring.
The facts come from seeds 001/002; the texts are our own."""

import datetime

from django.utils import timezone

from bijeenkomsten.models import (
    Evaluation,
    Event,
    Registration,
    Round,
    Series,
    SeriesInvitation,
    Session,
    SessionChoice,
)
from initiatieven.models import Initiative
from netwerkplatform.core import registry
from netwerkplatform.core.demo import demo_person
from netwerkplatform.core.models import Municipality


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _host(slug: str, name: str, municipality: str, pitch: str) -> Initiative:
    host, _created = Initiative.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "kind": Initiative.Kind.NETWORK,
            "municipality": Municipality.objects.get(name=municipality),
            "pitch": pitch,
            "visibility": Initiative.Visibility.PUBLIC,
        },
    )
    return host


def _event(slug: str, organiser, themes=(), **fields) -> Event:
    event, _created = Event.objects.update_or_create(slug=slug, defaults=fields)
    event.organisers.add(organiser)
    if themes:
        event.themes.set(list(themes))
    return event


def _round(event: Event, title: str, start: datetime.datetime, minutes: int, sessions) -> Round:
    round_, _created = Round.objects.update_or_create(
        event=event,
        title=title,
        defaults={"starts_at": start, "ends_at": start + datetime.timedelta(minutes=minutes)},
    )
    for kind, session_title, hosts, capacity, blocks in sessions:
        Session.objects.update_or_create(
            round=round_,
            title=session_title,
            defaults={
                "kind": kind,
                "hosts": hosts,
                "capacity": capacity,
                "building_blocks": blocks,
                "room": "",
            },
        )
    return round_


def _register_demo_people(event: Event) -> None:
    """A few demo people are coming, each with a session per round, so the organiser's
    dashboard, attendee list and badges show something. Written directly (not through
    the sign-up service) so loading the demo sends no e-mails."""
    people = [
        ("initiatiefnemer@demo.nl", ["initiatiefnemer", "bewoner"], True),
        ("netwerk@demo.nl", ["verbinder"], True),
        ("fonds@demo.nl", ["fondsmedewerker"], False),
        ("partner@demo.nl", ["professional"], True),
        ("gemeente@demo.nl", ["ambtenaar"], False),
    ]
    rounds = list(event.rounds.prefetch_related("sessions").order_by("starts_at"))
    for index, (email, hats, listed) in enumerate(people):
        registration, _ = Registration.objects.get_or_create(
            event=event,
            user=demo_person(email),
            status=Registration.Status.CONFIRMED,
            defaults={"hats_today": hats, "show_on_attendee_list": listed},
        )
        for round_ in rounds:
            sessions = list(round_.sessions.all())
            if sessions:
                SessionChoice.objects.get_or_create(
                    registration=registration,
                    round=round_,
                    defaults={
                        "session": sessions[index % len(sessions)],
                        "status": SessionChoice.Status.CONFIRMED,
                    },
                )


def _manifestation(organiser) -> Event:
    """Samen Doen! Zwolle: the big day with a plenary and two rounds of workshops.

    Long because it is data: the texts and sessions a visitor of the demo reads."""
    zwolle = Municipality.objects.get(name="Zwolle")
    samen_doen, _ = Series.objects.update_or_create(
        slug="samen-doen", defaults={"name": "Samen Doen!"}
    )
    samen_doen.organisers.add(organiser)
    day = 21
    manifestation = _event(
        "samen-doen-zwolle",
        organiser,
        themes=["participatie", "buurt en ontmoeting"],
        series=samen_doen,
        kind=Event.Kind.MANIFESTATION,
        title="Samen Doen! Zwolle",
        description=(
            "Een dag voor iedereen die lokaal netwerken bouwt: vrijwilligers, initiatiefnemers, "
            "ambtenaren, fondsen en professionals. Na een plenaire lezing over de kracht van "
            "informele netwerken volgen twee rondes met workshops en open spaces. Kom als "
            "netwerkduo (een professional en een vrijwilliger samen) en maak dates met "
            "mensen die je verder helpen. Neem je petjes mee!"
        ),
        venue="Theater Odeon",
        address="Blijmarkt 25",
        municipality=zwolle,
        starts_at=_at(day, 13, 0),
        ends_at=_at(day, 17, 30),
        capacity=220,
        status=Event.Status.PUBLISHED,
        duos_welcome=True,
    )
    W, OS, P = Session.Kind.WORKSHOP, Session.Kind.OPEN_SPACE, Session.Kind.PLENARY
    _round(
        manifestation,
        "Plenair",
        _at(day, 13, 0),
        60,
        [(P, "Lezing: maatschappelijke kracht ontketenen", "Roelof Hortulanus", None, [])],
    )
    _round(
        manifestation,
        "Ronde 1",
        _at(day, 14, 15),
        60,
        [
            (W, "De kracht van het informele initiatief", "Roelof Hortulanus", 40, ["deelname"]),
            (W, "Werken met een lerende gemeenschap", "Gemeente Hellendoorn", 20, ["samen_doen"]),
            (W, "Een ideeënbrouwerij met Makers en Doeners", "GoudaBruist", 25, ["binding"]),
            (
                W,
                "Crowdfunding voor maatschappelijke initiatieven",
                "Greenwish",
                25,
                ["organisatie"],
            ),
            (OS, "Twitter verbindt ondernemende mensen", "", 20, ["binding"]),
        ],
    )
    _round(
        manifestation,
        "Ronde 2",
        _at(day, 15, 30),
        60,
        [
            (W, "De praktijk van het verbinden", "Ideeënmakelaar gemeente Zwolle", 25, ["opgave"]),
            (W, "Economie in eigen hand", "", 25, ["waarde"]),
            (W, "Vindingrijke verenigingen", "", 25, ["organisatie"]),
            (OS, "Hoe komen eigenwijze netwerken aan geld?", "", 30, ["verankering"]),
        ],
    )
    return manifestation


def _rolling_stones(organiser) -> Event:
    """The RollingStones series: one visit in the past, one to come. Gives the past one.

    Long because it is data: the texts a visitor of the demo reads."""
    stones, _ = Series.objects.update_or_create(
        slug="rollingstones",
        defaults={
            "name": "RollingStones",
            "description": (
                "Communitybuilders komen steeds bij een ander lokaal netwerk op bezoek en "
                "wisselen uit wat werkt."
            ),
        },
    )
    stones.organisers.add(organiser)
    leiden = _host(
        "stadslab-leiden",
        "Stadslab Leiden",
        "Leiden",
        "Een stedelijk netwerk van Leidenaren dat ideeën voor de stad waarmaakt.",
    )
    makassar = _host(
        "makassarplein-community",
        "Makassarplein Community",
        "Amsterdam",
        "Buurtbewoners die samen het plein en de buurt vormgeven.",
    )
    past = _event(
        "rollingstone-stadslab-leiden",
        organiser,
        themes=["participatie"],
        series=stones,
        kind=Event.Kind.ROLLING_STONE,
        title="RollingStone: trekkracht en veerkracht",
        description=(
            "Vijftien communitybuilders delen hoe je als netwerk samenwerkt met gemeente en "
            "instellingen zonder je eigen koers kwijt te raken."
        ),
        host_initiative=leiden,
        venue="De Nieuwe Energie",
        municipality=Municipality.objects.get(name="Leiden"),
        starts_at=_at(-30, 13),
        ends_at=_at(-30, 17),
        capacity=15,
        status=Event.Status.FINISHED,
    )
    _event(
        "rollingstone-makassarplein",
        organiser,
        themes=["participatie", "inclusie"],
        series=stones,
        kind=Event.Kind.ROLLING_STONE,
        title="RollingStone: Civil Society at Crossroads",
        description=(
            "Wat hebben vrijwilligerscentrales en lokale netwerken aan elkaar? Met een "
            "vergelijking van de Makassarplein Community met netwerken in andere landen."
        ),
        host_initiative=makassar,
        venue="Makassarplein",
        municipality=Municipality.objects.get(name="Amsterdam"),
        starts_at=_at(35, 11),
        ends_at=_at(35, 15),
        capacity=25,
        status=Event.Status.PUBLISHED,
    )
    return past


def _evaluations(past: Event) -> None:
    """Attendance and evaluations of the past RollingStone, so its results page has data."""
    ratings = ["good", "good", "sufficient", "mediocre"]
    for index, email in enumerate(
        ["initiatiefnemer@demo.nl", "netwerk@demo.nl", "partner@demo.nl", "gemeente@demo.nl"]
    ):
        registration, _ = Registration.objects.get_or_create(
            event=past,
            user=demo_person(email),
            defaults={"status": Registration.Status.CONFIRMED, "hats_today": ["verbinder"]},
        )
        Evaluation.objects.get_or_create(
            registration=registration,
            defaults={
                "information_beforehand": "good",
                "plenary": ratings[index],
                "takeaway": ["Inspiratie", "Nieuwe contacten", "Een goed gevoel", ""][index],
                "submitted_at": past.ends_at,
                "invited_at": past.ends_at,
            },
        )


def _learning_circle(organiser) -> None:
    """A closed learning circle by invitation, with two meetings."""
    circle, _ = Series.objects.update_or_create(
        slug="leerkring-hellendoorn",
        defaults={
            "name": "Leerkring Hellendoorn Samen",
            "is_closed": True,
            "description": (
                "Een lerende gemeenschap van 10–15 mensen rond één gezamenlijk vraagstuk."
            ),
        },
    )
    circle.organisers.add(organiser)
    for email in ["initiatiefnemer@demo.nl", "netwerk@demo.nl", "gemeente@demo.nl"]:
        SeriesInvitation.objects.get_or_create(series=circle, email=email)
    for number, days in [(1, 14), (2, 56)]:
        _event(
            f"leerkring-hellendoorn-{number}",
            organiser,
            series=circle,
            kind=Event.Kind.LEARNING_CIRCLE,
            title=f"Leerkring Hellendoorn, bijeenkomst {number}",
            description="Praktijkervaringen terugkoppelen en elkaar verder helpen.",
            venue="Dorpshuis",
            municipality=Municipality.objects.get(name="Hellendoorn"),
            starts_at=_at(days, 19, 30),
            ends_at=_at(days, 21, 30),
            capacity=15,
            status=Event.Status.PUBLISHED,
            invitation_only=True,
        )


def load() -> list[tuple[str, str]]:
    organiser = demo_person("organisator@demo.nl")
    manifestation = _manifestation(organiser)
    past = _rolling_stones(organiser)
    _register_demo_people(manifestation)
    _evaluations(past)
    _learning_circle(organiser)
    return [("organisator", "organisator@demo.nl")]


registry.register_demo_loader(registry.DemoLoader(key="bijeenkomsten", load=load, order=60))
