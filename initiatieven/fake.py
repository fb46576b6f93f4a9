"""Deterministic, realistic-looking Dutch data at scale (for benchmarks and load tests).

Bulk inserts throughout: 50,000 initiatives must take tens of seconds, not an hour.
The same ``seed`` always gives the same data, so benchmark runs are comparable.
"""

import random
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from initiatieven import services
from initiatieven.models import (
    FundingScheme,
    Initiative,
    LegalForm,
    Need,
    Offer,
    Organisation,
    Scope,
    Stage,
)
from netwerkplatform.core.models import Municipality, Province
from netwerkplatform.core.vocabulary import CURATED_THEMES, ResourceKind

PREFIXES = [
    "Buurt",
    "Wijk",
    "Samen",
    "Groen",
    "Stads",
    "Dorps",
    "Jong",
    "Zorgzaam",
    "Duurzaam",
    "Open",
]
SUBJECTS = [
    "moestuin",
    "kamer",
    "café",
    "werkplaats",
    "bieb",
    "tafel",
    "netwerk",
    "coöperatie",
    "podium",
    "sportclub",
    "energie",
    "voedselbos",
    "repaircafé",
    "taalhuis",
    "klusbus",
    "speeltuin",
    "fietsmaatjes",
    "buurtkeuken",
    "kunstroute",
    "huiskamer",
]
ACTIVITIES = [
    "ontmoeten elkaar wekelijks",
    "kweken groente voor de voedselbank",
    "repareren kapotte spullen",
    "helpen nieuwkomers met de taal",
    "organiseren maaltijden voor ouderen",
    "leggen zonnepanelen",
    "beheren een gedeelde tuin",
    "doen klussen voor buren",
    "maken muziek met jongeren",
    "delen gereedschap en kennis",
    "bewegen samen in het park",
    "ondersteunen mantelzorgers",
]
GROUPS = ["bewoners", "ouders", "jongeren", "ouderen", "ondernemers", "vrijwilligers", "studenten"]
NEED_TEXTS = {
    "money": "Een bijdrage voor materialen en activiteiten",
    "knowledge": "Advies over financiering en organisatie",
    "people": "Vrijwilligers die een paar uur per week helpen",
    "space": "Een ruimte voor wekelijkse bijeenkomsten",
    "materials": "Gereedschap en materialen",
    "network": "Contacten met de gemeente en instellingen",
    "organising_power": "Iemand die de planning op zich neemt",
    "fiscal_host": "Een penvoerder voor een aanvraag",
}
FUND_WORDS = ["Fonds", "Stichting", "Steunfonds", "Buurtfonds", "Initiatievenfonds"]


def generate(
    *, initiatives: int, organisations: int, schemes: int, seed: int = 1
) -> dict[str, int]:
    rng = random.Random(seed)
    municipalities = list(Municipality.objects.order_by("code").values_list("pk", flat=True))
    provinces = list(Province.objects.order_by("pk").values_list("pk", flat=True))
    tags = {
        name: Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
        for name in CURATED_THEMES
    }
    tag_list = list(tags.values())
    kinds = [k for k, _label in ResourceKind.choices if k != "fiscal_host"]
    stages, legal_forms = Stage.values, LegalForm.values
    now = timezone.now()
    start = Initiative.objects.count()

    with transaction.atomic():
        rows = []
        for n in range(start, start + initiatives):
            name = f"{rng.choice(PREFIXES)}{rng.choice(SUBJECTS)} {n}"
            group, activity = rng.choice(GROUPS), rng.choice(ACTIVITIES)
            rows.append(
                Initiative(
                    kind=Initiative.Kind.NETWORK
                    if rng.random() < 0.15
                    else Initiative.Kind.INITIATIVE,
                    name=name,
                    slug=f"{slugify(name)}-{seed}",
                    pitch=f"{group.capitalize()} {activity}.",
                    description=f"Wij zijn {group} die samen {activity}. "
                    f"We zoeken mensen die mee willen doen en partners die ons verder helpen.",
                    municipality_id=rng.choice(municipalities),
                    stage=rng.choice(stages),
                    legal_form=rng.choice(legal_forms),
                    contact_email=f"contact{n}@voorbeeld.invalid",
                    visibility=Initiative.Visibility.PUBLIC
                    if rng.random() < 0.9
                    else Initiative.Visibility.DRAFT,
                    created_at=now - timezone.timedelta(minutes=n),
                )
            )
        created = Initiative.objects.bulk_create(rows, batch_size=2000)
        content_type = ContentType.objects.get_for_model(Initiative)
        tagged, needs, offers = [], [], []
        for initiative in created:
            for tag in rng.sample(tag_list, rng.randint(1, 3)):
                tagged.append(
                    TaggedItem(tag=tag, content_type=content_type, object_id=initiative.pk)
                )
            for kind in rng.sample(kinds, rng.randint(1, 3)):
                amount = (
                    Decimal(rng.choice([500, 1000, 2500, 5000, 7500, 15000, 40000]))
                    if kind == "money"
                    else None
                )
                needs.append(
                    Need(
                        initiative=initiative,
                        kind=kind,
                        description=NEED_TEXTS[kind],
                        amount=amount,
                    )
                )
            if rng.random() < 0.6:
                kind = rng.choice(kinds)
                offers.append(Offer(initiative=initiative, kind=kind, description=NEED_TEXTS[kind]))
        TaggedItem.objects.bulk_create(tagged, batch_size=5000)
        Need.objects.bulk_create(needs, batch_size=5000)
        Offer.objects.bulk_create(offers, batch_size=5000)
        ids = [initiative.pk for initiative in created]
        for begin in range(0, len(ids), 5000):
            services.initiative_search_refresh(ids=ids[begin : begin + 5000])

        org_start = Organisation.objects.count()
        org_rows = []
        for n in range(org_start, org_start + organisations):
            fund = n % 3 == 0
            word = (
                rng.choice(FUND_WORDS)
                if fund
                else rng.choice(["Welzijn", "Woonstichting", "Gemeente", "Bedrijf"])
            )
            name = f"{word} {rng.choice(PREFIXES)}{rng.choice(SUBJECTS)} {n}"
            org_rows.append(
                Organisation(
                    kind=Organisation.Kind.FUND
                    if fund
                    else rng.choice(Organisation.Kind.values[1:]),
                    name=name,
                    slug=f"{slugify(name)}-{seed}",
                    description=f"Wij steunen {rng.choice(GROUPS)} die {rng.choice(ACTIVITIES)}.",
                    scope=rng.choice([Scope.NATIONAL, Scope.PROVINCES, Scope.MUNICIPALITIES]),
                    status=Organisation.Status.APPROVED,
                )
            )
        orgs = Organisation.objects.bulk_create(org_rows, batch_size=2000)
        province_links, municipality_links = [], []
        for org in orgs:
            if org.scope == Scope.PROVINCES:
                for pk in rng.sample(provinces, 2):
                    province_links.append(
                        Organisation.provinces.through(organisation_id=org.pk, province_id=pk)
                    )
            elif org.scope == Scope.MUNICIPALITIES:
                for pk in rng.sample(municipalities, 5):
                    municipality_links.append(
                        Organisation.municipalities.through(
                            organisation_id=org.pk, municipality_id=pk
                        )
                    )
        Organisation.provinces.through.objects.bulk_create(province_links)
        Organisation.municipalities.through.objects.bulk_create(municipality_links)

        funds = [org for org in orgs if org.kind == Organisation.Kind.FUND] or list(
            Organisation.objects.filter(kind=Organisation.Kind.FUND)
        )
        scheme_rows = []
        for n in range(schemes if funds else 0):
            low = rng.choice([250, 500, 1000, 2500, 5000])
            scheme_rows.append(
                FundingScheme(
                    organisation=rng.choice(funds),
                    name=f"Regeling {rng.choice(SUBJECTS)} {n}",
                    description="Voor initiatieven die de buurt sterker maken.",
                    min_amount=Decimal(low),
                    max_amount=Decimal(low * rng.choice([4, 10, 20])),
                    requires_legal_entity=rng.random() < 0.4,
                    eligible_stages=rng.sample(stages, rng.randint(0, 3)),
                )
            )
        FundingScheme.objects.bulk_create(scheme_rows, batch_size=2000)
    return {"initiatives": len(created), "organisations": len(orgs), "schemes": len(scheme_rows)}
