"""Demo data: the GoudaBruist network with two finished rounds, so results, the
comparison with the previous round and the agenda all show (seed 000 mentions
GoudaBruist; the scores are invented)."""

import random
from datetime import timedelta

from django.utils import timezone

from initiatieven.models import Initiative, Membership
from initiatieven.mozaiek.catalogue import CURRENT_VERSION, catalogue
from initiatieven.mozaiek.models import Answer, Assessment, Invitation, PartnerKind, Response
from netwerkplatform.core import registry
from netwerkplatform.core.demo import demo_person
from netwerkplatform.core.models import Municipality

# Per block a typical score per round: the network grew stronger on "doing together"
# but worries about anchoring and organisation.
PROFILE = {
    1: {
        "opgave": 3.6,
        "waarde": 2.8,
        "samen_doen": 3.2,
        "verankering": 2.6,
        "deelname": 3.3,
        "binding": 3.9,
        "organisatie": 2.7,
    },
    2: {
        "opgave": 4.2,
        "waarde": 3.3,
        "samen_doen": 4.1,
        "verankering": 2.7,
        "deelname": 3.5,
        "binding": 4.3,
        "organisatie": 2.9,
    },
}
COMMENTS = {
    "verankering.invloed": "Bewoners weten vaak niet waar ze met hun ideeën terechtkunnen.",
    "organisatie.besluitvorming": "Besluiten vallen soms buiten het overleg; onduidelijk.",
    "waarde.gevolgd": "We tellen activiteiten, maar niet wat ze opleveren.",
    "organisatie.geld": "Wie betaalt de zaalhuur? Daar praten we elk jaar opnieuw over.",
}
PARTNERS = [
    ("partner@demo.nl", PartnerKind.CORE),
    ("wijkteam@goudabruist.example", PartnerKind.CORE),
    ("bibliotheek@goudabruist.example", PartnerKind.ADVISORY),
    ("woningcorporatie@goudabruist.example", PartnerKind.CORE),
    ("gemeente@demo.nl", PartnerKind.ADVISORY),
    ("buurtcentrum@goudabruist.example", PartnerKind.AMBASSADOR),
    ("netwerk@demo.nl", PartnerKind.CORE),
]


def _network() -> Initiative:
    network, _ = Initiative.objects.get_or_create(
        slug="goudabruist",
        defaults={
            "kind": Initiative.Kind.NETWORK,
            "name": "GoudaBruist",
            "pitch": "Bewonersinitiatieven, welzijn, bibliotheek en gemeente in Gouda, samen.",
            "description": (
                "GoudaBruist brengt initiatieven, professionals en fondsen bij elkaar "
                "op bruisende ontmoetingsplekken in de stad."
            ),
            "municipality": Municipality.objects.get(name="Gouda"),
            "contact_email": "netwerk@demo.nl",
            "visibility": Initiative.Visibility.PUBLIC,
        },
    )
    return network


def _fill_round(assessment: Assessment, number: int, people: list, seed: int) -> None:
    rng = random.Random(seed)
    cat = catalogue(assessment.catalogue_version)
    for index, (email, kind) in enumerate(people):
        invitation, _ = Invitation.objects.get_or_create(assessment=assessment, email=email)
        response, created = Response.objects.get_or_create(
            invitation=invitation,
            defaults={
                "assessment": assessment,
                "partner_kind": kind,
                "is_coordinator": email == "netwerk@demo.nl",
                "submitted_at": assessment.created_at + timedelta(days=index + 1),
                "show_name": index % 3 == 0,
                "display_name": email.split("@")[0].capitalize() if index % 3 == 0 else "",
            },
        )
        if not created:
            continue
        for block in cat.blocks:
            centre = PROFILE[number][block.key]
            for statement in block.statements:
                if rng.random() < 0.06:
                    value = None
                else:
                    value = max(1, min(5, round(rng.gauss(centre, 0.9))))
                comment = COMMENTS.get(statement.key, "") if value and value <= 2 else ""
                Answer.objects.create(
                    response=response, statement_key=statement.key, value=value, comment=comment
                )


def load() -> list[tuple[str, str]]:
    coordinator = demo_person("netwerk@demo.nl")
    network = _network()
    Membership.objects.get_or_create(
        initiative=network, user=coordinator, defaults={"role": Membership.Role.INITIATOR}
    )
    partner = demo_person("partner@demo.nl")
    Membership.objects.get_or_create(
        initiative=network, user=partner, defaults={"role": Membership.Role.MEMBER}
    )
    today = timezone.localdate()
    rounds = [
        (1, "Najaar 2025", today - timedelta(days=200), PARTNERS[:5]),
        (2, "Voorjaar 2026", today - timedelta(days=30), PARTNERS),
    ]
    for number, title, opened, people in rounds:
        assessment, _ = Assessment.objects.get_or_create(
            initiative=network,
            title=title,
            defaults={
                "deadline": opened + timedelta(days=21),
                "catalogue_version": CURRENT_VERSION,
                "status": Assessment.Status.CLOSED,
                "show_summary_on_profile": number == 2,
                "opened_by": coordinator,
                "created_at": timezone.now() - (today - opened),
                "closed_at": timezone.now() - (today - opened) + timedelta(days=22),
            },
        )
        _fill_round(assessment, number, people, seed=number)
    return []  # the coordinator (netwerk@demo.nl) is already listed by core


registry.register_demo_loader(registry.DemoLoader(key="mozaiek", load=load, order=70))
