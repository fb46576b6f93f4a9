"""`make run` behaves like the product (issue 14): links to its own port, DEBUG off with
the site's Dutch error pages, periodic jobs running, and one log line per refusal."""

import logging
import subprocess
from pathlib import Path

import pytest
from celery.beat import Scheduler
from celery.result import EagerResult
from django.core.exceptions import PermissionDenied
from django.urls import path

from netwerkplatform.celery import app

ROOT = Path(__file__).resolve().parents[2]


def _make_n(*args: str) -> str:
    done = subprocess.run(
        ["make", "-n", "run", *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_it_points_links_at_the_port_make_run_serves():
    commands = _make_n("PORT=8101")
    assert "SITE_URL=http://127.0.0.1:8101 " in commands
    assert "runserver --noreload 127.0.0.1:8101" in commands


def test_it_keeps_a_site_url_that_is_set():
    commands = _make_n("PORT=8101", "SITE_URL=https://demo.example.nl")
    assert "SITE_URL=https://demo.example.nl " in commands
    assert "SITE_URL=http://127.0.0.1:8101" not in commands


def test_it_runs_the_demo_without_debug_pages_and_with_the_beat_schedule():
    commands = _make_n()
    assert "DEBUG=false" in commands
    assert "celery -A netwerkplatform beat" in commands


@pytest.mark.django_db
def test_it_runs_every_periodic_job_in_the_embedded_default(settings):
    """`make run` has no broker and no worker: beat applies each due entry of the same
    CELERY_BEAT_SCHEDULE eagerly, in its own process."""
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        app.loader.import_default_modules()  # as `celery beat` does when it starts
        scheduler = Scheduler(app, lazy=True)
        scheduler.setup_schedule()
        assert set(settings.CELERY_BEAT_SCHEDULE) <= set(scheduler.schedule)
        for name in settings.CELERY_BEAT_SCHEDULE:
            result = scheduler.apply_async(scheduler.schedule[name])
            assert isinstance(result, EagerResult), name
            assert result.successful(), name
    finally:
        app.conf.task_always_eager = previous


def _refuse(request):
    raise PermissionDenied


urlpatterns = [path("geweigerd/", _refuse)]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_it_logs_a_refusal_in_one_line_without_a_traceback(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/geweigerd/")
    assert response.status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert [r.getMessage() for r in records] == ["Forbidden (Permission denied): /geweigerd/"]
    assert records[0].exc_info is None
    assert "Traceback" not in caplog.text


def test_it_shows_the_dutch_404_page_with_debug_off(client, settings):
    settings.DEBUG = False
    response = client.get("/een-verlopen-link/")
    assert response.status_code == 404
    assert "We kunnen deze pagina niet vinden" in response.content.decode()
