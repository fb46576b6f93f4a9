"""Transactional tests flush the database, including the municipalities a migration
loaded; tests that need places put them back with the migration's own loader."""

import importlib

from django.apps import apps

from netwerkplatform.core.models import Municipality


def ensure_places() -> None:
    if not Municipality.objects.exists():
        migration = importlib.import_module(
            "netwerkplatform.core.migrations.0002_load_municipalities"
        )
        migration.load(apps, None)
