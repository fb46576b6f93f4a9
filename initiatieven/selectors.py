"""Read-side queries of initiatieven, including the hard criteria of a funding scheme.

The hard-criteria predicates are plain functions over values (not over a saved scheme)
so the same rules serve three callers: the live count while a fund edits an unsaved
scheme, the saved scheme's count, and the matching engine (which reuses them rather
than writing its own version of "does this region cover that municipality").
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from initiatieven.models import (
    FundingScheme,
    Initiative,
    LegalForm,
    Membership,
    Need,
    Organisation,
    OrganisationMember,
    Scope,
)
from netwerkplatform.core.vocabulary import ResourceKind


@dataclass(frozen=True)
class Region:
    """Where a scheme or organisation works: the whole country, provinces or municipalities."""

    scope: str = Scope.NATIONAL
    province_ids: frozenset[int] = field(default_factory=frozenset)
    municipality_ids: frozenset[int] = field(default_factory=frozenset)

    def covers(self, *, municipality_id: int, province_id: int) -> bool:
        if self.scope == Scope.PROVINCES:
            return province_id in self.province_ids
        if self.scope == Scope.MUNICIPALITIES:
            return municipality_id in self.municipality_ids
        return True


@dataclass(frozen=True)
class HardCriteria:
    """The rules an initiative must meet before a scheme can fund it at all.

    Legal form is deliberately not here: an informal initiative can still apply through
    a fiscal host (penvoerder), so matching treats it as a soft "possible with" rule.
    """

    region: Region
    stages: tuple[str, ...] = ()
    min_amount: Decimal | None = None
    max_amount: Decimal | None = None
    is_open: bool = True


# --- regions -------------------------------------------------------------------------


def organisation_region(organisation: Organisation) -> Region:
    return Region(
        scope=organisation.scope or Scope.NATIONAL,
        province_ids=frozenset(p.pk for p in organisation.provinces.all()),
        municipality_ids=frozenset(m.pk for m in organisation.municipalities.all()),
    )


def scheme_region(scheme: FundingScheme) -> Region:
    """A scheme without a scope of its own works where its fund works."""
    if not scheme.scope:
        return organisation_region(scheme.organisation)
    return Region(
        scope=scheme.scope,
        province_ids=frozenset(p.pk for p in scheme.provinces.all()),
        municipality_ids=frozenset(m.pk for m in scheme.municipalities.all()),
    )


def region_q(region: Region, *, prefix: str = "") -> Q:
    """A filter on initiatives (or anything with a ``municipality``) inside ``region``."""
    if region.scope == Scope.PROVINCES:
        return Q(**{f"{prefix}municipality__province_id__in": list(region.province_ids)})
    if region.scope == Scope.MUNICIPALITIES:
        return Q(**{f"{prefix}municipality_id__in": list(region.municipality_ids)})
    return Q()


# --- the single predicates ------------------------------------------------------------


def scheme_is_open(
    *,
    is_active: bool,
    opens_on: datetime.date | None,
    closes_on: datetime.date | None,
    day: datetime.date | None = None,
) -> bool:
    day = day or timezone.localdate()
    if not is_active:
        return False
    if opens_on and day < opens_on:
        return False
    return not (closes_on and day > closes_on)


def stage_q(stages: Iterable[str]) -> Q:
    stages = list(stages)
    return Q(stage__in=stages) if stages else Q()


def stage_eligible(*, stage: str, stages: Iterable[str]) -> bool:
    stages = list(stages)
    return not stages or stage in stages


def amount_in_range(
    amount: Decimal | None, *, min_amount: Decimal | None, max_amount: Decimal | None
) -> bool:
    """Without a range every request fits; with one, the amount must lie inside it."""
    if min_amount is None and max_amount is None:
        return True
    if amount is None:
        return False
    if min_amount is not None and amount < min_amount:
        return False
    return not (max_amount is not None and amount > max_amount)


def money_asks_fit(
    amounts: Iterable[Decimal | float | None],
    *,
    min_amount: Decimal | float | None,
    max_amount: Decimal | float | None,
) -> bool:
    """The amount rule of a scheme, for one initiative: THE definition.

    ``amounts`` has one entry per open money need (None when the need names no amount).
    The initiative must ask for money, and one single need (never the sum of several)
    must lie in the range, or name no amount yet (then the fund can still judge it).
    The live count (``amount_q``) and the matching engine implement exactly this; the
    tests compare them on random data.
    """
    return any(
        amount is None or amount_in_range(amount, min_amount=min_amount, max_amount=max_amount)
        for amount in amounts
    )


def open_need_kinds(initiative: Initiative) -> set[str]:
    """The kinds of an initiative's open needs, read from ``initiative.needs.all()`` (so
    a prefetch serves it): what a fund (money) or a partner (the rest) can answer."""
    return {need.kind for need in initiative.needs.all() if need.status == Need.Status.OPEN}


def open_money_needs_fitting(*, min_amount: Decimal | None, max_amount: Decimal | None) -> QuerySet:
    """Open money needs that, each on its own, satisfy ``money_asks_fit``."""
    in_range = Q(amount__isnull=False)
    if min_amount is not None:
        in_range &= Q(amount__gte=min_amount)
    if max_amount is not None:
        in_range &= Q(amount__lte=max_amount)
    return Need.objects.filter(kind=ResourceKind.MONEY, status=Need.Status.OPEN).filter(
        Q(amount__isnull=True) | in_range
    )


def amount_q(*, min_amount: Decimal | None, max_amount: Decimal | None) -> Q:
    """``money_asks_fit`` as a filter on initiatives."""
    needs = open_money_needs_fitting(min_amount=min_amount, max_amount=max_amount)
    return Q(Exists(needs.filter(initiative=OuterRef("pk"))))


def legal_form_ok(*, legal_form: str, requires_legal_entity: bool) -> bool:
    return not requires_legal_entity or legal_form != LegalForm.INFORMAL


# --- combined -------------------------------------------------------------------------


def scheme_hard_criteria(
    scheme: FundingScheme, *, day: datetime.date | None = None
) -> HardCriteria:
    return HardCriteria(
        region=scheme_region(scheme),
        stages=tuple(scheme.eligible_stages or ()),
        min_amount=scheme.min_amount,
        max_amount=scheme.max_amount,
        is_open=scheme_is_open(
            is_active=scheme.is_active,
            opens_on=scheme.opens_on,
            closes_on=scheme.closes_on,
            day=day,
        )
        and scheme.organisation.is_approved,
    )


def hard_criteria_q(criteria: HardCriteria) -> Q:
    return (
        region_q(criteria.region)
        & stage_q(criteria.stages)
        & amount_q(min_amount=criteria.min_amount, max_amount=criteria.max_amount)
    )


def initiatives_fitting(criteria: HardCriteria) -> QuerySet[Initiative]:
    """Public initiatives that meet every hard criterion (none when the scheme is closed)."""
    if not criteria.is_open:
        return Initiative.objects.none()
    return public_initiatives().filter(hard_criteria_q(criteria))


def initiatives_fitting_scheme(
    scheme: FundingScheme, *, day: datetime.date | None = None
) -> QuerySet:
    return initiatives_fitting(scheme_hard_criteria(scheme, day=day))


def initiative_meets_hard_criteria(
    initiative: Initiative,
    criteria: HardCriteria,
    *,
    money_amounts: Iterable[Decimal] | None = None,
) -> bool:
    """The same rules for one initiative in memory (the matching engine's inner check).

    ``money_amounts`` are the amounts of its open money needs (None for a need without
    an amount); pass them when you have them prefetched, otherwise they are queried.
    """
    if not criteria.is_open or not initiative.is_public:
        return False
    if not criteria.region.covers(
        municipality_id=initiative.municipality_id, province_id=initiative.municipality.province_id
    ):
        return False
    if not stage_eligible(stage=initiative.stage, stages=criteria.stages):
        return False
    if money_amounts is None:
        money_amounts = initiative.needs.filter(
            kind=ResourceKind.MONEY, status=Need.Status.OPEN
        ).values_list("amount", flat=True)
    return money_asks_fit(
        money_amounts, min_amount=criteria.min_amount, max_amount=criteria.max_amount
    )


# --- lists and permissions -------------------------------------------------------------


def public_initiatives() -> QuerySet[Initiative]:
    return Initiative.objects.filter(visibility=Initiative.Visibility.PUBLIC)


def approved_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(status=Organisation.Status.APPROVED)


def open_schemes(*, day: datetime.date | None = None) -> QuerySet[FundingScheme]:
    day = day or timezone.localdate()
    return FundingScheme.objects.filter(
        Q(opens_on__isnull=True) | Q(opens_on__lte=day),
        Q(closes_on__isnull=True) | Q(closes_on__gte=day),
        is_active=True,
        organisation__status=Organisation.Status.APPROVED,
    )


def schemes_without_main_subject(scheme_ids: Iterable[int]) -> QuerySet[FundingScheme]:
    """Those of these schemes whose fund has not stated what they are mainly about
    (``FundingScheme.main_themes``), with their fund, by name."""
    return (
        FundingScheme.objects.filter(pk__in=list(scheme_ids), main_themes=[])
        .select_related("organisation")
        .order_by("name", "pk")
    )


def organisations_acting_for(user) -> QuerySet[Organisation]:
    """Approved organisations the person may act for (pending ones may not act yet)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return approved_organisations().filter(members__user=user)


def membership_of(user, initiative: Initiative) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, initiative=initiative).first()


def organisation_member_of(user, organisation: Organisation) -> OrganisationMember | None:
    if not user.is_authenticated:
        return None
    return OrganisationMember.objects.filter(user=user, organisation=organisation).first()
