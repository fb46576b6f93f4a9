"""The public profile, drafts, and the team: invitations, removal, handing over."""

import pytest
from django.core import mail
from django.urls import reverse

from initiatieven.models import Invitation, Membership
from tests.core.factories import UserFactory
from tests.initiatieven.factories import InitiativeFactory, NeedFactory

pytestmark = pytest.mark.django_db


def _detail(initiative):
    return reverse("initiatieven:detail", args=[initiative.slug])


@pytest.fixture
def team():
    initiator, core, member = (UserFactory(verified=True) for _ in range(3))
    initiative = InitiativeFactory(initiator=initiator, visibility="draft")
    Membership.objects.create(initiative=initiative, user=core, role="core")
    member_row = Membership.objects.create(initiative=initiative, user=member, role="member")
    return initiative, initiator, core, member, member_row


@pytest.mark.parametrize("who", ["anonymous", "stranger"])
def test_it_hides_a_draft_from_people_outside_the_team(client, team, who):
    initiative = team[0]
    if who == "stranger":
        client.force_login(UserFactory(verified=True))
    assert client.get(_detail(initiative)).status_code == 404


@pytest.mark.parametrize("who", [2, 3, "staff"])
def test_it_shows_a_draft_to_members_and_staff(client, team, who):
    initiative = team[0]
    client.force_login(UserFactory(is_staff=True) if who == "staff" else team[who])
    response = client.get(_detail(initiative))
    assert response.status_code == 200
    assert "Dit is een concept" in response.content.decode()


def test_it_never_shows_the_contact_email_publicly(client):
    initiative = InitiativeFactory(contact_email="geheim@initiatief.nl")
    client.force_login(UserFactory(verified=True))
    assert "geheim@initiatief.nl" not in client.get(_detail(initiative)).content.decode()
    assert "geheim@initiatief.nl" not in client.get(reverse("initiatieven:index")).content.decode()


def test_it_escapes_html_and_keeps_line_breaks(client):
    initiative = InitiativeFactory(description="<script>alert(1)</script>\nTweede regel")
    html = client.get(_detail(initiative)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<br>Tweede regel" in html


def test_it_lists_needs_offers_and_only_team_members_who_opted_in(client):
    shown, hidden = UserFactory(name="Zichtbaar Lid"), UserFactory(name="Verborgen Lid")
    initiative = InitiativeFactory()
    Membership.objects.create(
        initiative=initiative, user=shown, role="initiator", show_on_profile=True
    )
    Membership.objects.create(
        initiative=initiative, user=hidden, role="member", show_on_profile=False
    )
    NeedFactory(initiative=initiative, description="Geld voor zaden", amount=750)
    html = client.get(_detail(initiative)).content.decode()
    assert "Zichtbaar Lid" in html and "Verborgen Lid" not in html
    assert "Geld voor zaden" in html and "750" in html


def test_it_invites_by_email_and_the_invitee_joins_after_logging_in(
    client, team, django_capture_on_commit_callbacks
):
    initiative, initiator = team[0], team[1]
    client.force_login(initiator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("initiatieven:team", args=[initiative.slug]),
            {"email": "nieuw@example.nl", "role": "core"},
        )
    invitation = Invitation.objects.get(email="nieuw@example.nl")
    assert invitation.token in mail.outbox[-1].body
    newcomer = UserFactory(email="nieuw@example.nl", verified=True)
    url = reverse("initiatieven:invitation", args=[invitation.token])
    client.logout()
    assert "/account/login/" in client.get(url)["Location"]
    client.force_login(newcomer)
    client.post(url)
    assert Membership.objects.get(initiative=initiative, user=newcomer).role == "core"
    client.post(url)
    assert Membership.objects.filter(user=newcomer).count() == 1


@pytest.mark.parametrize("who", [2, 3])
def test_it_lets_only_initiators_invite(client, team, who):
    initiative = team[0]
    client.force_login(team[who])
    response = client.post(
        reverse("initiatieven:team", args=[initiative.slug]),
        {"email": "x@example.nl", "role": "member"},
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_it_keeps_strangers_out_of_the_team_page(client, team):
    client.force_login(UserFactory(verified=True))
    initiative = team[0]
    initiative.visibility = "public"
    initiative.save()
    assert client.get(reverse("initiatieven:team", args=[initiative.slug])).status_code == 403


def test_it_lets_an_initiator_remove_a_member_but_not_a_member_remove_others(client, team):
    initiative, initiator, core, member, member_row = team
    core_row = Membership.objects.get(user=core)
    client.force_login(member)
    client.post(
        reverse("initiatieven:team_action", args=[initiative.slug, core_row.pk]),
        {"action": "remove"},
    )
    assert Membership.objects.filter(pk=core_row.pk).exists()
    client.force_login(initiator)
    client.post(
        reverse("initiatieven:team_action", args=[initiative.slug, member_row.pk]),
        {"action": "remove"},
    )
    assert not Membership.objects.filter(pk=member_row.pk).exists()


def test_it_hands_over_the_initiator_role(client, team):
    initiative, initiator, _core, member, member_row = team
    client.force_login(initiator)
    client.post(
        reverse("initiatieven:team_action", args=[initiative.slug, member_row.pk]),
        {"action": "hand_over"},
    )
    roles = dict(Membership.objects.filter(initiative=initiative).values_list("user_id", "role"))
    assert roles[member.pk] == "initiator"
    assert roles[initiator.pk] == "core"


def test_it_stops_the_last_initiator_from_leaving(client, team):
    initiative, initiator = team[0], team[1]
    own = Membership.objects.get(user=initiator)
    client.force_login(initiator)
    response = client.post(
        reverse("initiatieven:team_action", args=[initiative.slug, own.pk]),
        {"action": "remove"},
        follow=True,
    )
    assert Membership.objects.filter(pk=own.pk).exists()
    assert "Draag eerst de rol van initiatiefnemer over" in response.content.decode()


def test_it_lets_a_member_choose_to_be_shown_on_the_profile(client, team):
    initiative, member, member_row = team[0], team[3], team[4]
    client.force_login(member)
    client.post(
        reverse("initiatieven:team_action", args=[initiative.slug, member_row.pk]),
        {"action": "show"},
    )
    member_row.refresh_from_db()
    assert member_row.show_on_profile
