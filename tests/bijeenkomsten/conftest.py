import pytest
from django.db import transaction


@pytest.fixture(autouse=True)
def _on_commit_runs_at_once(request, monkeypatch):
    """Inside a test's wrapping transaction nothing commits, so mails queued with
    ``on_commit`` would never go; run them at once instead (transactional tests commit
    for real and keep the real behaviour)."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        return
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
