"""Organisations (funds, partners): requests, approval, changes and members."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from initiatieven.models import (
    Offer,
    Organisation,
    OrganisationMember,
)
from initiatieven.services.common import (
    InitiativeError,
    ResourceRow,
    is_organisation_admin,
    keep_someone_in_charge,
    require_verified,
    unique_slug,
)
from netwerkplatform.core.models import User
from netwerkplatform.core.services import email_send


def _staff_addresses() -> list[str]:
    return list(User.objects.filter(is_staff=True, is_active=True).values_list("email", flat=True))


@transaction.atomic
def organisation_request(
    *,
    user: User,
    fields: dict[str, Any],
    themes: list[str],
    provinces=(),
    municipalities=(),
) -> Organisation:
    """Anyone verified may ask; it stays invisible and powerless until staff approve it."""
    require_verified(user)
    organisation = Organisation(**fields, requested_by=user, status=Organisation.Status.PENDING)
    organisation.slug = unique_slug(Organisation, organisation.name)
    organisation.full_clean()
    organisation.save()
    organisation.themes.set(themes)
    organisation.provinces.set(provinces)
    organisation.municipalities.set(municipalities)
    OrganisationMember.objects.create(
        organisation=organisation, user=user, role=OrganisationMember.Role.ADMIN
    )
    email_send(
        recipients=_staff_addresses(),
        subject=_("New organisation to approve: %(name)s") % {"name": organisation.name},
        template_name="initiatieven/emails/organisation_requested.txt",
        context={
            "organisation": organisation,
            "requester": user.display_name,
            "admin_url": settings.SITE_URL
            + reverse("admin:initiatieven_organisation_change", args=[organisation.pk]),
        },
    )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    user: User,
    organisation: Organisation,
    fields: dict[str, Any],
    themes: list[str],
    provinces=(),
    municipalities=(),
    offers: list[ResourceRow] = (),
) -> Organisation:
    if not is_organisation_admin(user, organisation):
        raise InitiativeError(_("Only administrators of this organisation can change it."))
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    organisation.themes.set(themes)
    organisation.provinces.set(provinces)
    organisation.municipalities.set(municipalities)
    for row in offers:
        offer = (
            Offer.objects.filter(organisation=organisation, pk=row.id).first() if row.id else None
        )
        if row.delete:
            if offer:
                offer.delete()
            continue
        offer = offer or Offer(organisation=organisation)
        offer.kind, offer.description = row.kind, row.description
        offer.save()
    return organisation


def organisation_decide(*, organisation: Organisation, approve: bool) -> Organisation:
    """Staff approve or reject a requested organisation (from the admin)."""
    new_status = Organisation.Status.APPROVED if approve else Organisation.Status.REJECTED
    if organisation.status == new_status:
        return organisation
    organisation.status = new_status
    organisation.save(update_fields=["status", "updated_at"])
    if organisation.requested_by and organisation.requested_by.email:
        email_send(
            recipients=[organisation.requested_by.email],
            subject=(
                _("%(name)s has been approved") if approve else _("%(name)s has not been approved")
            )
            % {"name": organisation.name},
            template_name="initiatieven/emails/organisation_decided.txt",
            context={
                "organisation": organisation,
                "approved": approve,
                "url": settings.SITE_URL
                + reverse("initiatieven:organisation", args=[organisation.slug]),
            },
        )
    return organisation


def _administrators(organisation):
    return OrganisationMember.objects.filter(
        organisation=organisation, role=OrganisationMember.Role.ADMIN
    )


@transaction.atomic
def organisation_member_remove(*, by: User, member: OrganisationMember) -> None:
    leaving = member.user_id == by.pk
    if not leaving and not is_organisation_admin(by, member.organisation):
        raise InitiativeError(_("Only administrators can remove members."))
    if member.role == OrganisationMember.Role.ADMIN:
        keep_someone_in_charge(
            _administrators(member.organisation),
            member,
            _("Make someone else administrator before this person leaves."),
        )
    member.delete()


def organisation_member_set_role(
    *, by: User, member: OrganisationMember, role: str
) -> OrganisationMember:
    if not is_organisation_admin(by, member.organisation):
        raise InitiativeError(_("Only administrators can change roles."))
    if role not in OrganisationMember.Role.values:
        raise InitiativeError(_("Choose a valid role."))
    if role != OrganisationMember.Role.ADMIN and member.role == OrganisationMember.Role.ADMIN:
        keep_someone_in_charge(
            _administrators(member.organisation),
            member,
            _("An organisation needs at least one administrator."),
        )
    member.role = role
    member.save(update_fields=["role"])
    return member
