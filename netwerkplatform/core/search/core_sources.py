"""Core's own words for "Bedoelde je …?": places and the curated themes."""

from netwerkplatform.core.models import Municipality, Province
from netwerkplatform.core.search.suggest import register_vocabulary_source
from netwerkplatform.core.vocabulary import CURATED_THEMES


def _vocabulary():
    yield from Municipality.objects.values_list("name", flat=True)
    yield from Province.objects.values_list("name", flat=True)
    yield from CURATED_THEMES


register_vocabulary_source("core", _vocabulary)
