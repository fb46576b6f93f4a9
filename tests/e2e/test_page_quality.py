"""Every page kind, as each demo role: axe-core 0 violations, Nu Html Checker 0 errors,
no sideways scrolling at 320 and 640 px, no English in the Dutch UI (issue 14).

One crawl over the demo data (plus what it lacks: see ``_world``) through the live server
(see tests/e2e/quality.py); the figures are printed and written, with every page visited,
to test-artifacts/page-quality/summary.txt. Every URL name that renders an HTML page must
be crawled: a new one fails the test until it is reached or listed in ``NOT_PAGES``.
"""

import datetime
import os

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from netwerkplatform.celery import app
from netwerkplatform.core.demo import DEMO_PASSWORD
from tests.e2e import quality

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = [
    ("anoniem", ""),
    ("initiatiefnemer", "initiatiefnemer@demo.nl"),
    ("netwerkcoördinator", "netwerk@demo.nl"),
    ("organisator", "organisator@demo.nl"),
    ("fonds", "fonds@demo.nl"),
    ("partner", "partner@demo.nl"),
    ("ambtenaar", "gemeente@demo.nl"),
    ("nieuw", "nieuw@demo.nl"),  # just signed up: the empty states of personal pages
]


# URL names that are no HTML page, so the crawl rightly does not measure them.
NOT_PAGES = {
    # Downloads: files for a spreadsheet or a calendar, not pages.
    "bijeenkomsten:feed": "iCalendar feed",
    "bijeenkomsten:event_ics": "iCalendar file",
    "bijeenkomsten:registration_ics": "iCalendar file",
    "bijeenkomsten:series_ics": "iCalendar feed",
    "matching:dates_agenda_ics": "iCalendar file",
    "bijeenkomsten:attendees_csv": "CSV export",
    "bijeenkomsten:attendees_xlsx": "Excel export",
    "bijeenkomsten:evaluation_csv": "CSV export",
    "initiatieven:shortlist_export": "CSV export",
    "matching:dates_export": "CSV/Excel export",
    "mozaiek:export": "CSV export",
    "core:account_export": "JSON download of one's own data",
    "core:health": "JSON status for monitoring",
    # Actions: only POST does something; a GET gets 405 (or a redirect back).
    "set_language": "POST-only language switch, redirects back",
    "bijeenkomsten:attendee_add": "POST-only",
    "bijeenkomsten:check_in_scan": "POST-only (htmx)",
    "bijeenkomsten:check_in_toggle": "POST-only (htmx)",
    "bijeenkomsten:duplicate": "POST-only",
    "bijeenkomsten:publish": "POST-only",
    "bijeenkomsten:round_delete": "POST-only",
    "initiatieven:scheme_count": "POST-only (htmx fragment)",
    "initiatieven:shortlist_add": "POST-only",
    "initiatieven:shortlist_entry": "POST-only",
    "initiatieven:team_action": "POST-only",
    "initiatieven:visibility": "POST-only",
    "matching:dates_cancel": "POST-only",
    "matching:dates_publish": "POST-only",
    "matching:dates_respond": "POST-only",
    "matching:dates_run": "POST-only",
    "matching:decline_reason": "POST-only",
    "matching:respond": "POST-only",
    "mozaiek:answer_member": "POST-only",
    "mozaiek:close": "POST-only",
    "mozaiek:invite": "POST-only",
    "mozaiek:profile": "POST-only",
    # allauth steps that only redirect unless a login or password flow is under way.
    "account_confirm_login_code": "redirects without a pending code login",
    "account_confirm_reauthentication_code": "redirects without a pending re-authentication",
    "account_set_password": "redirects: every demo account has a password",
}


def _token_paths() -> list[str]:
    """Pages people reach from an e-mail, which no link on the site leads to."""
    from bijeenkomsten.models import DuoInvitation, NamingInvitation, Registration
    from initiatieven.models import Invitation as TeamInvitation
    from initiatieven.mozaiek.models import Invitation

    paths = []
    today = timezone.localdate()
    invitation = next(
        (
            i  # one that can still be answered: the questions, not "closed" or "thank you"
            for i in Invitation.objects.filter(response__submitted_at__isnull=True)
            if i.assessment.is_open and i.assessment.accepts_answers_on(today)
        ),
        None,
    )
    if invitation:
        paths.append(reverse("mozaiek:answer", args=[invitation.token]))
        block = invitation.assessment.catalogue.blocks[0].key
        paths.append(reverse("mozaiek:answer_block", args=[invitation.token, block]))
        paths.append(reverse("mozaiek:answer_submit", args=[invitation.token]))
    registration = Registration.objects.filter(status="confirmed").first()
    if registration:
        paths.append(reverse("bijeenkomsten:cancel_token", args=[registration.cancel_token]))
        paths.append(reverse("bijeenkomsten:evaluate", args=[registration.cancel_token]))
    duo = DuoInvitation.objects.first()
    if duo:
        paths.append(reverse("bijeenkomsten:duo", args=[duo.token]))
    naming = NamingInvitation.objects.first()
    if naming:
        paths.append(reverse("bijeenkomsten:naming_answer", args=[naming.token]))
    team = TeamInvitation.objects.first()
    if team:
        paths.append(reverse("initiatieven:invitation", args=[team.token]))
    return paths


# allauth's pages that no link leads to while nothing is under way: e-mailed links
# with a key (here a wrong one: the "link no longer valid" page) and the "done" pages.
ACCOUNT_PATHS = (
    "/account/confirm-email/ongeldige-sleutel/",
    "/account/password/reset/key/1-ongeldige-sleutel/",
    "/account/password/reset/done/",
    "/account/password/reset/key/done/",
    "/account/confirm-email/",
    "/account/inactive/",
)
SEARCH_RESULTS = "/zoeken/?q=samen"  # measured besides the empty search page
# Searches that find nothing: each list's "no results" state.
NO_RESULTS = {
    f"{path}?q=qwxyzzy": "geen resultaten"
    for path in ("/zoeken/", "/initiatieven/", "/bijeenkomsten/")
}
# Logged in: the account pages, with "log out?" last (a GET only asks).
OWN_ACCOUNT_PATHS = (
    "/account/password/change/",
    "/account/email/",
    "/account/reauthenticate/",
    "/account/reauthenticate/code/",
    "/mijn/account/verwijderen/",
    "/zoeken/",
    SEARCH_RESULTS,
    "/account/logout/",
)


def _world() -> None:
    """What the demo lacks for some page kinds: invitations people get by e-mail (to
    join a team, to come along as a duo, to be named as host), and someone new."""
    from bijeenkomsten.models import DuoInvitation, Event, NamingInvitation, Registration
    from initiatieven.models import Initiative
    from initiatieven.models import Invitation as TeamInvitation
    from initiatieven.mozaiek.models import Assessment
    from initiatieven.mozaiek.models import Invitation as RoundInvitation
    from tests.core.factories import UserFactory

    UserFactory(email="nieuw@demo.nl", name="Nina Nieuw", verified=True, password=DEMO_PASSWORD)

    initiative = Initiative.objects.filter(
        memberships__user__email="initiatiefnemer@demo.nl"
    ).first()
    TeamInvitation.objects.create(initiative=initiative, email="nieuw-lid@demo.nl")
    registration = Registration.objects.filter(status="confirmed").first()
    DuoInvitation.objects.create(registration=registration, email="duo@demo.nl")
    event = Event.objects.filter(organisers__email="organisator@demo.nl").first()
    NamingInvitation.objects.create(
        kind=NamingInvitation.Kind.HOST, event=event, initiative=initiative
    )
    # The demo's mozaïek rounds are closed: one still open, for the questions pages.
    initiator = initiative.memberships.first().user
    round_ = Assessment.objects.create(
        initiative=initiative,
        title="Winter 2026",
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        opened_by=initiator,
    )
    RoundInvitation.objects.create(assessment=round_, email="partner@demo.nl", invited_by=initiator)


def _organiser_pages(email: str) -> list[str]:
    """The forms of an organiser's event and series (edit a round or session, cancel,
    move a date) that are reached by buttons in tables and dialogs."""
    from bijeenkomsten.models import Series, Session
    from matching.dates.models import DateRequest

    paths = [reverse("bijeenkomsten:create"), reverse("bijeenkomsten:series_create")]
    session = Session.objects.filter(round__event__organisers__email=email).first()
    if session:
        slug = session.round.event.slug
        paths += [
            reverse("bijeenkomsten:cancel", args=[slug]),
            reverse("bijeenkomsten:round_edit", args=[slug, session.round_id]),
            reverse("bijeenkomsten:session_edit", args=[slug, session.pk]),
            reverse("bijeenkomsten:session_delete", args=[slug, session.pk]),
        ]
    date = DateRequest.objects.filter(event__organisers__email=email).first()
    if date:
        paths.append(reverse("matching:dates_move", args=[date.event.slug, date.pk]))
    for series in Series.objects.filter(organisers__email=email)[:1]:
        paths += [
            reverse("bijeenkomsten:series_edit", args=[series.slug]),
            reverse("bijeenkomsten:series_invite", args=[series.slug]),
        ]
    return paths


def _empty_event_pages(email: str) -> dict[str, str]:
    """An organiser's event nobody registered for yet: its empty states."""
    from bijeenkomsten.models import Event

    event = Event.objects.filter(organisers__email=email, registrations__isnull=True).first()
    if event is None:
        return {}
    names = ("dashboard", "attendees", "attendees_print", "badges", "check_in", "questions")
    return {reverse(f"bijeenkomsten:{name}", args=[event.slug]): "leeg" for name in names}


def _date_outcomes(email: str) -> list[str]:
    from matching.dates.models import DateRequest

    return [
        reverse("matching:dates_outcome", args=[d.event.slug, d.pk])
        for d in DateRequest.objects.filter(from_user__email=email, status="accepted")[:1]
    ]


def _hubs(email: str) -> list[str]:
    """A person's own initiatives, organisations, events and mozaïek rounds."""
    from bijeenkomsten.models import Event
    from initiatieven.models import Initiative, Organisation
    from initiatieven.mozaiek.models import Assessment

    paths = [
        reverse("initiatieven:detail", args=[i.slug])
        for i in Initiative.objects.filter(memberships__user__email=email)[:2]
    ]
    paths += [
        reverse("initiatieven:organisation", args=[o.slug])
        for o in Organisation.objects.filter(members__user__email=email)[:1]
    ]
    for event in Event.objects.filter(organisers__email=email)[:2]:
        paths += [
            reverse("bijeenkomsten:dashboard", args=[event.slug]),
            reverse("bijeenkomsten:programme", args=[event.slug]),
            reverse("matching:dates_organise", args=[event.slug]),
        ]
    paths += [
        reverse("mozaiek:round", args=[a.pk])
        for a in Assessment.objects.filter(initiative__memberships__user__email=email)[:2]
    ]
    paths += _organiser_pages(email) if email == "organisator@demo.nl" else []
    paths += _empty_event_pages(email).keys()
    # The registration form of an event the person has not registered for yet (the
    # event page links to it, but the crawl reads that page as the first role only).
    event = (
        Event.objects.filter(status=Event.Status.PUBLISHED, starts_at__gt=timezone.now())
        .exclude(registrations__user__email=email)
        .first()
    )
    if event:
        paths.append(reverse("bijeenkomsten:register", args=[event.slug]))
    return [*paths, *_date_outcomes(email), *OWN_ACCOUNT_PATHS]


@pytest.mark.timeout(900)
def test_it_passes_axe_nu_reflow_and_dutch_on_every_page_kind(browser, live_server, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = live_server.url
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True  # the demo as `make run` has it: matches computed
    try:
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    finally:
        app.conf.task_always_eager = eager

    _world()
    logins = [(role, email, DEMO_PASSWORD if email else "") for role, email in ROLES]
    out_dir = quality.ROOT / "test-artifacts" / "page-quality"
    hubs = {role: _hubs(email) for role, email in ROLES if email}
    crawl = quality.crawl(
        browser,
        live_server.url,
        logins,
        [*_token_paths(), *ACCOUNT_PATHS, *NO_RESULTS],
        out_dir,
        run_nu=quality.nu_available(),
        hubs=hubs,
        variants={
            **_empty_event_pages("organisator@demo.nl"),
            SEARCH_RESULTS: "resultaten",
            **NO_RESULTS,
        },
    )
    report = "\n".join(
        [
            crawl.summary(),
            *crawl.server_errors,
            *crawl.axe_violations,
            *(crawl.nu_errors or []),
            *crawl.sideways,
            *crawl.english,
        ]
    )
    visited = [f"{v.status} {v.role} {v.url} {v.kind}" for v in crawl.visits]
    (out_dir / "summary.txt").write_text("\n".join([report, *visited]) + "\n", encoding="utf-8")

    pages = quality.html_page_names(NOT_PAGES)
    covered = {v.kind.split(" (")[0] for v in crawl.visits} & pages
    report += f"\nHTML page URL names crawled {len(covered)} of {len(pages)}"
    print(report)
    assert sorted(pages - covered) == [], f"not crawled: {sorted(pages - covered)}"
    assert crawl.server_errors == [], report
    assert crawl.axe_violations == [], report
    assert crawl.sideways == [], report
    assert crawl.english == [], report
    if crawl.nu_errors is None:
        assert os.environ.get("CI") != "true", "CI must check HTML: .ci/run installs vnu.jar"
        pytest.skip(f"Nu Html Checker not installed here ({quality.VNU_JAR}); CI runs it")
    assert crawl.nu_errors == [], report
