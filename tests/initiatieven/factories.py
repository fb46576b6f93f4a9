import factory

from initiatieven.models import (
    FundingScheme,
    Initiative,
    Membership,
    Need,
    Offer,
    Organisation,
    OrganisationMember,
)
from netwerkplatform.core.models import Municipality
from tests.core.factories import UserFactory


def _municipality(name: str = "Gouda") -> Municipality:
    return Municipality.objects.get(name=name)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Buurtinitiatief {n}")
    slug = factory.Sequence(lambda n: f"buurtinitiatief-{n}")
    pitch = "Samen de buurt groener en gezelliger maken."
    description = "Bewoners ontmoeten elkaar in de moestuin en helpen elkaar met klussen."
    municipality = factory.LazyFunction(_municipality)
    contact_email = factory.Sequence(lambda n: f"contact{n}@initiatief.nl")
    visibility = Initiative.Visibility.PUBLIC

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)

    @factory.post_generation
    def initiator(obj, create, extracted, **kwargs):
        """``InitiativeFactory(initiator=user)`` makes that person its initiator."""
        if create and extracted:
            Membership.objects.create(
                initiative=obj, user=extracted, role=Membership.Role.INITIATOR
            )


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    initiative = factory.SubFactory(InitiativeFactory)
    kind = "money"
    description = "Geld voor gereedschap"
    amount = 2500


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    kind = Organisation.Kind.FUND
    name = factory.Sequence(lambda n: f"Fonds {n}")
    slug = factory.Sequence(lambda n: f"fonds-{n}")
    description = "Een fonds dat bewonersinitiatieven steunt."
    email = factory.Sequence(lambda n: f"info{n}@fonds.nl")
    status = Organisation.Status.APPROVED

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)

    @factory.post_generation
    def member(obj, create, extracted, **kwargs):
        if create and extracted:
            OrganisationMember.objects.create(
                organisation=obj, user=extracted, role=OrganisationMember.Role.ADMIN
            )


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    organisation = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.WELFARE)
    kind = "space"
    description = "Een zaal voor bijeenkomsten"


class FundingSchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingScheme
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Regeling {n}")
    description = "Bijdrage voor initiatieven die de buurt versterken."
    min_amount = 1000
    max_amount = 5000

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)


__all__ = ["UserFactory"]
