"""Deterministic, realistic-looking Dutch data at scale: the one generator behind
``manage.py generate_fake``, the directory, load and matching benchmarks.

Bulk inserts throughout: 50,000 initiatives must take tens of seconds, not an hour.
The same ``seed`` always gives the same data, so benchmark runs are comparable. Every
third organisation is a fund (its schemes come last); the others are partners with
themes and offers, so matching has something to find in every direction.
"""

import random
from collections.abc import Iterable
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
PARTNER_WORDS = ["Welzijn", "Woonstichting", "Gemeente", "Bedrijf"]


def _tag(model, themes_by_pk: dict[int, Iterable[Tag]]) -> None:
    """Themes for many objects of one model, in bulk."""
    content_type = ContentType.objects.get_for_model(model)
    TaggedItem.objects.bulk_create(
        [
            TaggedItem(tag=tag, content_type=content_type, object_id=pk)
            for pk, tags in themes_by_pk.items()
            for tag in tags
        ],
        batch_size=5000,
    )


def _initiative(rng: random.Random, n: int, seed: int, municipalities: list[int], now):
    """One unsaved initiative with a Dutch name, pitch and description."""
    name = f"{rng.choice(PREFIXES)}{rng.choice(SUBJECTS)} {n}"
    group, activity = rng.choice(GROUPS), rng.choice(ACTIVITIES)
    return Initiative(
        kind=Initiative.Kind.NETWORK if rng.random() < 0.15 else Initiative.Kind.INITIATIVE,
        name=name,
        slug=f"{slugify(name)}-{seed}",
        pitch=f"{group.capitalize()} {activity}.",
        description=f"Wij zijn {group} die samen {activity}. "
        f"We zoeken mensen die mee willen doen en partners die ons verder helpen.",
        municipality_id=rng.choice(municipalities),
        stage=rng.choice(Stage.values),
        legal_form=rng.choice(LegalForm.values),
        contact_email=f"contact{n}@voorbeeld.invalid",
        visibility=Initiative.Visibility.PUBLIC
        if rng.random() < 0.9
        else Initiative.Visibility.DRAFT,
        created_at=now - timezone.timedelta(minutes=n),
    )


def _needs_and_offers(rng: random.Random, initiative: Initiative, kinds: list[str]):
    """One to three needs (money with an amount) and, for most, one offer."""
    needs, offers = [], []
    for kind in rng.sample(kinds, rng.randint(1, 3)):
        amount = (
            Decimal(rng.choice([500, 1000, 2500, 5000, 7500, 15000, 40000]))
            if kind == "money"
            else None
        )
        needs.append(
            Need(initiative=initiative, kind=kind, description=NEED_TEXTS[kind], amount=amount)
        )
    if rng.random() < 0.6:
        kind = rng.choice(kinds)
        offers.append(Offer(initiative=initiative, kind=kind, description=NEED_TEXTS[kind]))
    return needs, offers


def _initiatives(rng: random.Random, count: int, seed: int, tags: list[Tag]) -> list[int]:
    """Initiatives with themes, needs and offers; their search terms are filled in."""
    municipalities = list(Municipality.objects.order_by("code").values_list("pk", flat=True))
    kinds = [k for k, _label in ResourceKind.choices if k != "fiscal_host"]
    now, start = timezone.now(), Initiative.objects.count()
    rows = [_initiative(rng, n, seed, municipalities, now) for n in range(start, start + count)]
    created = Initiative.objects.bulk_create(rows, batch_size=2000)
    themes, needs, offers = {}, [], []
    for initiative in created:
        themes[initiative.pk] = rng.sample(tags, rng.randint(1, 3))
        its_needs, its_offers = _needs_and_offers(rng, initiative, kinds)
        needs += its_needs
        offers += its_offers
    _tag(Initiative, themes)
    Need.objects.bulk_create(needs, batch_size=5000)
    Offer.objects.bulk_create(offers, batch_size=5000)
    ids = [initiative.pk for initiative in created]
    for begin in range(0, len(ids), 5000):
        services.initiative_search_refresh(ids=ids[begin : begin + 5000])
    return ids


def _organisation(rng: random.Random, n: int, seed: int) -> Organisation:
    """One unsaved approved organisation: every third a fund, the others partners."""
    fund = n % 3 == 0
    word = rng.choice(FUND_WORDS) if fund else rng.choice(PARTNER_WORDS)
    name = f"{word} {rng.choice(PREFIXES)}{rng.choice(SUBJECTS)} {n}"
    return Organisation(
        kind=Organisation.Kind.FUND if fund else rng.choice(Organisation.Kind.values[1:]),
        name=name,
        slug=f"{slugify(name)}-{seed}",
        description=f"Wij steunen {rng.choice(GROUPS)} die {rng.choice(ACTIVITIES)}.",
        email=f"organisatie{n}@voorbeeld.invalid",
        scope=rng.choice([Scope.NATIONAL, Scope.PROVINCES, Scope.MUNICIPALITIES]),
        status=Organisation.Status.APPROVED,
    )


def _regions(rng: random.Random, orgs: list[Organisation]) -> None:
    """Provinces or municipalities for the organisations with a regional scope."""
    municipalities = list(Municipality.objects.order_by("code").values_list("pk", flat=True))
    provinces = list(Province.objects.order_by("pk").values_list("pk", flat=True))
    province_links, municipality_links = [], []
    for org in orgs:
        if org.scope == Scope.PROVINCES:
            province_links += [
                Organisation.provinces.through(organisation_id=org.pk, province_id=pk)
                for pk in rng.sample(provinces, 2)
            ]
        elif org.scope == Scope.MUNICIPALITIES:
            municipality_links += [
                Organisation.municipalities.through(organisation_id=org.pk, municipality_id=pk)
                for pk in rng.sample(municipalities, 5)
            ]
    Organisation.provinces.through.objects.bulk_create(province_links, batch_size=5000)
    Organisation.municipalities.through.objects.bulk_create(municipality_links, batch_size=5000)


def _organisations(rng: random.Random, count: int, seed: int, tags: list[Tag]):
    """Organisations with their regions; partners also get themes and offers."""
    start = Organisation.objects.count()
    rows = [_organisation(rng, n, seed) for n in range(start, start + count)]
    orgs = Organisation.objects.bulk_create(rows, batch_size=2000)
    _regions(rng, orgs)
    partners = [org for org in orgs if org.kind != Organisation.Kind.FUND]
    _tag(Organisation, {org.pk: rng.sample(tags, rng.randint(1, 3)) for org in partners})
    kinds = [k for k in ResourceKind.values if k != "money"]
    Offer.objects.bulk_create(
        [
            Offer(organisation=org, kind=kind, description=NEED_TEXTS[kind])
            for org in partners
            for kind in rng.sample(kinds, rng.randint(1, 3))
        ],
        batch_size=5000,
    )
    return orgs


def _schemes(rng: random.Random, count: int, funds: list[Organisation], tags: list[Tag]):
    """Funding schemes spread over the funds, with amounts, stages and themes."""
    rows = []
    for n in range(count if funds else 0):
        low = rng.choice([250, 500, 1000, 2500, 5000])
        rows.append(
            FundingScheme(
                organisation=rng.choice(funds),
                name=f"Regeling {rng.choice(SUBJECTS)} {n}",
                description="Voor initiatieven die de buurt sterker maken.",
                min_amount=Decimal(low),
                max_amount=Decimal(low * rng.choice([4, 10, 20])),
                requires_legal_entity=rng.random() < 0.4,
                eligible_stages=rng.sample(Stage.values, rng.randint(0, 3)),
            )
        )
    made = FundingScheme.objects.bulk_create(rows, batch_size=2000)
    themes = {scheme.pk: rng.sample(tags, rng.randint(1, 3)) for scheme in made}
    _tag(FundingScheme, themes)
    _state_main_subjects(made, themes)
    return made


def _state_main_subjects(schemes: list[FundingScheme], themes: dict) -> None:
    """Half the schemes state one of their themes as their main subject, as funds do
    on the scheme form (its own random stream: the rest of the data stays the same)."""
    pick = random.Random(len(schemes))
    for scheme in schemes:
        if pick.random() < 0.5:
            scheme.main_themes = [pick.choice(themes[scheme.pk]).name]
    FundingScheme.objects.bulk_update(schemes, ["main_themes"], batch_size=2000)


def generate(
    *, initiatives: int, organisations: int, schemes: int, seed: int = 1
) -> dict[str, int | list[int]]:
    """Add the requested numbers in one transaction; the counts made, and the new
    initiatives' ids (benchmarks pick samples from them)."""
    rng = random.Random(seed)
    tags = [
        Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
        for name in CURATED_THEMES
    ]
    with transaction.atomic():
        initiative_ids = _initiatives(rng, initiatives, seed, tags)
        orgs = _organisations(rng, organisations, seed, tags)
        funds = [org for org in orgs if org.kind == Organisation.Kind.FUND] or list(
            Organisation.objects.filter(kind=Organisation.Kind.FUND)
        )
        made_schemes = _schemes(rng, schemes, funds, tags)
    return {
        "initiatives": len(initiative_ids),
        "organisations": len(orgs),
        "schemes": len(made_schemes),
        "initiative_ids": initiative_ids,
    }
