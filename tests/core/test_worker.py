"""A real Celery worker on the real Redis broker runs a task end to end."""

import time

import pytest

from netwerkplatform.celery import app as celery_app
from netwerkplatform.core.tasks import send_email
from tests.celery_worker import running_worker

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_it_sends_an_email_through_a_real_worker(tmp_path, real_broker):
    outbox = tmp_path / "mail"
    outbox.mkdir()
    with running_worker(EMAIL_FILE_PATH=str(outbox)):
        celery_app.conf.task_always_eager = False
        send_email.delay(
            recipients=["fonds@example.nl"], subject="Welkom", body="Hallo vanuit de worker"
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(outbox.iterdir()):
            time.sleep(0.2)
    messages = [path.read_text() for path in outbox.iterdir()]
    assert len(messages) == 1
    assert "To: fonds@example.nl" in messages[0]
    assert "Hallo vanuit de worker" in messages[0]
