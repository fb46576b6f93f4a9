"""The checks behind /health/: can we reach the database, the cache and the broker?"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from netwerkplatform.celery import app


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key = f"health-{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("cache did not return what was stored")
    cache.delete(key)


def check_broker() -> None:
    """With an eager Celery there is no broker to reach; otherwise connect briefly."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


def run_checks() -> dict[str, str]:
    """Each part's status: "ok", or "error: <reason>" (the reason helps an operator)."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # noqa: BLE001 - any failure means the part is down
            results[name] = f"error: {type(error).__name__}"
        else:
            results[name] = "ok"
    return results
