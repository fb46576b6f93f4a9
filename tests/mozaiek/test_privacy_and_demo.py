import pytest

from initiatieven.mozaiek import demo, services
from initiatieven.mozaiek.models import Answer, Assessment, Invitation, Response
from initiatieven.mozaiek.results import round_results
from netwerkplatform.core.demo import load_people
from netwerkplatform.core.services import user_delete, user_export_data
from tests.core.factories import UserFactory
from tests.mozaiek.factories import AssessmentFactory, InvitationFactory, submitted_response

pytestmark = pytest.mark.django_db


def test_it_exports_a_persons_own_invitations_and_answers():
    user = UserFactory(email="lotte@example.nl", verified=True)
    response = submitted_response(AssessmentFactory(), 3, comment="Eigen woorden")
    Invitation.objects.filter(pk=response.invitation_id).update(email="lotte@example.nl")
    data = user_export_data(user=user)["mozaiek"]
    assert data[0]["email"] == "lotte@example.nl"
    assert data[0]["response"]["answers"][0] == {
        "statement": "opgave.besproken",
        "value": 3,
        "comment": "Eigen woorden",
    }


def test_it_erases_what_points_to_a_person_but_keeps_the_totals():
    user = UserFactory(email="lotte@example.nl")
    assessment = AssessmentFactory()
    response = submitted_response(
        assessment, 3, comment="Eigen woorden", show_name=True, display_name="Lotte"
    )
    Invitation.objects.filter(pk=response.invitation_id).update(email="lotte@example.nl", user=user)
    unfinished = InvitationFactory(assessment=assessment, email="lotte.werk@example.nl")
    Invitation.objects.filter(pk=unfinished.pk).update(user=user)
    Response.objects.create(invitation=unfinished, assessment=assessment)
    old_token = response.invitation.token
    user_delete(user=user)
    invitation = Invitation.objects.get(pk=response.invitation_id)
    assert invitation.email.endswith("@anoniem.invalid") and invitation.token != old_token
    response.refresh_from_db()
    assert (response.show_name, response.display_name) == (False, "")
    assert not Answer.objects.exclude(comment="").exists()
    assert Answer.objects.filter(response=response, value=3).count() == len(
        assessment.catalogue.statement_keys()
    )
    assert not Response.objects.filter(invitation=unfinished).exists()


def test_it_loads_a_demo_network_with_visible_results_idempotently():
    load_people()
    demo.load()
    demo.load()
    latest = Assessment.objects.get(title="Voorjaar 2026")
    assert Assessment.objects.count() == 2
    outcome = round_results(latest)
    assert outcome.submitted >= 5 and outcome.visible
    assert outcome.previous is not None and outcome.agenda
    assert services.user_coordinates(user=latest.opened_by, initiative=latest.initiative)
