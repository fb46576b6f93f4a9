"""Deterministic generated data for the matching benchmark, written with bulk_create.

``generate(initiatives=20_000, schemes=2_000, partners=3_000, seed=2012)`` builds the
issue's sizes in about a minute: Dutch-looking texts from the seeds' vocabulary,
curated themes, needs and offers of every kind, funds with regional schemes.
"""

import random
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from taggit.models import Tag, TaggedItem

from initiatieven.models import FundingScheme, Initiative, Need, Offer, Organisation
from netwerkplatform.core.models import Municipality, Province
from netwerkplatform.core.vocabulary import CURATED_THEMES, ResourceKind

WORDS = [
    "buurt",
    "bewoners",
    "moestuin",
    "ontmoeting",
    "ouderen",
    "jongeren",
    "energie",
    "zonnepanelen",
    "wonen",
    "huurders",
    "eenzaamheid",
    "vrijwilligers",
    "netwerk",
    "initiatief",
    "cultuur",
    "muziek",
    "theater",
    "sport",
    "bewegen",
    "voedsel",
    "voedselbank",
    "armoede",
    "schulden",
    "taal",
    "inburgering",
    "werk",
    "ondernemers",
    "stadslandbouw",
    "groen",
    "bomen",
    "speeltuin",
    "school",
    "kinderen",
    "zorg",
    "mantelzorg",
    "dementie",
    "welzijn",
    "gezondheid",
    "fiets",
    "mobiliteit",
    "repaircafe",
    "kringloop",
    "duurzaamheid",
    "klimaat",
    "water",
    "wijkcentrum",
    "buurthuis",
    "bibliotheek",
    "kunst",
    "crowdfunding",
    "lerende",
    "gemeenschap",
    "ideeenbrouwerij",
    "makers",
    "doeners",
    "verbinden",
    "samen",
    "doen",
]
STAGES = ["idea", "start", "growth", "consolidation"]
LEGAL = ["informal", "informal", "foundation", "association", "cooperative"]
KINDS = list(ResourceKind.values)
ORG_KINDS = ["welfare", "housing", "municipality", "business", "association", "education"]


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _tag(model, themes_by_object, tags):
    content_type = ContentType.objects.get_for_model(model)
    TaggedItem.objects.bulk_create(
        [
            TaggedItem(content_type=content_type, object_id=pk, tag=tags[name])
            for pk, names in themes_by_object.items()
            for name in names
        ],
        batch_size=5000,
    )


@transaction.atomic
def generate(
    *, initiatives: int = 20_000, schemes: int = 2_000, partners: int = 3_000, seed: int = 2012
) -> dict:
    rng = random.Random(seed)
    tags = {name: Tag.objects.get_or_create(name=name)[0] for name in CURATED_THEMES}
    munis = list(Municipality.objects.order_by("pk"))
    provinces = list(Province.objects.order_by("pk"))
    prefix = f"bench{seed}"

    made = Initiative.objects.bulk_create(
        [
            Initiative(
                name=f"Initiatief {i} {_text(rng, 2)}",
                slug=f"{prefix}-initiatief-{i}",
                pitch=_text(rng, 12),
                description=_text(rng, rng.randint(0, 40)),
                municipality=rng.choice(munis),
                stage=rng.choice(STAGES),
                legal_form=rng.choice(LEGAL),
                contact_email=f"i{i}@{prefix}.example",
                visibility=Initiative.Visibility.PUBLIC,
            )
            for i in range(initiatives)
        ],
        batch_size=2000,
    )
    _tag(Initiative, {x.pk: rng.sample(CURATED_THEMES, rng.randint(0, 3)) for x in made}, tags)
    needs, offers = [], []
    for x in made:
        for kind in rng.sample(KINDS[:-1], rng.randint(0, 3)):
            amount = Decimal(rng.randrange(250, 20_000, 250)) if kind == "money" else None
            needs.append(Need(initiative=x, kind=kind, description=_text(rng, 6), amount=amount))
        for kind in rng.sample(KINDS[1:-1], rng.randint(0, 2)):
            offers.append(Offer(initiative=x, kind=kind, description=_text(rng, 6)))
    Need.objects.bulk_create(needs, batch_size=5000)

    def organisation(i, kind):
        scope = rng.choice(["national", "provinces", "provinces", "municipalities"])
        return Organisation(
            kind=kind,
            name=f"{'Fonds' if kind == 'fund' else 'Partner'} {i}",
            slug=f"{prefix}-{kind}-{i}",
            description=_text(rng, 20),
            email=f"o{kind}{i}@{prefix}.example",
            scope=scope,
            status=Organisation.Status.APPROVED,
        )

    funds = Organisation.objects.bulk_create(
        [organisation(i, "fund") for i in range(max(schemes // 4, 1))], batch_size=2000
    )
    helpers = Organisation.objects.bulk_create(
        [organisation(i, rng.choice(ORG_KINDS)) for i in range(partners)], batch_size=2000
    )
    province_links, muni_links = [], []
    for org in funds + helpers:
        if org.scope == "provinces":
            for p in rng.sample(provinces, rng.randint(1, 2)):
                province_links.append(
                    Organisation.provinces.through(organisation_id=org.pk, province_id=p.pk)
                )
        elif org.scope == "municipalities":
            for m in rng.sample(munis, rng.randint(1, 5)):
                muni_links.append(
                    Organisation.municipalities.through(
                        organisation_id=org.pk, municipality_id=m.pk
                    )
                )
    Organisation.provinces.through.objects.bulk_create(province_links, batch_size=5000)
    Organisation.municipalities.through.objects.bulk_create(muni_links, batch_size=5000)
    _tag(Organisation, {o.pk: rng.sample(CURATED_THEMES, rng.randint(1, 3)) for o in helpers}, tags)
    for org in helpers:
        for kind in rng.sample(KINDS[1:], rng.randint(1, 3)):
            offers.append(Offer(organisation=org, kind=kind, description=_text(rng, 8)))
    Offer.objects.bulk_create(offers, batch_size=5000)

    made_schemes = []
    for i in range(schemes):
        low = rng.choice([None, 500, 1000, 2500])
        made_schemes.append(
            FundingScheme(
                organisation=funds[i % len(funds)],
                name=f"Regeling {i} {_text(rng, 2)}",
                description=_text(rng, 30),
                min_amount=low,
                max_amount=(low or 0) + rng.choice([5000, 10_000, 25_000]),
                requires_legal_entity=rng.random() < 0.5,
                eligible_stages=rng.sample(STAGES, rng.randint(0, 3)),
            )
        )
    made_schemes = FundingScheme.objects.bulk_create(made_schemes, batch_size=2000)
    _tag(
        FundingScheme,
        {s.pk: rng.sample(CURATED_THEMES, rng.randint(1, 3)) for s in made_schemes},
        tags,
    )
    return {
        "initiatives": [x.pk for x in made],
        "schemes": len(made_schemes),
        "partners": len(helpers),
    }
