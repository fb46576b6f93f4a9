"""Reference data (municipalities, provinces) survives transactional browser tests.

Each browser test empties the tables when it ends; serialized rollback must put the
migration-loaded data back for the next one, also while Playwright is running (see
``django_db_setup`` in tests/conftest.py).
"""

import pytest

from netwerkplatform.core.models import Municipality, Province

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("attempt", [1, 2])
def test_it_finds_all_municipalities_in_every_browser_test(page, attempt):
    assert Municipality.objects.count() == 342
    assert Province.objects.count() == 12
