"""The transactional outbox: side effects that must happen once a transaction commits.

``transaction.on_commit(lambda: task.delay(...))`` loses the task when the broker is
unreachable at that moment (Redis restarting, a network blip): the data committed, the
e-mail never goes. ``enqueue(task, ...)`` instead writes an ``OutboxMessage`` row in the
*same* transaction, so the task exists exactly when the change does, then:

1. after commit it tries to publish the row at once (the fast path, milliseconds);
2. the periodic ``core.tasks.outbox_relay`` (beat) publishes every row that is still not
   delivered: the broker was down, or a worker died before finishing it;
3. on the worker, ``core.tasks.outbox_deliver`` claims the row with a conditional UPDATE
   before it runs the task and marks it delivered afterwards, so a row that is
   published twice (two relays, an ``acks_late`` redelivery) still runs once at a time,
   and not again once it is delivered.

A task that fails is retried by the relay with a growing delay, up to ``MAX_ATTEMPTS``.
Tasks stay idempotent (DESIGN.md, convention 5): a worker killed between doing the
work and marking the row delivered means the work runs again after the lease expires.

Without a broker (eager Celery, the development default) the same path runs the task
in-process right after commit, so nothing changes for development or the tests.
"""

import logging
from datetime import timedelta

from celery import Task
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from netwerkplatform.celery import app
from netwerkplatform.core.models import OutboxMessage

logger = logging.getLogger(__name__)

DELIVER_TASK = "netwerkplatform.core.tasks.outbox_deliver"
MAX_ATTEMPTS = 10
# When publishing fails (broker down), try again this soon.
PUBLISH_RETRY = timedelta(seconds=5)


def lease() -> timedelta:
    """How long a published or running row is left alone before it is tried again.

    Longer than a task may run (Celery's hard time limit) so a slow task is never run
    twice at once; configurable so the fault tests need not wait ten minutes.
    """
    return timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


def enqueue(task: Task | str, *args, **kwargs) -> OutboxMessage:
    """Run ``task(*args, **kwargs)`` on a worker once the current transaction commits.

    Arguments must be JSON-serialisable (ids and plain values, as Celery needs anyway).
    Outside a transaction the row commits at once and is relayed immediately.
    """
    name = task if isinstance(task, str) else task.name
    message = OutboxMessage.objects.create(task_name=name, args=list(args), kwargs=kwargs)
    transaction.on_commit(lambda: relay(message.pk))
    return message


def relay(message_id: int) -> bool:
    """Publish one undelivered row to the broker; False when another relay has it or
    the broker is unreachable (the periodic relay tries again later)."""
    now = timezone.now()
    claimed = OutboxMessage.objects.filter(
        pk=message_id, delivered_at__isnull=True, available_at__lte=now
    ).update(available_at=now + lease(), published_at=now)
    if not claimed:
        return False
    key = OutboxMessage.objects.filter(pk=message_id).values_list("key", flat=True).first()
    try:
        # No publish retries: a down broker must not hold up the request that committed.
        if app.conf.task_always_eager:
            _deliver_eagerly(message_id)
        else:
            app.send_task(
                DELIVER_TASK, kwargs={"message_id": message_id}, task_id=str(key), retry=False
            )
    except Exception as error:  # noqa: BLE001 - whatever the broker raised, retry later
        logger.warning("outbox: could not publish message %s: %r", message_id, error)
        OutboxMessage.objects.filter(pk=message_id, delivered_at__isnull=True).update(
            available_at=timezone.now() + PUBLISH_RETRY, last_error=repr(error)[:2000]
        )
        return False
    return True


def _deliver_eagerly(message_id: int) -> None:
    """``send_task`` ignores eager mode; call the deliver task in-process instead.

    Looked up by name, like ``send_task`` does: ``core.tasks`` imports this module, so
    importing the task here would make the two modules import each other.
    """
    app.tasks[DELIVER_TASK].apply(kwargs={"message_id": message_id})


def relay_pending(*, limit: int = 500) -> int:
    """Publish every row that is due: never published, broker was down, or its lease
    ran out without delivery. Returns how many were published."""
    due = OutboxMessage.objects.filter(
        delivered_at__isnull=True, available_at__lte=timezone.now(), attempts__lt=MAX_ATTEMPTS
    ).values_list("pk", flat=True)[:limit]
    return sum(relay(pk) for pk in list(due))


def deliver(message_id: int) -> bool:
    """Run one row's task, once: claim it, run it, mark it delivered.

    The claim is a conditional UPDATE, so of two workers holding the same row (a
    redelivered message, a second relay) only one runs it. Returns whether it ran.
    """
    now = timezone.now()
    claimed = OutboxMessage.objects.filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
        pk=message_id,
        delivered_at__isnull=True,
    ).update(claimed_until=now + lease(), attempts=F("attempts") + 1)
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        app.tasks[message.task_name](*message.args, **message.kwargs)
    except Exception as error:  # noqa: BLE001 - recorded; the relay retries it later
        logger.exception("outbox: task %s failed (message %s)", message.task_name, message_id)
        backoff = timedelta(seconds=min(30 * 2 ** (message.attempts - 1), 3600))
        OutboxMessage.objects.filter(pk=message_id).update(
            claimed_until=None,
            available_at=timezone.now() + backoff,
            last_error=repr(error)[:2000],
        )
        return False
    OutboxMessage.objects.filter(pk=message_id).update(
        delivered_at=timezone.now(), claimed_until=None, last_error=""
    )
    return True


def purge_delivered(*, older_than: timedelta = timedelta(days=7)) -> int:
    """Delivered rows are kept a week for inspection, then removed."""
    deleted, _ = OutboxMessage.objects.filter(delivered_at__lt=timezone.now() - older_than).delete()
    return deleted
