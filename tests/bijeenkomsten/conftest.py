import pytest


@pytest.fixture(autouse=True)
def _on_commit_runs_at_once(on_commit_runs_at_once):
    """Event mail goes through the outbox after commit: see ``on_commit_runs_at_once``."""
