import pytest

from matching.engine.corpus import set_corpus


@pytest.fixture(autouse=True)
def _fresh_corpus():
    """Each test starts without a cached corpus (the database is rolled back between tests)."""
    set_corpus(None)
    yield
    set_corpus(None)
