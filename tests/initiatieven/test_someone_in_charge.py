"""A team and an organisation always keep someone in charge: the last initiator or
administrator cannot leave, be removed or be demoted until someone else takes over."""

import pytest

from initiatieven.models import Membership, OrganisationMember
from initiatieven.services import InitiativeError
from initiatieven.services.memberships import membership_remove
from initiatieven.services.organisations import (
    organisation_member_remove,
    organisation_member_set_role,
)
from tests.core.factories import UserFactory
from tests.initiatieven.factories import InitiativeFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_it_keeps_the_last_initiator_until_someone_takes_over():
    anna, bert = UserFactory(), UserFactory()
    initiative = InitiativeFactory(initiator=anna)
    mine = Membership.objects.get(initiative=initiative, user=anna)
    with pytest.raises(InitiativeError, match="Draag eerst de rol van initiatiefnemer over"):
        membership_remove(by=anna, membership=mine)
    Membership.objects.create(initiative=initiative, user=bert, role=Membership.Role.INITIATOR)
    membership_remove(by=anna, membership=mine)
    assert list(initiative.memberships.values_list("user", flat=True)) == [bert.pk]


def test_it_keeps_the_last_administrator_of_an_organisation():
    anna, bert = UserFactory(), UserFactory()
    organisation = OrganisationFactory(member=anna)
    admin = OrganisationMember.objects.get(organisation=organisation, user=anna)
    with pytest.raises(InitiativeError, match="Maak eerst iemand anders beheerder"):
        organisation_member_remove(by=anna, member=admin)
    with pytest.raises(InitiativeError, match="minstens één beheerder"):
        organisation_member_set_role(by=anna, member=admin, role=OrganisationMember.Role.MEMBER)
    OrganisationMember.objects.create(
        organisation=organisation, user=bert, role=OrganisationMember.Role.ADMIN
    )
    organisation_member_set_role(by=anna, member=admin, role=OrganisationMember.Role.MEMBER)
    assert OrganisationMember.objects.get(pk=admin.pk).role == OrganisationMember.Role.MEMBER
