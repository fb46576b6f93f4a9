import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from initiatieven.models import Membership
from initiatieven.mozaiek.models import Answer, Assessment, Invitation, Response
from tests.core.factories import UserFactory
from tests.mozaiek.factories import (
    AssessmentFactory,
    InvitationFactory,
    NetworkFactory,
    coordinator_of,
    member_of,
    submitted_response,
)

pytestmark = pytest.mark.django_db


def _block_post(block_statements, value="4", **extra):
    data = {f"s-{key}": value for key in block_statements}
    data.update(extra)
    return data


OPGAVE = [
    "opgave.besproken",
    "opgave.betrokkenen",
    "opgave.ter_discussie",
    "opgave.gevolgd",
    "opgave.eigenaarschap",
]


def test_it_lets_a_coordinator_open_a_round(client):
    network = NetworkFactory()
    client.force_login(coordinator_of(network))
    deadline = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    response = client.post(
        reverse("mozaiek:open"),
        {"initiative": network.pk, "title": "Voorjaar 2026", "deadline": deadline},
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response.url == assessment.get_absolute_url()


def test_it_keeps_what_was_typed_when_the_deadline_is_in_the_past(client):
    network = NetworkFactory()
    client.force_login(coordinator_of(network))
    response = client.post(
        reverse("mozaiek:open"),
        {"initiative": network.pk, "title": "Voorjaar 2026", "deadline": "2001-01-01"},
    )
    assert response.status_code == 200
    assert "De deadline kan niet in het verleden liggen." in response.content.decode()
    assert 'value="Voorjaar 2026"' in response.content.decode()


def test_it_invites_partners_and_reports_bad_addresses_in_dutch(
    client, django_capture_on_commit_callbacks
):
    assessment = AssessmentFactory()
    client.force_login(coordinator_of(assessment.initiative))
    url = reverse("mozaiek:invite", args=[assessment.pk])
    response = client.post(url, {"emails": "a@example.nl\ngeen-adres"})
    assert response.status_code == 400
    assert "Dit zijn geen geldige e-mailadressen: geen-adres" in response.content.decode()
    assert "geen-adres" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"emails": "a@example.nl, b@example.nl"})
    assert response.status_code == 302 and len(mail.outbox) == 2


def test_it_hides_a_round_from_outsiders_and_forbids_changes_by_members(client):
    assessment = AssessmentFactory()
    client.force_login(UserFactory())
    assert client.get(reverse("mozaiek:round", args=[assessment.pk])).status_code == 404
    assert client.get(reverse("mozaiek:results", args=[assessment.pk])).status_code == 404
    client.force_login(member_of(assessment.initiative))
    assert client.get(reverse("mozaiek:round", args=[assessment.pk])).status_code == 200
    assert client.post(reverse("mozaiek:close", args=[assessment.pk])).status_code == 403
    assert client.post(reverse("mozaiek:invite", args=[assessment.pk])).status_code == 403


def test_it_explains_a_forged_link_in_dutch(client):
    response = client.get(reverse("mozaiek:answer", args=["verzonnen-token"]))
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()


def test_it_walks_a_partner_through_the_blocks_and_submits_once(client):
    invitation = InvitationFactory()
    token = invitation.token
    page = client.get(reverse("mozaiek:answer", args=[token]))
    assert "Beginnen" in page.content.decode()
    for block in invitation.assessment.catalogue.blocks:
        url = reverse("mozaiek:answer_block", args=[token, block.key])
        data = _block_post([st.key for st in block.statements], "x", go="next")
        assert client.post(url, data).status_code == 302
    submit = reverse("mozaiek:answer_submit", args=[token])
    response = client.post(submit, {"partner_kind": "advies"})
    assert response.status_code == 302
    assert Response.objects.get().submitted_at is not None
    page = client.get(reverse("mozaiek:answer", args=[token]))
    assert "Je hebt je antwoorden verstuurd op" in page.content.decode()


def test_it_does_not_overwrite_anything_when_a_used_link_posts_again(client):
    assessment = AssessmentFactory()
    done = submitted_response(assessment, 4)
    url = reverse("mozaiek:answer_block", args=[done.invitation.token, "opgave"])
    response = client.post(url, _block_post(OPGAVE, "1", go="next"))
    assert response.status_code == 302
    assert set(Answer.objects.filter(response=done).values_list("value", flat=True)) == {4}
    again = client.post(
        reverse("mozaiek:answer_submit", args=[done.invitation.token]), {"partner_kind": "anders"}
    )
    assert again.status_code == 302
    assert Response.objects.get(pk=done.pk).partner_kind == "kern"


def test_it_rejects_an_out_of_range_value_and_keeps_the_other_answers(client):
    invitation = InvitationFactory()
    url = reverse("mozaiek:answer_block", args=[invitation.token, "opgave"])
    data = _block_post(OPGAVE, "4", go="next")
    data["s-opgave.gevolgd"] = "7"
    data["c-opgave.besproken"] = "Mijn toelichting"
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies een score van 1 tot en met 5, of ‘Weet ik niet’." in html
    assert "Mijn toelichting" in html
    assert not Answer.objects.exists()


def test_it_invites_a_comment_once_after_a_low_score(client):
    invitation = InvitationFactory()
    url = reverse("mozaiek:answer_block", args=[invitation.token, "opgave"])
    response = client.post(url, _block_post(OPGAVE, "2", go="next"))
    assert response.url.endswith("?toelichting=1")
    page = client.get(response.url)
    assert "Wil je vertellen waarom?" in page.content.decode()
    response = client.post(url, _block_post(OPGAVE, "2", go="next", prompted="1"))
    assert response.url.endswith("/bouwsteen/waarde/")


def test_it_refuses_answers_after_the_deadline_with_a_message(client):
    with freeze_time("2026-03-01 12:00"):
        invitation = InvitationFactory(
            assessment=AssessmentFactory(deadline=datetime.date(2026, 3, 1))
        )
    with freeze_time("2026-03-02 12:00"):
        response = client.post(
            reverse("mozaiek:answer_block", args=[invitation.token, "opgave"]),
            _block_post(OPGAVE, "4"),
        )
        assert response.status_code == 302
        page = client.get(reverse("mozaiek:answer", args=[invitation.token]))
    assert "De deadline van deze ronde is voorbij" in page.content.decode()
    assert not Answer.objects.exists()


def test_it_lets_a_logged_in_member_answer_directly(client):
    assessment = AssessmentFactory()
    user = member_of(assessment.initiative, role=Membership.Role.CORE)
    client.force_login(user)
    response = client.post(reverse("mozaiek:answer_member", args=[assessment.pk]))
    invitation = Invitation.objects.get(user=user)
    assert response.url == invitation.get_absolute_url()


def test_it_shows_only_the_count_before_three_answers(client):
    assessment = AssessmentFactory()
    client.force_login(coordinator_of(assessment.initiative))
    submitted_response(assessment, 1, comment="Geheime klacht")
    submitted_response(assessment, 5)
    html = client.get(reverse("mozaiek:results", args=[assessment.pk])).content.decode()
    assert "2 partners hebben geantwoord" in html
    assert "De resultaten verschijnen vanaf 3 antwoorden" in html
    assert "Geheime klacht" not in html and "<svg" not in html
    export = client.get(reverse("mozaiek:export", args=[assessment.pk]))
    assert export.status_code == 302
    report = client.get(reverse("mozaiek:report", args=[assessment.pk])).content.decode()
    assert "Geheime klacht" not in report and "<svg" not in report


def test_it_shows_the_mosaic_agenda_and_comments_from_three_answers(
    client, django_assert_max_num_queries
):
    assessment = AssessmentFactory()
    client.force_login(coordinator_of(assessment.initiative))
    submitted_response(assessment, 2, comment="Te weinig overleg", display_name="Piet de Boer")
    submitted_response(assessment, 3)
    submitted_response(assessment, 2)
    with django_assert_max_num_queries(25):
        html = client.get(reverse("mozaiek:results", args=[assessment.pk])).content.decode()
    assert "Het mozaïek van" in html and "<svg" in html
    assert "Gespreksagenda" in html and "Stem af met" in html
    assert "Te weinig overleg" in html and "Piet de Boer" not in html
    assert "Scores per bouwsteen" in html  # the table alternative


def test_it_exports_an_anonymous_csv(client):
    assessment = AssessmentFactory()
    client.force_login(member_of(assessment.initiative))
    for value in (2, 3, 4):
        submitted_response(assessment, value, comment="Naam in toelichting")
    response = client.get(reverse("mozaiek:export", args=[assessment.pk]))
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert body.splitlines()[1].startswith("Opgave;;15;3,00;0;5;5;5;0;0;0,")
    assert "Naam in toelichting" not in body and "@" not in body


def test_it_renders_a_print_friendly_report(client):
    assessment = AssessmentFactory()
    client.force_login(coordinator_of(assessment.initiative))
    for value in (2, 3, 4):
        submitted_response(assessment, value)
    html = client.get(reverse("mozaiek:report", args=[assessment.pk])).content.decode()
    assert "Netwerkmozaïek van" in html and "Ctrl+P" in html and "<svg" in html


def test_it_shows_names_only_of_people_who_chose_to(client):
    assessment = AssessmentFactory()
    client.force_login(coordinator_of(assessment.initiative))
    submitted_response(assessment, 4, show_name=True, display_name="Fatima")
    # Names with a space: a random CSRF token in the page can contain "Jan", never "Jan van Dalen".
    submitted_response(assessment, 4, show_name=False, display_name="Jan van Dalen")
    html = client.get(reverse("mozaiek:round", args=[assessment.pk])).content.decode()
    assert "Fatima" in html and "Jan van Dalen" not in html


def test_it_lists_rounds_on_mijn_overzicht(client):
    assessment = AssessmentFactory(title="Najaarsronde")
    user = coordinator_of(assessment.initiative)
    InvitationFactory(email=user.email, assessment=AssessmentFactory(title="Uitnodiging elders"))
    client.force_login(user)
    html = client.get(reverse("core:mijn")).content.decode()
    assert "Mijn mozaïek-rondes" in html
    assert "Najaarsronde" in html and "Uitnodiging elders" in html


def test_it_shows_the_summary_on_the_network_profile_from_three_answers(client):
    assessment = AssessmentFactory(show_summary_on_profile=True)
    profile = reverse("initiatieven:detail", args=[assessment.initiative.slug])
    for _ in range(2):
        submitted_response(assessment, 4)
    assert "Netwerkmozaïek" not in client.get(profile).content.decode()
    submitted_response(assessment, 4)
    html = client.get(profile).content.decode()
    assert "Netwerkmozaïek" in html and "Opgave" in html and "sterk" in html


def test_it_shows_the_catalogue_to_everyone(client):
    html = client.get(reverse("mozaiek:index")).content.decode()
    assert "De zeven bouwstenen" in html and "Verankering" in html
