"""The transactional outbox: a task exists exactly when the change that needs it commits,
survives a broker outage, and runs once per row."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from netwerkplatform.celery import app as celery_app
from netwerkplatform.core import outbox
from netwerkplatform.core.models import OutboxMessage
from netwerkplatform.core.tasks import outbox_relay, send_email
from tests.celery_worker import running_worker

pytestmark = pytest.mark.django_db(transaction=True)


def _broker_down(*args, **kwargs):
    raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def _mail(to="iemand@example.nl"):
    outbox.enqueue(send_email, recipients=[to], subject="Aanmelding", body="Je bent erbij")


def test_it_runs_the_task_after_commit_in_eager_mode_and_marks_it_delivered():
    with transaction.atomic():
        _mail()
        assert mail.outbox == []  # not before the commit
    assert [m.to for m in mail.outbox] == [["iemand@example.nl"]]
    message = OutboxMessage.objects.get()
    assert message.delivered_at is not None
    assert message.attempts == 1


def test_it_forgets_the_task_when_the_transaction_rolls_back():
    with pytest.raises(RuntimeError, match="de aanmelding mislukt"), transaction.atomic():
        _mail()
        raise RuntimeError("de aanmelding mislukt")
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_it_keeps_the_task_when_the_broker_is_down_and_relays_it_later(monkeypatch):
    celery_app.conf.task_always_eager = False

    monkeypatch.setattr(celery_app, "send_task", _broker_down)
    started = time.monotonic()
    with transaction.atomic():
        _mail()
    assert time.monotonic() - started < 2  # the request that committed is not held up
    message = OutboxMessage.objects.get()
    assert message.delivered_at is None
    assert "Connection refused" in message.last_error

    monkeypatch.undo()
    celery_app.conf.task_always_eager = True
    assert outbox_relay() == 0  # not yet due: the relay waits a few seconds
    OutboxMessage.objects.update(available_at=timezone.now())
    assert outbox_relay() == 1
    assert outbox_relay() == 0
    assert len(mail.outbox) == 1
    assert OutboxMessage.objects.get().delivered_at is not None


def test_it_runs_a_row_once_when_it_is_delivered_twice():
    celery_app.conf.task_always_eager = False
    with transaction.atomic(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(celery_app, "send_task", lambda *a, **k: None)  # published, not run
        _mail()
    message_id = OutboxMessage.objects.get().pk
    assert outbox.deliver(message_id) is True
    assert outbox.deliver(message_id) is False  # a redelivered or republished message
    assert len(mail.outbox) == 1


def test_it_lets_only_one_of_two_relays_publish_a_row(monkeypatch):
    celery_app.conf.task_always_eager = False
    published = []
    monkeypatch.setattr(celery_app, "send_task", lambda *a, **k: published.append(k["task_id"]))
    message = OutboxMessage.objects.create(
        task_name=send_email.name,
        kwargs={"recipients": ["a@example.nl"], "subject": "s", "body": "b"},
    )
    assert outbox.relay(message.pk) is True
    assert outbox.relay(message.pk) is False  # the second beat, within the lease
    assert outbox.relay_pending() == 0
    assert published == [str(message.key)]  # the row's key is the Celery task id


def test_it_retries_a_failing_task_with_a_growing_delay(monkeypatch):
    calls = []

    def smtp_down(**kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            raise ConnectionRefusedError("SMTP is down")

    monkeypatch.setattr(send_email, "run", smtp_down)
    _mail()
    message = OutboxMessage.objects.get()
    assert message.delivered_at is None
    assert "SMTP is down" in message.last_error
    assert message.available_at > timezone.now() + timedelta(seconds=20)
    assert outbox_relay() == 0
    OutboxMessage.objects.update(available_at=timezone.now())
    assert outbox_relay() == 1
    message.refresh_from_db()
    assert message.delivered_at is not None
    assert message.attempts == 2
    assert len(calls) == 2


@pytest.mark.worker
def test_it_delivers_through_a_real_worker_after_the_broker_comes_back(tmp_path, real_broker):
    """A real worker on Redis: a row whose publish failed is relayed and mailed once."""
    maildir = tmp_path / "mail"
    maildir.mkdir()
    with running_worker(EMAIL_FILE_PATH=str(maildir)):
        celery_app.conf.task_always_eager = False
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(celery_app, "send_task", _broker_down)
            with transaction.atomic():
                _mail("wachtrij@example.nl")
        OutboxMessage.objects.update(available_at=timezone.now())
        assert outbox.relay_pending() == 1
        deadline = time.monotonic() + 30
        while (
            time.monotonic() < deadline
            and not OutboxMessage.objects.filter(delivered_at__isnull=False).exists()
        ):
            time.sleep(0.2)
        assert outbox.relay_pending() == 0
    messages = [path.read_text() for path in maildir.iterdir()]
    assert len(messages) == 1
    assert "To: wachtrij@example.nl" in messages[0]


def test_it_sends_every_service_mail_and_matching_run_through_the_outbox():
    from netwerkplatform.core.services import email_send
    from tests.initiatieven.factories import InitiativeFactory

    with transaction.atomic():
        email_send(
            recipients=["fonds@example.nl"],
            subject="Uitnodiging",
            template_name="initiatieven/emails/invitation.txt",
            context={},
        )
        InitiativeFactory()
    names = set(OutboxMessage.objects.values_list("task_name", flat=True))
    assert {send_email.name, "matching.tasks.incremental_run"} <= names
    assert not OutboxMessage.objects.filter(delivered_at__isnull=True).exists()
    assert [m.to for m in mail.outbox] == [["fonds@example.nl"]]
