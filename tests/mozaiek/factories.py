import datetime

import factory
from django.utils import timezone

from initiatieven.models import Initiative, Membership
from initiatieven.mozaiek.catalogue import catalogue
from initiatieven.mozaiek.models import Answer, Assessment, Invitation, Response
from tests.core.factories import UserFactory
from tests.initiatieven.factories import InitiativeFactory


class NetworkFactory(InitiativeFactory):
    kind = Initiative.Kind.NETWORK


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    initiative = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Ronde {n}")
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    assessment = factory.SubFactory(AssessmentFactory)
    email = factory.Sequence(lambda n: f"partner{n}@example.nl")


def coordinator_of(initiative, **kwargs):
    user = UserFactory(verified=True, **kwargs)
    Membership.objects.create(initiative=initiative, user=user, role=Membership.Role.INITIATOR)
    return user


def member_of(initiative, role=Membership.Role.MEMBER, **kwargs):
    user = UserFactory(verified=True, **kwargs)
    Membership.objects.create(initiative=initiative, user=user, role=role)
    return user


def submitted_response(
    assessment,
    value=4,
    *,
    values=None,
    comment="",
    partner_kind="kern",
    is_coordinator=False,
    submitted=True,
    show_name=False,
    display_name="",
):
    """A response with every statement answered: ``value`` for all, or ``values`` per
    block key (None = "weet ik niet")."""
    invitation = InvitationFactory(assessment=assessment)
    response = Response.objects.create(
        invitation=invitation,
        assessment=assessment,
        partner_kind=partner_kind,
        is_coordinator=is_coordinator,
        show_name=show_name,
        display_name=display_name,
        submitted_at=timezone.now() if submitted else None,
    )
    for block in catalogue(assessment.catalogue_version).blocks:
        block_value = (values or {}).get(block.key, value)
        for statement in block.statements:
            Answer.objects.create(
                response=response,
                statement_key=statement.key,
                value=block_value,
                comment=comment,
            )
    return response
