"""Funding schemes of funds."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from initiatieven.models import (
    FundingScheme,
    Organisation,
)
from initiatieven.services.common import (
    InitiativeError,
    can_act_for,
)
from netwerkplatform.core.models import User


def _require_fund_member(user: User, organisation: Organisation) -> None:
    if organisation.kind != Organisation.Kind.FUND:
        raise InitiativeError(_("Only funds have funding schemes."))
    if not can_act_for(user, organisation):
        raise InitiativeError(_("Only members of this approved fund can manage its schemes."))


@transaction.atomic
def scheme_save(
    *,
    user: User,
    scheme: FundingScheme,
    themes: list[str],
    provinces=(),
    municipalities=(),
) -> FundingScheme:
    """Create or update a scheme (``scheme.organisation`` set, fields filled by the form)."""
    _require_fund_member(user, scheme.organisation)
    if (
        scheme.min_amount is not None
        and scheme.max_amount is not None
        and scheme.min_amount > scheme.max_amount
    ):
        raise InitiativeError(_("The minimum amount cannot be higher than the maximum."))
    scheme.full_clean()
    scheme.save()
    scheme.themes.set(themes)
    scheme.provinces.set(provinces)
    scheme.municipalities.set(municipalities)
    return scheme
