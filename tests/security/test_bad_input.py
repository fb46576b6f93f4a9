"""Issue 11: each bad input the issue lists, as a regression test (4xx or the form again
with a Dutch message, never a 500). The walk in test_malformed_input.py covers the rest."""

import time

import pytest
from django.core import mail
from django.urls import reverse

from bijeenkomsten.forms import EventForm
from netwerkplatform.core.services import email_send
from tests.core.factories import UserFactory
from tests.security.test_malformed_input import world  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db
YEAR_MESSAGE = "tussen de jaren 2000 en 2100"


@pytest.fixture
def logged_in(client, world):  # noqa: F811
    client.force_login(world["person"])
    return client, world["values"]


def test_it_ignores_a_network_that_is_not_a_number_on_the_new_round_page(logged_in):
    client, _values = logged_in
    assert client.get(reverse("mozaiek:open") + "?netwerk=abc").status_code == 200


@pytest.mark.parametrize(
    ("url_name", "slug_key", "data"),
    [
        ("initiatieven:shortlist_add", "initiative", {"organisation": "abc"}),
        ("initiatieven:organisation_members", "fund", {"action": "remove", "member": "abc"}),
        ("matching:dates_organise", "event", {"delete_slot": "abc"}),
    ],
)
def test_it_answers_a_non_integer_id_in_a_post_with_404(logged_in, url_name, slug_key, data):
    client, values = logged_in
    slug = {
        "initiative": values["initiatieven"]["slug"],
        "fund": values["fund_slug"],
        "event": values["bijeenkomsten"]["slug"],
    }[slug_key]
    assert client.post(reverse(url_name, args=[slug]), data).status_code == 404


def test_it_adds_a_row_even_when_total_forms_is_not_a_number(logged_in):
    client, values = logged_in
    url = reverse("initiatieven:edit", args=[values["initiatieven"]["slug"]])
    response = client.post(url, {"add_needs": "1", "needs-TOTAL_FORMS": "abc"})
    assert response.status_code == 200


def test_it_caps_a_forged_total_forms_instead_of_building_100000_forms(logged_in):
    client, values = logged_in
    url = reverse("initiatieven:edit", args=[values["initiatieven"]["slug"]])
    started = time.monotonic()
    response = client.post(
        url,
        {
            "needs-TOTAL_FORMS": "100000",
            "needs-INITIAL_FORMS": "0",
            "offers-TOTAL_FORMS": "100000",
            "offers-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert time.monotonic() - started < 5
    assert len(response.content) < 500_000


@pytest.mark.parametrize(
    ("url_name", "slug_key", "data"),
    [
        ("bijeenkomsten:create", None, {"starts_at": "0001-01-01T00:00", "title": "X"}),
        (
            "bijeenkomsten:programme",
            "event",
            {
                "add": "round",
                "round-title": "R",
                "round-starts_at": "0001-01-01T00:00",
                "round-ends_at": "0001-01-01T01:00",
            },
        ),
        (
            "matching:dates_organise",
            "event",
            {
                "add_slots": "1",
                "slots-first_start": "0001-01-01T00:00",
                "slots-length_minutes": "15",
                "slots-count": "2",
            },
        ),
        ("mozaiek:open", None, {"title": "Ronde", "deadline": "0001-01-01"}),
    ],
)
def test_it_refuses_year_0001_at_the_field_with_a_dutch_message(
    logged_in, url_name, slug_key, data
):
    client, values = logged_in
    args = [values["bijeenkomsten"]["slug"]] if slug_key else []
    if url_name == "mozaiek:open":
        data = {**data, "initiative": values["network_pk"]}
    response = client.post(reverse(url_name, args=args), data)
    assert response.status_code in (200, 400)
    assert YEAR_MESSAGE in response.content.decode()


def test_it_keeps_an_event_title_on_one_line():
    form = EventForm(data={"title": "Samen Doen!\nGratis bier"}, user=UserFactory())
    form.is_valid()
    assert form.cleaned_data["title"] == "Samen Doen! Gratis bier"


def test_it_still_sends_a_mail_whose_subject_had_a_newline(
    settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with django_capture_on_commit_callbacks(execute=True):
        email_send(
            recipients=["anouk@example.nl"],
            subject="Je bent aangemeld voor Samen Doen!\nBcc: iedereen@example.nl",
            template_name="mozaiek/emails/reminder.txt",
            context={"network": "Buurtnetwerk", "url": "http://x", "inviter": ""},
        )
    assert [m.subject for m in mail.outbox] == [
        "Je bent aangemeld voor Samen Doen! Bcc: iedereen@example.nl"
    ]
    assert mail.outbox[0].to == ["anouk@example.nl"]


@pytest.mark.parametrize(
    "url", ["/mozaiek/scan/ab%00cd/", "/initiatieven/?q=a%00b", "/bijeenkomsten/afmelden/%00/"]
)
def test_it_refuses_a_nul_byte_with_400(client, url):
    """PostgreSQL cannot store or compare NUL: a lookup with one was a 500."""
    assert client.get(url).status_code == 400


def test_it_refuses_a_nul_byte_in_a_form_with_400(client):
    assert client.post("/account/login/", {"login": "a\x00b", "password": "x"}).status_code == 400
