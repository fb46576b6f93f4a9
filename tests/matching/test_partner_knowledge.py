"""A partner that knows about an initiative's own subject is suggested, with a true
reason, even when the initiative did not ask for knowledge (issue 12: recall)."""

import pytest
from django.utils import translation

from initiatieven.models import Organisation
from matching import engine
from matching.engine import scoring as sc
from matching.models import Match
from matching.reasons import sentence, sentences
from netwerkplatform.core.models import Municipality
from tests.initiatieven.factories import (
    InitiativeFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
)
from tests.matching.reference import reference_top_k

GARDEN_ADVICE = "Kennis over natuur in de wijk en het ontwerpen van een moestuin"


def test_it_counts_knowledge_of_the_subject_with_a_shared_theme_that_is_not_broad():
    garden = sc.concepts("Buren kweken samen groente in de buurtmoestuin")
    advice = sc.knowledge_subjects([("knowledge", GARDEN_ADVICE)])
    assert sc.knows_subject({"groen", "voedsel"}, {"groen", "onderwijs"}, garden, advice)
    # a broad theme alone is no shared subject
    assert not sc.knows_subject(
        {"buurt en ontmoeting", "voedsel"}, {"buurt en ontmoeting"}, garden, advice
    )
    # hands or things nobody asked for are no knowledge
    guides = sc.knowledge_subjects([("people", "Natuurgidsen voor de moestuin")])
    assert not sc.knows_subject({"groen"}, {"groen"}, garden, guides)
    # advice on a means every initiative has (volunteers) is no subject
    volunteers = sc.knowledge_subjects([("knowledge", "Advies over het werven van vrijwilligers")])
    busy = sc.concepts("Vrijwilligers houden de moestuin bij")
    assert not sc.knows_subject({"groen"}, {"groen"}, busy, volunteers)


def test_a_playground_a_zoo_or_a_green_economy_is_no_garden():
    assert "tuin" not in sc.concepts("Ouders knappen de speeltuin op")
    assert "tuin" not in sc.concepts("Een uitje naar de dierentuin")
    assert "tuin" in sc.concepts("Een speeltuin naast de moestuin")
    assert "tuin" in sc.concepts("Een natuurspeeltuin")  # natuur is its subject
    # green as in climate is no greenery; greening and green maintenance are
    assert "tuin" not in sc.concepts("Voor vernieuwende, groene of sociale ondernemingen")
    assert "tuin" in sc.concepts("Groenonderhoud en kleine klussen")
    assert "tuin" in sc.concepts("We vergroenen het schoolplein en kweken groente")
    assert "tuin" not in sc.concepts("Voor een groene en eerlijke economie")
    assert "tuin" in sc.concepts("Een draaiboek voor groene pleinen")


def _garden():
    garden = InitiativeFactory(
        name="Buurtmoestuin",
        themes=["groen", "voedsel"],
        pitch="Buren kweken samen groente in een oude kas",
        description="",
        municipality=Municipality.objects.get(name="Gouda"),
    )
    NeedFactory(initiative=garden, kind="money", amount=3000, description="Nieuwe kasramen")
    NeedFactory(initiative=garden, kind="fiscal_host", amount=None, description="Een penvoerder")
    return garden


def _partner(name, themes, offers):
    partner = OrganisationFactory(
        name=name, kind=Organisation.Kind.ASSOCIATION, scope="national", themes=themes
    )
    for kind, text in offers:
        OfferFactory(organisation=partner, initiative=None, kind=kind, description=text)
    return partner


@pytest.mark.django_db
def test_a_partner_that_knows_the_subject_is_suggested_below_one_that_meets_the_need():
    garden = _garden()
    nature = _partner("Natuurclub", ["groen", "onderwijs"], [("knowledge", GARDEN_ADVICE)])
    host = _partner("Penvoerders NL", ["groen"], [("fiscal_host", "Penvoerderschap")])
    guides = _partner("Gidsen", ["groen"], [("people", "Natuurgidsen voor de moestuin")])
    engine.full_run()
    found = Match.objects.filter(initiative=garden, kind="partner").order_by("-score")
    assert [m.partner for m in found] == [host, nature]
    assert not found.filter(partner=guides).exists()
    knows = found.get(partner=nature)
    assert {
        "code": "knows",
        "offer_kind": "knowledge",
        "offer": GARDEN_ADVICE,
        "subjects": ["tuin"],
    } in knows.reasons
    with translation.override("nl"):
        assert (
            f"Zij weten veel van tuinen en groen, waar jullie mee bezig zijn: “{GARDEN_ADVICE}”"
            in sentences(knows)
        )
        assert (
            f"Jullie weten veel van tuinen en groen, waar zij mee bezig zijn: “{GARDEN_ADVICE}”"
            in sentences(knows, side="other")
        )
    assert reference_top_k()[(garden.pk, "partner")] == [(m.partner_id, m.score) for m in found]


def test_a_knowledge_reason_stored_without_its_subject_still_reads_as_a_sentence():
    """Reasons stored before they named the subject are shown until the next run."""
    stored = {"code": "knows", "offer_kind": "knowledge", "offer": GARDEN_ADVICE}
    with translation.override("nl"):
        mine = sentence(stored, side="initiative", kind="partner")
        theirs = sentence(stored, side="other", kind="partner")
    assert mine == f"Zij delen kennis over waar jullie mee bezig zijn: “{GARDEN_ADVICE}”"
    assert theirs == f"Jullie delen kennis over waar zij mee bezig zijn: “{GARDEN_ADVICE}”"
