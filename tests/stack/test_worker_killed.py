"""A worker process SIGKILLed while full-run chunks are in flight (the OOM killer's way):
``acks_late`` + ``reject_on_worker_lost`` put the chunk back, the run completes, no Match
is duplicated, answers people gave are kept, and MatchRun shows both attempts.

The kill lands at a known moment, not a lucky one: the test holds a row lock on the
run, so every chunk stops at its last step (counting itself into the run) with its
matches written and its own row still "running" (that step is one transaction). The
pool processes die there; the lock is then released.
"""

import os
import signal
from contextlib import contextmanager
from pathlib import Path

import psycopg2
from django.db import connection as db_connection
from django.db.models import Count
from django.utils import timezone

from matching.engine import full_run as full_run_here
from matching.engine.corpus import set_corpus
from matching.models import Match, MatchRun
from netwerkplatform.celery import app as celery_app
from tests.initiatieven.factories import FundingSchemeFactory, InitiativeFactory, NeedFactory
from tests.matching.places import ensure_places
from tests.stack.harness import database_url, wait_until


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


@contextmanager
def run_row_locked(run_id: int):
    """Hold the lock an UPDATE takes on the run's row, from a connection of its own.

    ``FOR NO KEY UPDATE``, not ``FOR UPDATE``: chunks must still be able to insert their
    own rows, whose foreign key to the run takes a key-share lock on it.
    """
    connection = psycopg2.connect(database_url())
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM matching_matchrun WHERE id = %s FOR NO KEY UPDATE", [run_id]
            )
            yield
        connection.rollback()
    finally:
        connection.close()


def _waiting_on_a_lock() -> int:
    """Backends blocked on a lock, read outside the locking transaction (PostgreSQL
    keeps one snapshot of the activity view per transaction)."""
    with db_connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def test_it_completes_a_full_run_after_a_worker_process_is_killed(stack):
    """Long because set-up, kill and the checks after it are one fault story."""
    ensure_places()
    for _ in range(40):  # each asks money without naming an amount: every scheme may apply
        NeedFactory(initiative=InitiativeFactory(themes=["wonen"]), kind="money", amount=None)
    FundingSchemeFactory(themes=["wonen"])
    set_corpus(None)
    yesterday = full_run_here()  # the suggestions people answer
    answered = Match.objects.filter(kind="scheme").first()
    Match.objects.filter(pk=answered.pk).update(
        initiative_response=Match.Response.INTERESTED, initiative_responded_at=timezone.now()
    )
    before = Match.objects.count()

    worker = stack.start("worker")
    wait_until(lambda: "ready" in stack.log("worker"), seconds=60, what="the worker")
    celery_app.conf.task_always_eager = False
    with celery_app.connection_for_write(stack.redis.url) as connection:
        celery_app.send_task(
            "matching.tasks.full_run", kwargs={"chunk_size": 4}, connection=connection
        )
    run = wait_until(
        lambda: MatchRun.objects.filter(kind="full").exclude(pk=yesterday.pk).first(),
        seconds=60,
        what="the full run to start",
        interval=0.02,  # before its first chunk has loaded the corpus
    )
    with run_row_locked(run.pk):
        wait_until(
            lambda: _waiting_on_a_lock() >= 1
            and MatchRun.objects.filter(parent=run, status="running").exists(),
            seconds=180,
            what="a chunk waiting to count itself into the run",
        )
        killed = _children(worker.pid)
        assert killed, "the prefork worker has pool processes"
        for pid in killed:
            os.kill(pid, signal.SIGKILL)

    wait_until(
        lambda: MatchRun.objects.filter(pk=run.pk, finished_at__isnull=False).exists(),
        seconds=300,  # redelivery waits for the lost chunk; slow on a busy CI machine
        what=f"the run to finish after the kill\n{stack.log('worker')}",
    )
    run.refresh_from_db()
    assert run.status == MatchRun.Status.SUCCEEDED, run.error
    assert run.chunks_done == run.chunks_total >= 10
    lost = run.chunks.filter(status=MatchRun.Status.FAILED)
    assert lost.exists(), "the killed attempt is recorded"
    for attempt in lost:
        assert "worker lost" in attempt.error
        assert run.chunks.filter(
            status=MatchRun.Status.SUCCEEDED,
            scope__from_id=attempt.scope["from_id"],
            scope__to_id=attempt.scope["to_id"],
        ).count() == 1, "the redelivered attempt finished once"
    assert not run.chunks.filter(status=MatchRun.Status.RUNNING).exists()

    duplicates = (
        Match.objects.values("kind", "initiative", "scheme", "partner", "other_initiative")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not duplicates.exists()
    assert Match.objects.count() == before
    answered.refresh_from_db()
    assert answered.initiative_response == Match.Response.INTERESTED
