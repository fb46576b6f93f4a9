"""Storing a chunk's top K: one upsert per kind, expiry of what is no longer suggested.

Per chunk and kind the rows are streamed with ``COPY`` into a temporary table and
merged with a single ``INSERT … SELECT … ON CONFLICT``: building a 50,000-row VALUES
list in Python (``execute_values`` mogrifies every row) cost more than scoring them.
The whole chunk is one transaction under an advisory lock per chunk of ids, so:
- a rerun never duplicates a match (unique constraints + ``ON CONFLICT``),
- a declined or matched match keeps its status and both responses (only score, reasons
  and the run marker are updated; an expired one that qualifies again is suggested again),
- suggestions of the chunk the run did not confirm expire, unless someone responded,
- a chunk that fails rolls back entirely, so earlier matches stay as they were,
- two runs over the same initiatives take turns writing (the lock) instead of
  expiring each other's fresh suggestions.
"""

import io
import json

from django.db import connection, transaction
from django.utils import timezone

from matching import scoring as sc
from matching.models import Match, MatchRun

# Initiative ids per chunk of a full run (one Celery task each). Chunk boundaries are
# fixed multiples, so the advisory lock of a chunk is the same in every run.
CHUNK_SIZE = 2000
LOCK_NAMESPACE = 5105  # first key of pg_advisory_xact_lock(int, int) for matching chunks

_TARGET_COLUMN = {
    sc.KIND_SCHEME: "scheme_id",
    sc.KIND_PARTNER: "partner_id",
    sc.KIND_INITIATIVE: "other_initiative_id",
}
_COLUMNS = (
    "kind, initiative_id, scheme_id, partner_id, other_initiative_id, score, reasons, status,"
    " initiative_response, other_response, source, last_run_id, created_at, updated_at"
)
_INCOMING = "matching_incoming"
# Below this many rows (an incremental run) a VALUES list is cheaper than the
# temporary table's DDL, TRUNCATE and COPY round trips.
COPY_FROM_ROWS = 1000
QUOTE = '"'


def _conflict(kind: str) -> str:
    table = Match._meta.db_table
    return (
        f" ON CONFLICT (initiative_id, {_TARGET_COLUMN[kind]}) DO UPDATE SET"
        " score = EXCLUDED.score, reasons = EXCLUDED.reasons,"
        " last_run_id = EXCLUDED.last_run_id, updated_at = EXCLUDED.updated_at,"
        f" status = CASE WHEN {table}.status = 'expired' THEN 'suggested'"
        f" ELSE {table}.status END"
    )


def _csv(rows: list[tuple]) -> io.StringIO:
    """initiative_id, target_id, score, reasons as CSV (JSON quoted, quotes doubled)."""
    dumps = json.dumps
    lines = [
        f'{initiative_id},{target_id},{score},"{dumps(reasons).replace(QUOTE, QUOTE * 2)}"\n'
        for _, initiative_id, target_id, score, reasons in rows
    ]
    return io.StringIO("".join(lines))


def _upsert_postgres(kind: str, rows: list[tuple], run_id: int, now) -> None:
    table = Match._meta.db_table
    targets = ", ".join(
        "t.target_id" if column == _TARGET_COLUMN[kind] else "NULL"
        for column in _TARGET_COLUMN.values()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {_INCOMING} (initiative_id integer,"
            " target_id integer, score smallint, reasons text) ON COMMIT DELETE ROWS"
        )
        cursor.execute(f"TRUNCATE {_INCOMING}")
        cursor.cursor.copy_expert(
            f"COPY {_INCOMING} (initiative_id, target_id, score, reasons) FROM STDIN WITH CSV",
            _csv(rows),
        )
        cursor.execute(
            f"INSERT INTO {table} ({_COLUMNS}) SELECT %s, t.initiative_id, {targets}, t.score,"
            " t.reasons::jsonb, %s, '', '', %s, %s, %s, %s"
            f" FROM {_INCOMING} t ORDER BY t.initiative_id, t.target_id{_conflict(kind)}",
            [kind, Match.Status.SUGGESTED, Match.Source.ENGINE, run_id, now, now],
        )


def _upsert(kind: str, rows: list[tuple], run_id: int, now) -> None:
    if not rows:
        return
    if connection.vendor == "postgresql" and len(rows) >= COPY_FROM_ROWS:
        _upsert_postgres(kind, rows, run_id, now)
        return
    table = Match._meta.db_table
    target = _TARGET_COLUMN[kind]
    values = [
        (
            kind,
            initiative_id,
            *[target_id if column == target else None for column in _TARGET_COLUMN.values()],
            score,
            json.dumps(reasons),
            Match.Status.SUGGESTED,
            "",
            "",
            Match.Source.ENGINE,
            run_id,
            now,
            now,
        )
        for _, initiative_id, target_id, score, reasons in rows
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import execute_values

            template = "(" + ", ".join(["%s"] * 6 + ["%s::jsonb"] + ["%s"] * 7) + ")"
            execute_values(
                cursor.cursor,
                f"INSERT INTO {table} ({_COLUMNS}) VALUES %s{_conflict(kind)}",
                values,
                template=template,
                page_size=COPY_FROM_ROWS,
            )
            return
        placeholders = ", ".join(["%s"] * 14)
        cursor.executemany(
            f"INSERT INTO {table} ({_COLUMNS}) VALUES ({placeholders}){_conflict(kind)}", values
        )


def _lock_chunks(initiative_ids) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite allows one writer at a time anyway
    with connection.cursor() as cursor:
        # Suggestions are recomputable: a crash losing the last chunk's commit only
        # means the next run writes it again, so don't wait for the WAL flush.
        cursor.execute("SET LOCAL synchronous_commit = off")
        for bucket in sorted({pk // CHUNK_SIZE for pk in initiative_ids}):
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, bucket])


def store(run: MatchRun, results, *, kinds, initiative_ids=None, id_range=None) -> int:
    """Write one chunk's top-K and expire what it no longer suggests, all or nothing."""
    now = timezone.now()
    by_kind: dict[str, list] = {kind: [] for kind in kinds}
    for row in results:
        by_kind[row[0]].append(row)
    stale = Match.objects.filter(
        kind__in=kinds,
        source=Match.Source.ENGINE,
        status=Match.Status.SUGGESTED,
        initiative_response="",
        other_response="",
    ).exclude(last_run=run)
    if id_range is not None:
        stale = stale.filter(initiative_id__gte=id_range[0], initiative_id__lt=id_range[1])
        lock_ids = range(id_range[0], id_range[1], CHUNK_SIZE)
    else:
        stale = stale.filter(initiative_id__in=list(initiative_ids))
        lock_ids = initiative_ids
    with transaction.atomic():
        _lock_chunks(lock_ids)
        for kind, rows in by_kind.items():
            _upsert(kind, rows, run.pk, now)
        stale.update(status=Match.Status.EXPIRED, updated_at=now)
    return len(results)
