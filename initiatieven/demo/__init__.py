"""Demo initiatives, funds and partners for `manage.py load_demo`.

Names and facts come from the seed documents (GoudaBruist, Stadslab Leiden, Wikistad,
De Kunst van het Delen, Timorplein Community, the Smederijen van Hoogeveen, the funds of
seed 004 and of the Samen Doen! newspaper); every text is written in our own words and
amounts and dates are invented for the demo. Idempotent: everything is keyed on slugs.

The data lives in ``initiatives.py``, ``funds.py`` and ``partners.py``; this module
loads it and registers the loader with core (imported from ``InitiatievenConfig.ready``).
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from initiatieven import services
from initiatieven.demo.funds import FUNDS
from initiatieven.demo.initiatives import INITIATIVES
from initiatieven.demo.partners import PARTNERS
from initiatieven.models import (
    FundingScheme,
    Initiative,
    Membership,
    Need,
    Offer,
    Organisation,
    OrganisationMember,
)
from netwerkplatform.core import registry
from netwerkplatform.core.demo import demo_person
from netwerkplatform.core.models import Municipality, Province


def _place(name: str) -> Municipality:
    return Municipality.objects.get(name=name)


def _set_region(obj, scope: str, regions: list[str]) -> None:
    obj.provinces.set(Province.objects.filter(name__in=regions) if scope == "provinces" else [])
    obj.municipalities.set(
        Municipality.objects.filter(name__in=regions) if scope == "municipalities" else []
    )


def _load_initiatives() -> list[int]:
    ids = []
    now = timezone.now()
    for age, row in enumerate(INITIATIVES):
        name, place, kind, stage, legal, themes, pitch, description, needs, offers, initiator = row
        initiative, _ = Initiative.objects.update_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "kind": kind,
                "stage": stage,
                "legal_form": legal,
                "pitch": pitch,
                "description": description,
                "municipality": _place(place),
                "contact_email": f"contact@{slugify(name)}.example",
                "visibility": Initiative.Visibility.PUBLIC,
                "created_at": now - datetime.timedelta(days=3 * age + 1),
            },
        )
        initiative.themes.set(themes)
        initiative.needs.all().delete()
        initiative.offers.all().delete()
        Need.objects.bulk_create(
            Need(initiative=initiative, kind=k, description=d, amount=Decimal(a) if a else None)
            for k, d, a in needs
        )
        Offer.objects.bulk_create(
            Offer(initiative=initiative, kind=k, description=d) for k, d in offers
        )
        Membership.objects.update_or_create(
            initiative=initiative,
            user=demo_person(initiator),
            defaults={"role": Membership.Role.INITIATOR, "show_on_profile": True},
        )
        ids.append(initiative.pk)
    return ids


def _load_organisation(
    name, kind, scope, regions, themes, description, email, member
) -> Organisation:
    organisation, _ = Organisation.objects.update_or_create(
        slug=slugify(name),
        defaults={
            "name": name,
            "kind": kind,
            "scope": scope,
            "description": description,
            "email": email,
            "status": Organisation.Status.APPROVED,
        },
    )
    organisation.themes.set(themes)
    _set_region(organisation, scope, regions)
    if member:
        OrganisationMember.objects.update_or_create(
            organisation=organisation,
            user=demo_person(member),
            defaults={"role": OrganisationMember.Role.ADMIN},
        )
    return organisation


def _load_offers(organisation: Organisation, offers) -> None:
    organisation.offers.all().delete()
    Offer.objects.bulk_create(
        Offer(organisation=organisation, kind=k, description=d) for k, d in offers
    )


@transaction.atomic
def load() -> list[tuple[str, str]]:
    ids = _load_initiatives()
    today = timezone.localdate()
    for name, scope, regions, themes, description, email, member, schemes, offers in FUNDS:
        fund = _load_organisation(name, "fund", scope, regions, themes, description, email, member)
        _load_offers(fund, offers)
        for scheme_name, text, low, high, legal, stages, closes_in, *main in schemes:
            scheme, _ = FundingScheme.objects.update_or_create(
                organisation=fund,
                name=scheme_name,
                defaults={
                    "description": text,
                    "min_amount": Decimal(low),
                    "max_amount": Decimal(high),
                    "requires_legal_entity": legal,
                    "eligible_stages": stages,
                    "is_active": True,
                    "closes_on": today + datetime.timedelta(days=closes_in) if closes_in else None,
                    "main_themes": main[0] if main else [],
                },
            )
            scheme.themes.set(themes[:2])  # a stated main subject is among them
    for name, kind, scope, regions, themes, description, email, member, offers in PARTNERS:
        partner = _load_organisation(name, kind, scope, regions, themes, description, email, member)
        _load_offers(partner, offers)
    services.initiative_search_refresh(ids=ids)
    return []


registry.register_demo_loader(registry.DemoLoader(key="initiatieven", load=load, order=20))
