"""Shared by every service: the domain error, form rows, slugs and who may do what."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.text import slugify
from django.utils.translation import gettext as _

from initiatieven.models import (
    Initiative,
    Membership,
    Need,
    Organisation,
    OrganisationMember,
)
from netwerkplatform.core.errors import DomainError
from netwerkplatform.core.models import User

RESERVED_SLUGS = {"nieuw", "aanmelden", "uitnodiging", "regelingen", "shortlist", "telling"}


class InitiativeError(DomainError):
    """A rule of this app was broken; ``message`` is translated for the person."""


@dataclass
class ResourceRow:
    """One need or offer row from a form: ``id`` None means new; ``delete`` removes it."""

    kind: str
    description: str
    id: int | None = None
    amount: Decimal | None = None
    status: str = Need.Status.OPEN
    delete: bool = False


def keep_someone_in_charge(in_charge, member, message: str) -> None:
    """Refuse a change that leaves a team or organisation with nobody in charge.

    ``in_charge`` are its initiators or administrators; ``member`` is about to leave
    that role (removed, leaving, or given another role). Nobody could then invite,
    remove or approve anyone any more, so the person must hand over first.
    """
    if not in_charge.exclude(pk=member.pk).exists():
        raise InitiativeError(message)


# --- helpers ------------------------------------------------------------------------


def unique_slug(model, name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:150] or "initiatief"
    if base in RESERVED_SLUGS:
        base = f"{base}-1"
    slug, number = base, 1
    existing = model.objects.all()
    if exclude_pk:
        existing = existing.exclude(pk=exclude_pk)
    while existing.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def require_verified(user: User) -> None:
    if not user.is_authenticated or not user.has_verified_email:
        raise InitiativeError(_("Confirm your e-mail address first; then you can register."))


def _role_of(user: User, initiative: Initiative) -> str | None:
    return (
        Membership.objects.filter(initiative=initiative, user=user)
        .values_list("role", flat=True)
        .first()
    )


def can_edit_initiative(user: User, initiative: Initiative) -> bool:
    """Initiators and the core team edit; plain members only take part."""
    if not user.is_authenticated:
        return False
    return _role_of(user, initiative) in {Membership.Role.INITIATOR, Membership.Role.CORE}


def is_initiator(user: User, initiative: Initiative) -> bool:
    return user.is_authenticated and _role_of(user, initiative) == Membership.Role.INITIATOR


def is_organisation_admin(user: User, organisation: Organisation) -> bool:
    return (
        user.is_authenticated
        and OrganisationMember.objects.filter(
            organisation=organisation, user=user, role=OrganisationMember.Role.ADMIN
        ).exists()
    )


def can_act_for(user: User, organisation: Organisation) -> bool:
    """Only members of an approved organisation act for it (nobody may pose as a fund)."""
    return (
        user.is_authenticated
        and organisation.is_approved
        and OrganisationMember.objects.filter(organisation=organisation, user=user).exists()
    )
