import pytest

from netwerkplatform.core.models import Municipality, Province
from netwerkplatform.core.services import municipality_lookup

pytestmark = pytest.mark.django_db


def test_it_loads_all_342_municipalities_in_12_provinces():
    assert Municipality.objects.count() == 342
    assert Province.objects.count() == 12
    assert Municipality.objects.get(code="GM0513").name == "Gouda"
    assert Municipality.objects.get(code="GM0513").province.name == "Zuid-Holland"


@pytest.mark.parametrize(
    ("typed", "official"),
    [
        ("Den Haag", "'s-Gravenhage"),
        ("den bosch", "'s-Hertogenbosch"),
        ("'s-Hertogenbosch", "'s-Hertogenbosch"),
        ("Gemeente Gouda", "Gouda"),
        ("sudwest-fryslan", "Súdwest-Fryslân"),
        ("Bergen (L.)", "Bergen (L.)"),
        ("GM0193", "Zwolle"),
    ],
)
def test_it_finds_municipalities_by_everyday_names(typed, official):
    assert municipality_lookup(typed).name == official


def test_it_returns_nothing_for_an_unknown_place():
    assert municipality_lookup("Atlantis") is None
    assert municipality_lookup("") is None


@pytest.mark.parametrize("attempt", [1, 2])
@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_reference_data_across_transactional_tests(attempt):
    """The first run flushes the tables at its end; the second must still find them."""
    assert Municipality.objects.count() == 342
    from taggit.models import Tag

    assert Tag.objects.filter(name="zorg en welzijn").exists()
