"""The access matrix: every URL pattern, requested by five kinds of visitor.

Each named URL pattern (walked from the root resolver, so a new URL shows up by itself)
is requested with GET as anonymous, an unrelated verified user ("stranger"), a member
without the role that page needs ("member": plain team member, ordinary organisation
member, an attendee who is not organiser), the owner (initiator, organisation admin,
organiser, the person whose registration/date it is, the round's coordinator) and
staff, with real objects filling the URL's arguments. The status must be the one in
``EXPECTED`` — never a 500 — and no private field may appear where it should not:
contact addresses before a confirmed match, and other people's login addresses.

A URL without a row in ``EXPECTED`` fails ``test_it_has_an_expectation_for_every_url``:
whoever adds a URL decides here who may open it. Django's own admin (``/beheer/``)
is left to its own permission checks; only its index is in the table.
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from bijeenkomsten.models import DuoInvitation, Event, Registration, Series
from initiatieven.models import (
    Initiative,
    Invitation,
    Membership,
    OrganisationMember,
    ShortlistEntry,
)
from initiatieven.mozaiek.models import Assessment
from initiatieven.mozaiek.models import Invitation as RoundInvitation
from matching.dates.models import DateRequest
from matching.models import Match
from tests.bijeenkomsten.factories import RoundFactory, SessionFactory
from tests.core.factories import UserFactory
from tests.initiatieven.factories import (
    FundingSchemeFactory,
    InitiativeFactory,
    OrganisationFactory,
)
from tests.matching.factories import (
    DateRequestFactory,
    DateSettingsFactory,
    DateSlotFactory,
    MatchFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "stranger", "member", "owner", "staff")

# Private strings and who may see them (roles not listed must never see them).
INITIATIVE_CONTACT = "prive-contact@eigen-initiatief.nl"
PARTNER_CONTACT = "match-contact@ander-fonds.nl"
OWNER_LOGIN = "eigenaar@login-adres.nl"
MEMBER_LOGIN = "gewoon-lid@login-adres.nl"
PEER_LOGIN = "date-peer@login-adres.nl"
ALLOWED_TO_SEE = {
    INITIATIVE_CONTACT: {"owner", "member"},  # the initiative's own team
    PARTNER_CONTACT: set(),  # the match is not confirmed: nobody sees it
    OWNER_LOGIN: {"owner"},
    MEMBER_LOGIN: {"member"},
    PEER_LOGIN: set(),
}
# Pages where a role legitimately sees someone's login address (with the reason).
# Organisers (and staff) see their attendees' addresses to reach them: people give
# their address to the organiser by registering. (The .xlsx is zipped: not searched.)
LOGIN_ADDRESS_PAGES = {
    (page, role)
    for page in ("bijeenkomsten:attendees", "bijeenkomsten:attendees_csv", "bijeenkomsten:attendee")
    for role in ("owner", "staff")
}

# name: statuses for (anonymous, stranger, member, owner, staff).
# 302 for anonymous is the login redirect; 404 = may not know it exists; 403 = may see
# but not do; 405 = POST-only (its access check runs on POST).
EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "account_change_password": (302, 200, 200, 200, 200),
    "account_confirm_email": (200, 200, 200, 200, 200),
    "account_confirm_login_code": (302, 302, 302, 302, 302),
    "account_confirm_reauthentication_code": (302, 302, 302, 302, 302),
    "account_email": (302, 200, 200, 200, 200),
    "account_email_verification_sent": (200, 200, 200, 200, 200),
    "account_inactive": (200, 200, 200, 200, 200),
    "account_login": (200, 302, 302, 302, 302),
    "account_logout": (302, 200, 200, 200, 200),
    "account_reauthenticate": (302, 200, 200, 200, 200),
    "account_request_login_code": (200, 302, 302, 302, 302),
    "account_request_reauthentication_code": (302, 200, 200, 200, 200),
    "account_reset_password": (200, 200, 200, 200, 200),
    "account_reset_password_done": (200, 200, 200, 200, 200),
    "account_reset_password_from_key": (200, 200, 200, 200, 200),
    "account_reset_password_from_key_done": (200, 200, 200, 200, 200),
    "account_set_password": (302, 302, 302, 302, 302),
    "account_signup": (200, 302, 302, 302, 302),
    "admin:index": (302, 302, 302, 302, 200),
    "bijeenkomsten:attendees": (302, 403, 403, 200, 200),
    "bijeenkomsten:attendees_csv": (302, 403, 403, 200, 200),
    "bijeenkomsten:attendees_print": (302, 403, 403, 200, 200),
    "bijeenkomsten:attendees_xlsx": (302, 403, 403, 200, 200),
    "bijeenkomsten:badges": (302, 403, 403, 200, 200),
    "bijeenkomsten:cancel": (302, 403, 403, 200, 200),
    "bijeenkomsten:cancel_token": (200, 200, 200, 200, 200),
    "bijeenkomsten:check_in": (302, 403, 403, 200, 200),
    "bijeenkomsten:attendee": (302, 403, 403, 200, 200),
    "bijeenkomsten:attendee_add": (302, 405, 405, 405, 405),
    "bijeenkomsten:check_in_scan": (302, 405, 405, 405, 405),
    "bijeenkomsten:naming": (302, 403, 403, 200, 200),
    "bijeenkomsten:naming_answer": (302, 404, 404, 404, 404),
    "bijeenkomsten:questions": (302, 403, 403, 200, 200),
    "bijeenkomsten:round_delete": (302, 405, 405, 405, 405),
    "bijeenkomsten:round_edit": (302, 403, 403, 200, 200),
    "bijeenkomsten:series": (200, 200, 200, 200, 200),
    "bijeenkomsten:series_create": (302, 200, 200, 200, 200),
    "bijeenkomsten:series_edit": (302, 403, 403, 200, 200),
    "bijeenkomsten:series_ics": (200, 200, 200, 200, 200),
    "bijeenkomsten:session_delete": (302, 403, 403, 200, 200),
    "bijeenkomsten:check_in_toggle": (302, 405, 405, 405, 405),
    "bijeenkomsten:create": (302, 200, 200, 200, 200),
    "bijeenkomsten:dashboard": (302, 403, 403, 200, 200),
    "bijeenkomsten:detail": (200, 200, 200, 200, 200),
    "bijeenkomsten:duo": (200, 200, 200, 200, 200),
    "bijeenkomsten:duplicate": (302, 405, 405, 405, 405),
    "bijeenkomsten:edit": (302, 403, 403, 200, 200),
    "bijeenkomsten:evaluate": (200, 200, 200, 200, 200),
    "bijeenkomsten:evaluation_csv": (302, 403, 403, 200, 200),
    "bijeenkomsten:evaluation_results": (302, 403, 403, 200, 200),
    "bijeenkomsten:event_ics": (200, 200, 200, 200, 200),
    "bijeenkomsten:feed": (200, 200, 200, 200, 200),
    "bijeenkomsten:index": (200, 200, 200, 200, 200),
    "bijeenkomsten:message": (302, 403, 403, 200, 200),
    "bijeenkomsten:mine": (302, 200, 200, 200, 200),
    "bijeenkomsten:programme": (302, 403, 403, 200, 200),
    "bijeenkomsten:publish": (302, 405, 405, 405, 405),
    "bijeenkomsten:register": (302, 200, 302, 302, 200),
    "bijeenkomsten:registration": (302, 404, 404, 200, 404),
    "bijeenkomsten:registration_cancel": (302, 404, 404, 200, 404),
    "bijeenkomsten:registration_ics": (302, 404, 404, 200, 404),
    "bijeenkomsten:series_invite": (302, 403, 403, 200, 200),
    "bijeenkomsten:session_edit": (302, 403, 403, 200, 200),
    "core:account": (302, 200, 200, 200, 200),
    "core:account_delete": (302, 200, 200, 200, 200),
    "core:account_export": (302, 200, 200, 200, 200),
    "core:health": (200, 200, 200, 200, 200),
    "core:home": (200, 200, 200, 200, 200),
    "core:mijn": (302, 200, 200, 200, 200),
    "core:search": (200, 200, 200, 200, 200),
    "initiatieven:create": (302, 200, 200, 200, 200),
    "initiatieven:detail": (200, 200, 200, 200, 200),
    "initiatieven:edit": (302, 403, 403, 200, 403),
    "initiatieven:funds": (200, 200, 200, 200, 200),
    "initiatieven:index": (200, 200, 200, 200, 200),
    "initiatieven:invitation": (302, 200, 200, 200, 200),
    "initiatieven:organisation": (200, 200, 200, 200, 200),
    "initiatieven:organisation_edit": (302, 403, 403, 200, 403),
    "initiatieven:organisation_members": (302, 403, 200, 200, 403),
    "initiatieven:organisation_request": (302, 200, 200, 200, 200),
    "initiatieven:partners": (200, 200, 200, 200, 200),
    "initiatieven:scheme_count": (302, 405, 405, 405, 405),
    "initiatieven:scheme_create": (302, 403, 200, 200, 403),
    "initiatieven:scheme_edit": (302, 403, 200, 200, 403),
    "initiatieven:shortlist": (302, 403, 200, 200, 403),
    "initiatieven:shortlist_add": (302, 405, 405, 405, 405),
    "initiatieven:shortlist_entry": (302, 405, 405, 405, 405),
    "initiatieven:shortlist_export": (302, 403, 200, 200, 403),
    "initiatieven:team": (302, 403, 200, 200, 403),
    "initiatieven:team_action": (302, 405, 405, 405, 405),
    "initiatieven:visibility": (302, 405, 405, 405, 405),
    "matching:dates": (302, 404, 200, 200, 200),
    "matching:dates_agenda": (302, 404, 200, 200, 200),
    "matching:dates_attendees": (302, 404, 403, 200, 200),
    "matching:dates_export": (302, 404, 403, 200, 200),
    "matching:dates_agenda_ics": (302, 404, 200, 200, 200),
    "matching:dates_blocks": (302, 404, 200, 200, 200),
    "matching:dates_cancel": (302, 405, 405, 405, 405),
    "matching:dates_move": (302, 404, 403, 200, 200),
    "matching:dates_organise": (302, 404, 403, 200, 200),
    "matching:dates_outcome": (302, 404, 404, 200, 404),
    "matching:dates_profile": (302, 404, 200, 200, 200),
    "matching:dates_print": (302, 404, 403, 200, 200),
    "matching:dates_publish": (302, 405, 405, 405, 405),
    "matching:dates_request": (302, 404, 200, 200, 200),
    "matching:dates_respond": (302, 405, 405, 405, 405),
    "matching:dates_run": (302, 405, 405, 405, 405),
    "matching:decline_reason": (302, 405, 405, 405, 405),
    "matching:detail": (302, 404, 200, 200, 404),
    "matching:event": (404, 404, 404, 200, 200),
    "matching:event_manage": (302, 403, 403, 200, 200),
    "matching:index": (302, 200, 200, 200, 200),
    "matching:manual": (302, 403, 200, 200, 403),
    "matching:preferences": (302, 200, 200, 200, 200),
    "matching:respond": (302, 405, 405, 405, 405),
    "mozaiek:answer": (200, 200, 200, 200, 200),
    "mozaiek:answer_block": (200, 200, 200, 200, 200),
    "mozaiek:answer_member": (302, 405, 405, 405, 405),
    "mozaiek:answer_submit": (200, 200, 200, 200, 200),
    "mozaiek:close": (302, 405, 405, 405, 405),
    "mozaiek:export": (302, 404, 302, 302, 404),
    "mozaiek:index": (200, 200, 200, 200, 200),
    "mozaiek:invite": (302, 405, 405, 405, 405),
    "mozaiek:open": (302, 302, 302, 200, 302),
    "mozaiek:profile": (302, 405, 405, 405, 405),
    "mozaiek:report": (302, 404, 200, 200, 404),
    "mozaiek:results": (302, 404, 200, 200, 404),
    "mozaiek:round": (302, 404, 200, 200, 404),
    "set_language": (302, 302, 302, 302, 302),
}


def _url_names(resolver=None, namespace="", args=()):
    """(name, argument names) of every named pattern, prefixes' arguments included."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        here = (*args, *entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _url_names(entry, inner, here)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", here


def _patterns() -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for name, args in _url_names():
        found.setdefault(name, args)  # the first pattern of a name is the one reverse() uses
    return found


@pytest.fixture
def world():
    """One of everything, with the five visitors related to it as their role says.

    Long because it lists one object of every kind the access walk visits.
    """
    now = timezone.now()
    owner = UserFactory(email=OWNER_LOGIN, name="Olga Eigenaar", verified=True)
    member = UserFactory(email=MEMBER_LOGIN, name="Mehmet Lid", verified=True)
    stranger = UserFactory(name="Sam Vreemde", verified=True)
    staff = UserFactory(name="Beheer", verified=True, is_staff=True)
    peer = UserFactory(email=PEER_LOGIN, name="Petra Peer", verified=True)

    initiative = InitiativeFactory(
        name="Eigen Netwerk",
        slug="eigen-netwerk",
        kind=Initiative.Kind.NETWORK,
        contact_email=INITIATIVE_CONTACT,
        initiator=owner,
    )
    Membership.objects.create(initiative=initiative, user=member, role=Membership.Role.MEMBER)
    fund = OrganisationFactory(name="Eigen Fonds", slug="eigen-fonds", member=owner)
    OrganisationMember.objects.create(
        organisation=fund, user=member, role=OrganisationMember.Role.MEMBER
    )
    scheme = FundingSchemeFactory(organisation=fund)
    other_fund = OrganisationFactory(
        name="Ander Fonds", slug="ander-fonds", email="", contact_email=PARTNER_CONTACT
    )
    match = MatchFactory(kind=Match.Kind.PARTNER, initiative=initiative, partner=other_fund)
    shortlisted = InitiativeFactory(name="Op De Lijst")
    entry = ShortlistEntry.objects.create(organisation=fund, initiative=shortlisted, added_by=owner)
    team_invitation = Invitation.objects.create(
        initiative=initiative, email="nieuw-lid@example.nl", invited_by=owner
    )

    assessment = Assessment.objects.create(
        initiative=initiative,
        title="Voorjaar",
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        opened_by=owner,
    )
    round_invitation = RoundInvitation.objects.create(
        assessment=assessment, email="partner@example.nl", invited_by=owner
    )

    series = Series.objects.create(name="Leerkring", slug="leerkring")
    series.organisers.add(owner)
    start = now + datetime.timedelta(days=10)
    event = Event.objects.create(
        kind=Event.Kind.MANIFESTATION,
        title="Samen Doen!",
        slug="samen-doen",
        municipality=initiative.municipality,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=4),
        capacity=50,
        status=Event.Status.PUBLISHED,
        duos_welcome=True,
    )
    event.organisers.add(owner)
    round_ = RoundFactory(event=event)
    session = SessionFactory(round=round_)
    registrations = {
        person: Registration.objects.create(
            event=event, user=person, status=Registration.Status.CONFIRMED, queued_at=now
        )
        for person in (owner, member, peer)
    }
    duo = DuoInvitation.objects.create(registration=registrations[owner], email="duo@example.nl")
    DateSettingsFactory(event=event)
    DateSlotFactory(event=event)
    date = DateRequestFactory(event=event, from_user=owner, to_user=peer)

    values = {
        "initiative": initiative.slug,
        "organisation": fund.slug,
        "shortlisted": shortlisted.slug,
        "event": event.slug,
        "series": series.slug,
        "team_token": team_invitation.token,
        "round_token": round_invitation.token,
        "duo_token": duo.token,
        "registration_token": registrations[owner].cancel_token,
        "assessment": assessment.pk,
        "match": match.pk,
        "registration": registrations[owner].pk,
        "session": session.pk,
        "round": round_.pk,
        "attendee_registration": registrations[member].pk,
        "date": date.pk,
        "membership_id": Membership.objects.get(initiative=initiative, user=member).pk,
        "entry_id": entry.pk,
        "scheme_id": scheme.pk,
        "user_id": peer.pk,
        "block_key": "opgave",
        "key": "onbekende-sleutel",
        "uidb36": "1",
        "fmt": "csv",
    }
    return {
        "users": {"stranger": stranger, "member": member, "owner": owner, "staff": staff},
        "values": values,
    }


ORGANISATION_PAGES = ("initiatieven:scheme", "initiatieven:organisation", "initiatieven:shortlist")


def _value(name: str, arg: str, values: dict):
    """Which object of the world fills argument ``arg`` of the URL named ``name``."""
    if arg in values:
        return values[arg]
    app = name.split(":")[0]
    if arg == "slug":
        if name in {"initiatieven:shortlist_add", "matching:manual"}:
            return values["shortlisted"]
        if name.startswith(ORGANISATION_PAGES) or name == "initiatieven:scheme_count":
            return values["organisation"]
        if name.startswith("bijeenkomsten:series"):
            return values["series"]
        return values["initiative"] if app == "initiatieven" else values["event"]
    if arg == "token":
        if app == "initiatieven":
            return values["team_token"]
        if app == "mozaiek":
            return values["round_token"]
        return values["duo_token"] if name == "bijeenkomsten:duo" else values["registration_token"]
    if arg == "pk":
        if app == "mozaiek":
            return values["assessment"]
        if name in {"bijeenkomsten:round_edit", "bijeenkomsten:round_delete"}:
            return values["round"]
        if name in {"bijeenkomsten:session_edit", "bijeenkomsten:session_delete"}:
            return values["session"]
        if name in {"bijeenkomsten:check_in_toggle", "bijeenkomsten:attendee"}:
            return values["attendee_registration"]
        if app == "bijeenkomsten":
            return values["registration"]
        return values["date"] if name.startswith("matching:dates") else values["match"]
    raise KeyError(f"no value for {arg} of {name}")


def test_it_has_an_expectation_for_every_url():
    names = set(_patterns())
    missing = sorted(names - set(EXPECTED))
    stale = sorted(set(EXPECTED) - names - {"admin:index"})
    assert not missing, f"URLs without an access expectation (add them to EXPECTED): {missing}"
    assert not stale, f"expectations for URLs that no longer exist: {stale}"


@pytest.mark.parametrize("role", ROLES)
def test_it_gives_each_visitor_the_expected_status_and_no_private_field(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    column = ROLES.index(role)
    wrong, leaks = [], []
    patterns = _patterns()
    for name, args in sorted(patterns.items()):
        url = reverse(name, kwargs={arg: _value(name, arg, world["values"]) for arg in args})
        response = client.get(url)
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content).decode(errors="replace")
        else:
            body = response.content.decode(errors="replace")
        expected = EXPECTED.get(name, (None,) * 5)[column]
        if response.status_code != expected:
            wrong.append(f"{name} {url}: {response.status_code} (expected {expected})")
        for secret, allowed in ALLOWED_TO_SEE.items():
            if secret in body and role not in allowed and (name, role) not in LOGIN_ADDRESS_PAGES:
                leaks.append(f"{name} {url} shows {secret}")
        if role != "anonymous":  # a login may have been used up by a page (logout)
            client.force_login(world["users"][role])
    admin = client.get(reverse("admin:index"))
    if admin.status_code != EXPECTED.get("admin:index", (None,) * 5)[column]:
        wrong.append(f"admin:index: {admin.status_code}")
    assert not wrong and not leaks, "\n".join(wrong + leaks)


# POST-only URLs (405 on GET above): their access check runs on POST, so an empty POST
# from someone without any role must be turned away and change nothing.
POST_EXPECTED: dict[str, tuple[int, int]] = {
    "bijeenkomsten:check_in_toggle": (302, 403),
    "bijeenkomsten:duplicate": (302, 403),
    "bijeenkomsten:publish": (302, 403),
    "bijeenkomsten:attendee_add": (302, 403),
    "bijeenkomsten:check_in_scan": (302, 403),
    "bijeenkomsten:round_delete": (302, 403),
    "initiatieven:scheme_count": (302, 403),
    "initiatieven:shortlist_add": (302, 404),
    "initiatieven:shortlist_entry": (302, 403),
    "initiatieven:team_action": (302, 403),
    "initiatieven:visibility": (302, 403),
    "matching:dates_cancel": (302, 404),
    "matching:dates_publish": (302, 404),
    "matching:dates_respond": (302, 404),
    "matching:dates_run": (302, 404),
    "matching:decline_reason": (302, 404),
    "matching:respond": (302, 404),
    "mozaiek:answer_member": (302, 404),
    "mozaiek:close": (302, 404),
    "mozaiek:invite": (302, 404),
    "mozaiek:profile": (302, 404),
}  # name: (anonymous, stranger)


def test_it_has_a_post_expectation_for_every_post_only_url():
    post_only = {name for name, row in EXPECTED.items() if row[1:] == (405,) * 4}
    assert post_only == set(POST_EXPECTED)


@pytest.mark.parametrize("role", ("anonymous", "stranger"))
def test_it_turns_away_a_post_from_someone_without_a_role_and_changes_nothing(client, world, role):
    if role == "stranger":
        client.force_login(world["users"]["stranger"])
    column = 0 if role == "anonymous" else 1
    tables = (Membership, OrganisationMember, Match, Registration, DateRequest, ShortlistEntry)

    def snapshot():
        return [sorted(map(str, model.objects.values_list())) for model in tables] + [
            list(Assessment.objects.values_list("status", "show_summary_on_profile")),
            list(Event.objects.values_list("status", "title")),
            list(Initiative.objects.values_list("visibility", flat=True)),
        ]

    before = snapshot()
    wrong = []
    patterns = _patterns()
    for name in sorted(POST_EXPECTED):
        args = {arg: _value(name, arg, world["values"]) for arg in patterns[name]}
        response = client.post(reverse(name, kwargs=args), {"action": "remove", "answer": "yes"})
        if response.status_code != POST_EXPECTED[name][column]:
            wrong.append(f"{name}: {response.status_code} (expected {POST_EXPECTED[name][column]})")
    assert not wrong, "\n".join(wrong)
    assert snapshot() == before
