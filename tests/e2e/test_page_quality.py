"""Every page kind, as each demo role: axe-core 0 violations, Nu Html Checker 0 errors,
no sideways scrolling at 320 and 640 px, no English in the Dutch UI (issue 14).

One crawl over the demo data through the live server (see tests/e2e/quality.py); the
figures are printed and written to test-artifacts/page-quality.txt.
"""

import os

import pytest
from django.core.management import call_command
from django.urls import reverse

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
    from bijeenkomsten.models import DuoInvitation, Registration
    from initiatieven.models import Invitation as TeamInvitation
    from initiatieven.mozaiek.models import Invitation

    paths = []
    invitation = Invitation.objects.filter(response__submitted_at__isnull=True).first()
    invitation = invitation or Invitation.objects.first()
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
    team = TeamInvitation.objects.first()
    if team:
        paths.append(reverse("initiatieven:invitation", args=[team.token]))
    return paths


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
    return paths


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

    logins = [(role, email, DEMO_PASSWORD if email else "") for role, email in ROLES]
    out_dir = quality.ROOT / "test-artifacts" / "page-quality"
    hubs = {role: _hubs(email) for role, email in ROLES if email}
    crawl = quality.crawl(
        browser,
        live_server.url,
        logins,
        _token_paths(),
        out_dir,
        run_nu=quality.nu_available(),
        hubs=hubs,
    )
    report = "\n".join(
        [
            crawl.summary(),
            *crawl.server_errors,
            *crawl.axe_violations,
            *crawl.nu_errors,
            *crawl.sideways,
            *crawl.english,
        ]
    )
    (out_dir / "summary.txt").write_text(report + "\n", encoding="utf-8")
    print(report)

    pages = quality.html_page_names(NOT_PAGES)
    covered = {quality.page_kind(v.url) for v in crawl.visits} & pages
    print(f"HTML page URL names covered {len(covered)} of {len(pages)}")
    assert sorted(pages - covered) == [], f"not crawled: {sorted(pages - covered)}"
    assert crawl.server_errors == [], report
    assert crawl.axe_violations == [], report
    assert crawl.sideways == [], report
    assert crawl.english == [], report
    if crawl.nu_errors is None:
        assert os.environ.get("CI") != "true", "CI must check HTML: .ci/run installs vnu.jar"
        pytest.skip(f"Nu Html Checker not installed here ({quality.VNU_JAR}); CI runs it")
    assert crawl.nu_errors == [], report
