"""The engine: hard rules, reasons, idempotent reruns, expiry, failures and run records."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse

from initiatieven.models import Organisation, OrganisationMember
from matching import engine
from matching.engine import writes
from matching.models import Match, MatchRun
from netwerkplatform.core.models import Municipality
from tests.core.factories import UserFactory
from tests.initiatieven.factories import (
    FundingSchemeFactory,
    InitiativeFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
)
from tests.matching.reference import reference_top_k

pytestmark = pytest.mark.django_db


def _gouda():
    return Municipality.objects.get(name="Gouda")


@pytest.fixture
def initiative():
    item = InitiativeFactory(
        name="Gouda Bruist",
        pitch="Bewoners en ondernemers bundelen ideeën voor wonen en energie in de buurt.",
        themes=["wonen", "energie"],
        legal_form="foundation",
        stage="start",
    )
    NeedFactory(initiative=item, kind="money", amount=2500, description="Geld voor een buurtfeest")
    NeedFactory(
        initiative=item, kind="space", amount=None, description="Een ruimte om te vergaderen"
    )
    return item


def _scheme(**kwargs):
    fund = OrganisationFactory(name="Fonds 1818")
    defaults = {
        "organisation": fund,
        "name": "Buurtbudget",
        "description": "Voor bewoners die wonen en energie in hun buurt aanpakken.",
        "themes": ["wonen", "energie"],
        "min_amount": 1000,
        "max_amount": 5000,
    }
    defaults.update(kwargs)
    return FundingSchemeFactory(**defaults)


def test_it_matches_an_initiative_with_an_open_scheme_and_says_why(initiative):
    scheme = _scheme()
    engine.full_run()
    match = Match.objects.get(initiative=initiative, scheme=scheme)
    assert match.status == "suggested"
    assert match.score >= 60
    codes = {reason["code"]: reason for reason in match.reasons}
    assert codes["themes"]["themes"] == ["energie", "wonen"]
    assert codes["amount"] == {
        "code": "amount",
        "min": 1000.0,
        "max": 5000.0,
        "asked": 2500.0,
        "need": "Geld voor een buurtfeest",
    }
    # "This fund works in the whole country" is true of every pair: never a reason.
    assert "region" not in codes


@pytest.mark.parametrize(
    "rule",
    [
        {"closes_on": datetime.date(2001, 1, 1)},
        {"is_active": False},
        {"eligible_stages": ["growth"]},
        {"min_amount": 3000, "max_amount": 9000},
        {"scope": "municipalities"},  # without Gouda in its municipalities
    ],
)
def test_it_applies_the_hard_rules_before_any_score(initiative, rule):
    _scheme(**rule)
    engine.full_run()
    assert not Match.objects.filter(initiative=initiative, kind="scheme").exists()


def test_it_keeps_a_legal_form_failure_as_possible_with_a_nearby_penvoerder(initiative):
    initiative.legal_form = "informal"
    initiative.save()
    host = OrganisationFactory(
        kind=Organisation.Kind.WELFARE, name="Welzijn Gouda", scope="municipalities"
    )
    host.municipalities.set([_gouda()])
    OfferFactory(organisation=host, kind="fiscal_host", description="Wij zijn penvoerder")
    far = OrganisationFactory(
        kind=Organisation.Kind.WELFARE, name="Welzijn Zwolle", scope="municipalities"
    )
    far.municipalities.set([Municipality.objects.get(name="Zwolle")])
    OfferFactory(organisation=far, kind="fiscal_host", description="Wij zijn penvoerder")
    scheme = _scheme(requires_legal_entity=True)
    engine.full_run()
    match = Match.objects.get(initiative=initiative, scheme=scheme)
    penvoerder = next(r for r in match.reasons if r["code"] == "penvoerder")
    assert penvoerder["hosts"] == [{"id": host.pk, "name": "Welzijn Gouda"}]


def test_it_matches_an_initiative_without_text_or_themes_on_region_and_needs():
    bare = InitiativeFactory(name="X", pitch="", description="", themes=[])
    NeedFactory(initiative=bare, kind="space", amount=None, description="")
    partner = OrganisationFactory(
        kind=Organisation.Kind.HOUSING, scope="municipalities", description=""
    )
    partner.municipalities.set([_gouda()])
    OfferFactory(organisation=partner, kind="space", description="")
    engine.full_run()
    match = Match.objects.get(initiative=bare, partner=partner)
    assert {
        "code": "offers",
        "need_kind": "space",
        "need": "",
        "offer_kind": "space",
        "offer": "",
    } in match.reasons
    assert {"code": "region", "level": "municipality", "place": "Gouda"} in match.reasons


def test_it_never_duplicates_a_match_on_a_rerun(initiative):
    _scheme()
    engine.full_run()
    first = Match.objects.count()
    engine.full_run()
    assert Match.objects.count() == first > 0


def test_a_rerun_writes_only_the_rows_whose_score_or_reasons_changed(initiative):
    scheme = _scheme()
    first = engine.full_run()
    assert first.matches_written == Match.objects.count() > 0
    written_at = Match.objects.get(scheme=scheme).updated_at

    unchanged = engine.full_run()
    assert unchanged.matches_written == 0
    assert Match.objects.get(scheme=scheme).updated_at == written_at

    type(scheme).objects.filter(pk=scheme.pk).update(max_amount=2500)  # reasons change
    changed = engine.full_run()
    assert changed.matches_written == 1
    match = Match.objects.get(scheme=scheme)
    assert match.updated_at > written_at
    assert {
        "code": "amount",
        "min": 1000.0,
        "max": 2500.0,
        "asked": 2500.0,
        "need": "Geld voor een buurtfeest",
    } in match.reasons


def test_it_never_brings_back_a_declined_match_and_keeps_the_responses(initiative):
    scheme = _scheme()
    engine.full_run()
    Match.objects.filter(scheme=scheme).update(
        status="declined", initiative_response="not_interested", other_response="interested"
    )
    engine.full_run()
    match = Match.objects.get(scheme=scheme)
    assert (match.status, match.initiative_response, match.other_response) == (
        "declined",
        "not_interested",
        "interested",
    )


def test_it_expires_suggestions_that_no_longer_qualify_unless_someone_responded(initiative):
    quiet = _scheme()
    answered = _scheme(name="Tweede regeling")
    engine.full_run()
    Match.objects.filter(scheme=answered).update(other_response="interested")
    type(quiet).objects.filter(pk__in=[quiet.pk, answered.pk]).update(is_active=False)
    engine.full_run()
    assert Match.objects.get(scheme=quiet).status == "expired"
    assert Match.objects.get(scheme=answered).status == "suggested"


def test_it_suggests_an_expired_match_again_when_it_qualifies_again(initiative):
    scheme = _scheme()
    engine.full_run()
    type(scheme).objects.filter(pk=scheme.pk).update(is_active=False)
    engine.full_run()
    type(scheme).objects.filter(pk=scheme.pk).update(is_active=True)
    engine.full_run()
    assert Match.objects.get(scheme=scheme).status == "suggested"


def test_it_leaves_previous_matches_intact_when_a_run_fails(initiative, monkeypatch):
    scheme = _scheme()
    engine.full_run()
    before = Match.objects.get(scheme=scheme)
    type(scheme).objects.filter(pk=scheme.pk).update(is_active=False)

    def broken(*args, **kwargs):
        raise RuntimeError("database went away halfway")

    monkeypatch.setattr(writes, "_upsert", broken)
    run = engine.full_run()
    after = Match.objects.get(scheme=scheme)
    assert (
        (after.status, after.score) == (before.status, before.score) == ("suggested", before.score)
    )
    assert run.status == "failed"
    assert "database went away halfway" in run.error


def test_it_records_every_run_with_its_figures(initiative):
    _scheme()
    run = engine.full_run()
    assert run.status == "succeeded"
    assert run.pairs_scored > 0
    assert run.matches_written == Match.objects.count()
    assert run.duration_ms is not None
    assert run.chunks.count() == run.chunks_total == 1


def test_it_shares_a_full_run_in_chunks_by_initiative_id(initiative):
    others = [InitiativeFactory(themes=["wonen"]) for _ in range(4)]
    for other in others:  # a fund only suits initiatives that ask for money
        NeedFactory(initiative=other, kind="money", amount=2000)
    _scheme()
    run = engine.full_run(chunk_size=2)
    assert run.chunks_total >= 2
    assert run.status == "succeeded"
    assert set(Match.objects.filter(kind="scheme").values_list("initiative_id", flat=True)) == {
        initiative.pk,
        *[o.pk for o in others],
    }


def test_it_recomputes_one_initiative_incrementally(initiative):
    scheme = _scheme(eligible_stages=["growth"])
    engine.full_run()
    assert not Match.objects.filter(scheme=scheme).exists()
    type(initiative).objects.filter(pk=initiative.pk).update(stage="growth")
    run = engine.incremental_run(initiative_ids=[initiative.pk])
    assert run.kind == MatchRun.Kind.INCREMENTAL and run.status == "succeeded"
    assert Match.objects.filter(scheme=scheme, initiative=initiative).exists()


def test_it_brings_a_changed_scheme_to_the_initiatives_it_now_fits(initiative):
    scheme = _scheme(is_active=False)
    engine.full_run()
    type(scheme).objects.filter(pk=scheme.pk).update(is_active=True)
    engine.incremental_run(scheme_ids=[scheme.pk])
    assert Match.objects.get(scheme=scheme).status == "suggested"


def test_it_agrees_with_the_reference_on_a_realistic_dataset(initiative):
    _scheme()
    for n in range(3):
        other = InitiativeFactory(themes=["wonen"], pitch=f"Samen wonen in de buurt {n}")
        OfferFactory(organisation=None, initiative=other, kind="space", description="Onze zaal")
    engine.full_run()
    stored = {}
    for m in Match.objects.order_by("-score", "pk"):
        target = m.scheme_id or m.partner_id or m.other_initiative_id
        stored.setdefault((m.initiative_id, m.kind), []).append((target, m.score))
    assert stored == reference_top_k()
    assert "initiative" in {kind for _, kind in stored}


def _live_top_k() -> dict:
    """What the platform shows as each initiative's top K: the unexpired matches."""
    stored = {}
    for m in Match.objects.exclude(status="expired").order_by("-score", "pk"):
        target = m.scheme_id or m.partner_id or m.other_initiative_id
        stored.setdefault((m.initiative_id, m.kind), []).append((target, m.score))
    for kept in stored.values():
        kept.sort(key=lambda pair: (-pair[1], pair[0]))
    return stored


@pytest.fixture
def crowded():
    """Fourteen initiatives on the same subject, so every top 10 is full, plus one
    initiative on another subject that can move in or out of their top 10s."""
    gouda = _gouda()
    crowd = [
        InitiativeFactory(
            themes=["wonen", "energie"] if n % 2 else ["wonen"],
            pitch=f"Bewoners werken samen aan wonen in de buurt, groep {n}",
            municipality=gouda if n % 3 == 0 else Municipality.objects.get(name="Zwolle"),
        )
        for n in range(14)
    ]
    outsider = InitiativeFactory(themes=["sport"], pitch="Wekelijks voetbal voor jongeren")
    _scheme()
    return crowd, outsider


def test_an_incremental_run_leaves_the_same_top_k_as_the_reference_when_one_enters(crowded):
    _, outsider = crowded
    engine.full_run()
    assert outsider.pk not in {target for kept in _live_top_k().values() for target, _ in kept}, (
        "the outsider must start outside every top 10"
    )
    outsider.themes.set(["wonen", "energie"])
    type(outsider).objects.filter(pk=outsider.pk).update(municipality=_gouda())

    run = engine.incremental_run(initiative_ids=[outsider.pk])

    assert run.status == "succeeded", run.error
    assert _live_top_k() == reference_top_k()
    assert Match.objects.filter(status="expired").exists(), "someone was pushed out"


def test_an_incremental_run_leaves_the_same_top_k_as_the_reference_when_one_leaves(crowded):
    crowd, _ = crowded
    engine.full_run()
    leaving = crowd[3]
    assert Match.objects.filter(other_initiative=leaving).exists()
    leaving.themes.set(["sport"])
    type(leaving).objects.filter(pk=leaving.pk).update(
        municipality=Municipality.objects.get(name="Maastricht")
    )

    run = engine.incremental_run(initiative_ids=[leaving.pk])

    assert run.status == "succeeded", run.error
    assert _live_top_k() == reference_top_k()


def test_saving_an_initiative_with_needs_and_an_offer_runs_matching_once(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        item = InitiativeFactory(themes=["wonen"])
        NeedFactory(initiative=item, kind="money", amount=2000)
        NeedFactory(initiative=item, kind="space", amount=None, description="Een zaal")
        OfferFactory(organisation=None, initiative=item, kind="knowledge", description="Tips")
    runs = MatchRun.objects.filter(kind=MatchRun.Kind.INCREMENTAL)
    assert runs.count() == 1
    assert runs.get().scope["initiatives"] == [item.pk]


def test_a_rolled_back_save_enqueues_nothing_and_the_next_save_still_runs(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                InitiativeFactory(name="Teruggedraaid")
                raise RuntimeError
        except RuntimeError:
            pass
        with transaction.atomic():
            kept = InitiativeFactory(name="Bewaard")
    runs = MatchRun.objects.filter(kind=MatchRun.Kind.INCREMENTAL)
    assert [run.scope["initiatives"] for run in runs] == [[kept.pk]]


def test_a_fund_stating_its_main_subject_no_longer_gets_a_side_theme_match(
    client, initiative, django_capture_on_commit_callbacks
):
    """The fund ticks "energie" as what its scheme is mainly about; after the save's run
    an initiative that shares only "wonen" with it loses the suggestion, the one that
    shares "energie" keeps it."""
    scheme = _scheme()
    housing = InitiativeFactory(name="Woonerf", themes=["wonen"], legal_form="foundation")
    NeedFactory(initiative=housing, kind="money", amount=2000, description="Bankjes")
    engine.full_run()
    assert Match.objects.filter(scheme=scheme, initiative=housing, status="suggested").exists()
    member = UserFactory(verified=True)
    OrganisationMember.objects.create(
        organisation=scheme.organisation, user=member, role=OrganisationMember.Role.ADMIN
    )
    client.force_login(member)
    form = {
        "name": scheme.name,
        "description": scheme.description,
        "themes": ["wonen", "energie"],
        "main_themes": ["energie"],
        "min_amount": "1000",
        "max_amount": "5000",
        "scope": "",
        "is_active": "on",
    }
    url = reverse("initiatieven:scheme_edit", args=[scheme.organisation.slug, scheme.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, form).status_code == 302
    assert not Match.objects.filter(scheme=scheme, initiative=housing, status="suggested")
    assert Match.objects.filter(scheme=scheme, initiative=initiative, status="suggested")
