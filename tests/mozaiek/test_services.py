import datetime

import pytest
from django.core import mail
from django.utils import timezone
from freezegun import freeze_time

from initiatieven.models import Membership
from initiatieven.mozaiek import services
from initiatieven.mozaiek.models import Answer, Assessment, Invitation, Response
from tests.core.factories import UserFactory
from tests.mozaiek.factories import (
    AssessmentFactory,
    InvitationFactory,
    NetworkFactory,
    coordinator_of,
    member_of,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)


def _all_answers(assessment, value=4):
    return {
        block.key: {st.key: (value, "") for st in block.statements}
        for block in assessment.catalogue.blocks
    }


def test_it_lets_a_coordinator_open_a_round_with_the_current_catalogue():
    network = NetworkFactory()
    user = coordinator_of(network)
    round_ = services.assessment_open(
        initiative=network, user=user, title="Voorjaar", deadline=timezone.localdate()
    )
    assert round_.is_open and round_.catalogue_version == 1 and round_.opened_by == user


def test_it_refuses_a_member_who_does_not_coordinate():
    network = NetworkFactory()
    user = member_of(network)
    with pytest.raises(services.MozaiekError, match="initiatiefnemers|initiators"):
        services.assessment_open(
            initiative=network, user=user, title="X", deadline=timezone.localdate()
        )


def test_it_allows_only_one_open_round_per_network():
    network = NetworkFactory()
    user = coordinator_of(network)
    deadline = timezone.localdate()
    services.assessment_open(initiative=network, user=user, title="A", deadline=deadline)
    with pytest.raises(services.MozaiekError, match="Dit netwerk heeft al een open ronde"):
        services.assessment_open(initiative=network, user=user, title="B", deadline=deadline)
    assert Assessment.objects.filter(initiative=network).count() == 1


def test_it_mails_each_partner_a_personal_link_after_commit(django_capture_on_commit_callbacks):
    assessment = AssessmentFactory()
    user = coordinator_of(assessment.initiative)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.assessment_invite(
            assessment=assessment, user=user, emails=["a@example.nl", "b@example.nl"]
        )
    assert result.invited == ["a@example.nl", "b@example.nl"]
    assert len(mail.outbox) == 2
    invitation = Invitation.objects.get(email="a@example.nl")
    assert invitation.token in mail.outbox[0].body or invitation.token in mail.outbox[1].body
    assert "Netwerkmozaïek" in mail.outbox[0].subject


def test_it_keeps_the_existing_link_when_someone_is_invited_twice(
    django_capture_on_commit_callbacks,
):
    assessment = AssessmentFactory()
    user = coordinator_of(assessment.initiative)
    first = InvitationFactory(assessment=assessment, email="a@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        result = services.assessment_invite(
            assessment=assessment, user=user, emails=["a@example.nl"]
        )
    assert result.already_invited == ["a@example.nl"] and not result.invited
    assert Invitation.objects.get(pk=first.pk).token == first.token
    assert mail.outbox == []


def test_it_parses_pasted_address_lists():
    valid, invalid = services.parse_email_list("A@x.nl, b@y.nl;\nniet-een-adres\na@x.nl")
    assert valid == ["a@x.nl", "b@y.nl"] and invalid == ["niet-een-adres"]


def test_it_saves_a_block_and_resumes_where_the_person_left_off():
    invitation = InvitationFactory()
    response = services.response_start(invitation=invitation)
    services.response_save_block(
        response=response, block_key="opgave", answers={"opgave.besproken": (2, "Nog niet")}
    )
    again = services.response_start(invitation=invitation)
    assert again.pk == response.pk
    answer = Answer.objects.get(response=response)
    assert (answer.value, answer.comment) == (2, "Nog niet")
    assert "opgave" in services.response_missing_blocks(response=response)


def test_it_stores_dont_know_as_an_empty_value():
    invitation = InvitationFactory()
    response = services.response_start(invitation=invitation)
    services.response_save_block(
        response=response, block_key="opgave", answers={"opgave.besproken": (None, "")}
    )
    assert Answer.objects.get(response=response).value is None


@pytest.mark.parametrize("value", [0, 6, 7, -1])
def test_it_refuses_values_outside_one_to_five(value):
    response = services.response_start(invitation=InvitationFactory())
    with pytest.raises(services.MozaiekError, match="1"):
        services.response_save_block(
            response=response, block_key="opgave", answers={"opgave.besproken": (value, "")}
        )
    assert not Answer.objects.exists()


def test_it_refuses_a_statement_of_another_block():
    response = services.response_start(invitation=InvitationFactory())
    with pytest.raises(services.MozaiekError, match="Deze stelling hoort niet bij deze bouwsteen"):
        services.response_save_block(
            response=response, block_key="opgave", answers={"binding.vertrouwen": (3, "")}
        )


def _fill_everything(response):
    for block_key, answers in _all_answers(response.assessment).items():
        services.response_save_block(response=response, block_key=block_key, answers=answers)


def test_it_submits_once_and_never_overwrites_afterwards():
    response = services.response_start(invitation=InvitationFactory())
    _fill_everything(response)
    services.response_submit(
        response=response, partner_kind="kern", show_name=False, display_name=""
    )
    with pytest.raises(services.MozaiekError, match="al verstuurd|already sent"):
        services.response_submit(
            response=response, partner_kind="advies", show_name=False, display_name=""
        )
    with pytest.raises(services.MozaiekError, match="Je hebt je antwoorden al verstuurd"):
        services.response_save_block(
            response=response, block_key="opgave", answers={"opgave.besproken": (1, "")}
        )
    response.refresh_from_db()
    assert response.partner_kind == "kern"
    assert Answer.objects.get(response=response, statement_key="opgave.besproken").value == 4


def test_it_refuses_to_submit_with_statements_left_open():
    response = services.response_start(invitation=InvitationFactory())
    services.response_save_block(
        response=response, block_key="opgave", answers={"opgave.besproken": (4, "")}
    )
    with pytest.raises(services.MozaiekError, match="Sommige stellingen hebben nog geen antwoord"):
        services.response_submit(
            response=response, partner_kind="kern", show_name=False, display_name=""
        )
    assert Response.objects.get(pk=response.pk).submitted_at is None


def test_it_refuses_answers_after_the_deadline():
    with freeze_time("2026-03-01 12:00"):
        assessment = AssessmentFactory(deadline=datetime.date(2026, 3, 1))
        response = services.response_start(invitation=InvitationFactory(assessment=assessment))
        services.response_save_block(
            response=response, block_key="opgave", answers={"opgave.besproken": (4, "")}
        )
    with freeze_time("2026-03-02 09:00"), pytest.raises(services.MozaiekError, match="deadline"):
        services.response_save_block(
            response=response, block_key="opgave", answers={"opgave.besproken": (1, "")}
        )
    assert Answer.objects.get(response=response).value == 4


def test_it_refuses_answers_once_the_round_is_closed():
    assessment = AssessmentFactory()
    user = coordinator_of(assessment.initiative)
    response = services.response_start(invitation=InvitationFactory(assessment=assessment))
    services.assessment_close(assessment=assessment, user=user)
    with pytest.raises(services.MozaiekError, match="gesloten|closed"):
        services.response_save_block(
            response=response, block_key="opgave", answers={"opgave.besproken": (1, "")}
        )
    with pytest.raises(services.MozaiekError, match="Deze ronde was al gesloten"):
        services.assessment_close(assessment=assessment, user=user)


def test_it_marks_responses_of_coordinators_for_the_group_comparison():
    assessment = AssessmentFactory()
    user = coordinator_of(assessment.initiative)
    invitation = InvitationFactory(assessment=assessment, email=user.email)
    assert services.response_start(invitation=invitation).is_coordinator


def test_it_gives_a_logged_in_member_their_own_link_once():
    assessment = AssessmentFactory()
    user = member_of(assessment.initiative, role=Membership.Role.MEMBER)
    first = services.invitation_for_member(assessment=assessment, user=user)
    second = services.invitation_for_member(assessment=assessment, user=user)
    assert first.pk == second.pk and first.user == user


def test_it_refuses_a_direct_answer_from_an_outsider():
    with pytest.raises(
        services.MozaiekError, match="Alleen leden van dit netwerk kunnen hier antwoorden"
    ):
        services.invitation_for_member(assessment=AssessmentFactory(), user=UserFactory())
