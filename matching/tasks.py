"""Celery tasks of matching. Thin: they take ids and call one engine/service function.

Chunks of a full run are separate tasks so several workers share a run; with
``acks_late`` (settings) a chunk whose worker died is redelivered, which is harmless
because a chunk is an idempotent upsert under a lock.
"""

from celery import shared_task

from matching import engine, services


@shared_task(ignore_result=True)
def full_run(*, requested_by_id: int | None = None, chunk_size: int = engine.CHUNK_SIZE) -> None:
    """Nightly and from the admin: record the run, then fan out one task per chunk."""
    run, chunks = engine.full_run_start(requested_by_id=requested_by_id, chunk_size=chunk_size)
    for lo, hi in chunks:
        full_run_chunk.delay(run_id=run.pk, lo=lo, hi=hi)


@shared_task(bind=True, ignore_result=True)
def full_run_chunk(self, *, run_id: int, lo: int, hi: int) -> None:
    engine.full_run_chunk(run_id=run_id, lo=lo, hi=hi, worker=self.request.hostname or "")


@shared_task(ignore_result=True)
def incremental_run(
    *, initiative_ids: list[int] = (), scheme_ids: list[int] = (), partner_ids: list[int] = ()
) -> None:
    engine.incremental_run(
        initiative_ids=initiative_ids, scheme_ids=scheme_ids, partner_ids=partner_ids
    )


@shared_task(ignore_result=True)
def weekly_digest() -> None:
    """Weekly: new suggestions since each person's last digest (a rerun sends nothing new)."""
    services.digest_send_all()
