"""What dates contribute to core: the "Mijn dates" block, export/erase, demo data."""

import pytest
from django.conf import settings
from django.urls import reverse

from matching.dates.models import DateRequest
from matching.dates.registry import _erase, _export, _load_demo
from netwerkplatform.celery import app as celery_app
from netwerkplatform.core.demo import load_people
from tests.matching.dates.factories import accepted, event_with_dates

pytestmark = pytest.mark.django_db


def test_it_shows_my_dates_on_my_overview(client):
    event, _org, (a, b, *_rest), _slots = event_with_dates()
    accepted(event, a, b)
    client.force_login(a)
    page = client.get(reverse("core:mijn")).content.decode()
    assert "Mijn dates" in page and b.display_name in page


def test_it_exports_and_erases_a_persons_dates():
    event, _org, (a, b, *_rest), _slots = event_with_dates()
    accepted(event, a, b)
    exported = _export(a)
    assert exported["requests"][0]["with"] == b.display_name
    _erase(a)
    assert not DateRequest.objects.exists()


def test_it_loads_demo_dates_twice_without_duplicates():
    load_people()
    _load_demo()
    _load_demo()
    assert DateRequest.objects.count() == 3


def test_it_lets_staff_manage_dates_in_the_admin(admin_client):
    """The dates' admin comes in through matching/admin.py (admin autodiscovery)."""
    page = admin_client.get(reverse("admin:matching_daterequest_changelist"))
    assert page.status_code == 200


def test_it_registers_the_dates_tasks_under_the_names_beat_and_queued_messages_use():
    """MatchingConfig.ready imports them; the beat entry sends its task by name."""
    beat_tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "matching.dates_tasks.dates_expire_requests" in beat_tasks
    assert {
        "matching.dates_tasks.dates_expire_requests",
        "matching.dates_tasks.dates_schedule_task",
    } <= set(celery_app.tasks)
