"""Storing a chunk's top K: one upsert per kind, expiry of what is no longer suggested.

Per chunk and kind the rows are streamed with ``COPY`` into a temporary table and
merged with a single ``INSERT … SELECT … ON CONFLICT``: building a 50,000-row VALUES
list in Python (``execute_values`` mogrifies every row) cost more than scoring them.
The whole chunk is one transaction under an advisory lock per chunk of ids, so:
- a rerun never duplicates a match (unique constraints + ``ON CONFLICT``),
- a rerun only writes the rows whose score or reasons changed (a nightly run over an
  unchanged platform rewrites nothing),
- a declined or matched match keeps its status and both responses (only score and
  reasons are updated; an expired one that qualifies again is suggested again),
- suggestions of the chunk the run did not keep expire, unless someone responded,
- a chunk that fails rolls back entirely, so earlier matches stay as they were,
- two runs over the same initiatives take turns writing (the lock) instead of
  expiring each other's fresh suggestions.
"""

import io

from django.db import connection, transaction
from django.utils import timezone

from matching.engine import scoring as sc
from matching.models import Match

# Initiative ids per chunk of a full run (one Celery task each). Chunk boundaries are
# fixed multiples, so the advisory lock of a chunk is the same in every run.
CHUNK_SIZE = 2000
LOCK_NAMESPACE = 5105  # first key of pg_advisory_xact_lock(int, int) for matching chunks

TARGET_COLUMN = {
    sc.KIND_SCHEME: "scheme_id",
    sc.KIND_PARTNER: "partner_id",
    sc.KIND_INITIATIVE: "other_initiative_id",
}
_COLUMNS = (
    "kind, initiative_id, scheme_id, partner_id, other_initiative_id, score, reasons, status,"
    " initiative_response, other_response, source, created_at, updated_at"
)
_INCOMING = "matching_incoming"
# Below this many rows (an incremental run) a VALUES list is cheaper than the
# temporary table's DDL, TRUNCATE and COPY round trips.
COPY_FROM_ROWS = 1000
QUOTE = '"'


def _conflict(kind: str) -> str:
    """The upsert clause; the WHERE names the partial unique index of this target.

    Rows whose score and reasons are unchanged (and that did not expire) are left alone.
    """
    table = Match._meta.db_table
    column = TARGET_COLUMN[kind]
    return (
        f" ON CONFLICT (initiative_id, {column}) WHERE {column} IS NOT NULL DO UPDATE SET"
        " score = EXCLUDED.score, reasons = EXCLUDED.reasons, updated_at = EXCLUDED.updated_at,"
        f" status = CASE WHEN {table}.status = 'expired' THEN 'suggested'"
        f" ELSE {table}.status END"
        f" WHERE {table}.score <> EXCLUDED.score OR {table}.reasons <> EXCLUDED.reasons"
        f" OR {table}.status = 'expired'"
    )


def _csv(rows: list[tuple]) -> io.StringIO:
    """initiative_id, target_id, score, reasons as CSV (JSON quoted, quotes doubled)."""
    lines = [
        f'{initiative_id},{target_id},{score},"{reasons.replace(QUOTE, QUOTE * 2)}"\n'
        for _, initiative_id, target_id, score, reasons in rows
    ]
    return io.StringIO("".join(lines))


def _upsert_postgres(kind: str, rows: list[tuple], now) -> int:
    table = Match._meta.db_table
    targets = ", ".join(
        "t.target_id" if column == TARGET_COLUMN[kind] else "NULL"
        for column in TARGET_COLUMN.values()
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
            " t.reasons::jsonb, %s, '', '', %s, %s, %s"
            f" FROM {_INCOMING} t ORDER BY t.initiative_id, t.target_id{_conflict(kind)}",
            [kind, Match.Status.SUGGESTED, Match.Source.ENGINE, now, now],
        )
        return cursor.rowcount


def _upsert(kind: str, rows: list[tuple], now) -> int:
    """Insert or update one kind's rows; returns how many rows were actually written."""
    if not rows:
        return 0
    if connection.vendor == "postgresql" and len(rows) >= COPY_FROM_ROWS:
        return _upsert_postgres(kind, rows, now)
    table = Match._meta.db_table
    target = TARGET_COLUMN[kind]
    values = [
        (
            kind,
            initiative_id,
            *[target_id if column == target else None for column in TARGET_COLUMN.values()],
            score,
            reasons,
            Match.Status.SUGGESTED,
            "",
            "",
            Match.Source.ENGINE,
            now,
            now,
        )
        for _, initiative_id, target_id, score, reasons in rows
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import execute_values

            template = "(" + ", ".join(["%s"] * 6 + ["%s::jsonb"] + ["%s"] * 6) + ")"
            execute_values(
                cursor.cursor,
                f"INSERT INTO {table} ({_COLUMNS}) VALUES %s{_conflict(kind)}",
                values,
                template=template,
                page_size=COPY_FROM_ROWS,  # one statement, so rowcount counts every row
            )
            return cursor.cursor.rowcount
        placeholders = ", ".join(["%s"] * 13)
        cursor.executemany(
            f"INSERT INTO {table} ({_COLUMNS}) VALUES ({placeholders}){_conflict(kind)}", values
        )
        return cursor.rowcount


def _expirable():
    """The engine's suggestions nobody answered: the only ones a run may expire."""
    return Match.objects.filter(
        source=Match.Source.ENGINE,
        status=Match.Status.SUGGESTED,
        initiative_response="",
        other_response="",
    )


def _expire(pks: list[int], now) -> None:
    for start in range(0, len(pks), 10_000):
        _expirable().filter(pk__in=pks[start : start + 10_000]).update(
            status=Match.Status.EXPIRED, updated_at=now
        )


def _expire_unkept(kind: str, rows: list[tuple], scope, now) -> None:
    """Expire the expirable suggestions of this kind in scope that were not kept.

    Read and compared in Python: a chunk holds at most ~20,000 live suggestions per kind,
    and on a first run none, so this is one small query instead of an anti-join per path.
    """
    kept = {(row[1], row[2]) for row in rows}
    target = TARGET_COLUMN[kind]
    unkept = [
        pk
        for pk, initiative_id, target_id in scope.filter(kind=kind).values_list(
            "pk", "initiative_id", target
        )
        if (initiative_id, target_id) not in kept
    ]
    _expire(unkept, now)


def _lock_chunks(initiative_ids) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite allows one writer at a time anyway
    with connection.cursor() as cursor:
        # Suggestions are recomputable: a crash losing the last chunk's commit only
        # means the next run writes it again, so don't wait for the WAL flush.
        cursor.execute("SET LOCAL synchronous_commit = off")
        for bucket in sorted({pk // CHUNK_SIZE for pk in initiative_ids}):
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, bucket])


def store(results, *, kinds, initiative_ids=None, id_range=None) -> int:
    """Write one chunk's top K and expire what it no longer suggests, all or nothing.

    Returns the number of rows written (new or changed).
    """
    now = timezone.now()
    by_kind: dict[str, list] = {kind: [] for kind in kinds}
    for row in results:
        by_kind[row[0]].append(row)
    live = _expirable()
    if id_range is not None:
        live = live.filter(initiative_id__gte=id_range[0], initiative_id__lt=id_range[1])
        lock_ids = range(id_range[0], id_range[1], CHUNK_SIZE)
    else:
        live = live.filter(initiative_id__in=list(initiative_ids))
        lock_ids = initiative_ids
    written = 0
    with transaction.atomic():
        _lock_chunks(lock_ids)
        for kind, rows in by_kind.items():
            _expire_unkept(kind, rows, live, now)
            written += _upsert(kind, rows, now)
    return written


def add(rows: list[tuple], *, kind: str, expire: list[int]) -> int:
    """Add single entering suggestions and expire those they push out of a top K
    (only those nobody answered).

    For the incremental run (``matching.engine.incremental``): unlike ``store`` it
    leaves the initiatives' other suggestions alone. Returns the rows written.
    """
    if not rows:
        return 0
    now = timezone.now()
    with transaction.atomic():
        _lock_chunks([row[1] for row in rows])
        written = _upsert(kind, rows, now)
        _expire(expire, now)
    return written
