"""The shared vocabulary every app speaks: themes, resource kinds and hats.

Themes are taggit tags so people can add their own words; the curated list below is
what forms suggest first and what the data migration creates. Resource kinds are a
closed list because matching compares them (a need for ``space`` meets an offer of
``space``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

CURATED_THEMES: tuple[str, ...] = (
    "wonen",
    "zorg en welzijn",
    "energie",
    "groen",
    "cultuur",
    "economie",
    "jeugd",
    "ouderen",
    "inclusie",
    "voedsel",
    "mobiliteit",
    "veiligheid",
    "sport",
    "onderwijs",
    "armoede",
    "participatie",
    "duurzaamheid",
    "buurt en ontmoeting",
    "gezondheid",
    "werk",
)


class ResourceKind(models.TextChoices):
    MONEY = "money", _("money")
    KNOWLEDGE = "knowledge", _("knowledge")
    PEOPLE = "people", _("people")
    SPACE = "space", _("space")
    MATERIALS = "materials", _("materials")
    NETWORK = "network", _("network")
    ORGANISING_POWER = "organising_power", _("organising power")
    FISCAL_HOST = "fiscal_host", _("fiscal hosting (penvoerderschap)")


# The roles ("petjes") one person wears. Stored as these plain Dutch words, the way
# people say them on a badge; anyone may add words of their own.
CURATED_HATS: tuple[str, ...] = (
    "initiatiefnemer",
    "vrijwilliger",
    "professional",
    "ambtenaar",
    "fondsmedewerker",
    "ondernemer",
    "bestuurder",
    "verbinder",
    "onderzoeker",
    "bewoner",
    "mantelzorger",
    "ouder",
    "student",
)
MAX_HATS = 8
MAX_HAT_LENGTH = 40
