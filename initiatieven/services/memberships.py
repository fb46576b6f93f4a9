"""Invitations (to initiatives and organisations) and the team of an initiative."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatieven.models import (
    Initiative,
    Invitation,
    Membership,
    Organisation,
    OrganisationMember,
)
from initiatieven.services.common import (
    InitiativeError,
    is_initiator,
    is_organisation_admin,
    keep_someone_in_charge,
)
from netwerkplatform.core.limits import invitations_reserve
from netwerkplatform.core.models import User
from netwerkplatform.core.selectors import user_owns_address
from netwerkplatform.core.services import email_send

logger = logging.getLogger("netwerkplatform.security")


def _check_team_invitation(by: User, initiative: Initiative, role: str, email: str):
    """Only initiators invite, as core team or member, someone not yet on the team.
    Gives the name and page the invitation mail points to."""
    if not is_initiator(by, initiative):
        raise InitiativeError(_("Only initiators can invite people."))
    if role not in {Membership.Role.CORE, Membership.Role.MEMBER}:
        raise InitiativeError(
            _("Invite people as core team or member; hand over the initiator role later.")
        )
    if Membership.objects.filter(initiative=initiative, user__email__iexact=email).exists():
        raise InitiativeError(_("This person is already a member."))
    return initiative.name, reverse("initiatieven:detail", args=[initiative.slug])


def _check_organisation_invitation(by: User, organisation: Organisation, role: str, email: str):
    """Only admins of an approved organisation invite, in a valid role, someone not yet
    a member. Gives the name and page the invitation mail points to."""
    if not is_organisation_admin(by, organisation) or not organisation.is_approved:
        raise InitiativeError(
            _("Only administrators of an approved organisation can invite people.")
        )
    if role not in OrganisationMember.Role.values:
        raise InitiativeError(_("Choose a valid role."))
    if OrganisationMember.objects.filter(
        organisation=organisation, user__email__iexact=email
    ).exists():
        raise InitiativeError(_("This person is already a member."))
    return organisation.name, reverse("initiatieven:organisation", args=[organisation.slug])


@transaction.atomic
def invitation_create(
    *,
    by: User,
    email: str,
    role: str,
    initiative: Initiative | None = None,
    organisation: Organisation | None = None,
    allow_other_address: bool = False,
) -> Invitation:
    """Invite someone by e-mail; the link works once, after logging in with an account
    that verified this address (or, if ``allow_other_address``, explicitly as oneself)."""
    email = email.strip().lower()
    if initiative is not None:
        target_name, url = _check_team_invitation(by, initiative, role, email)
    else:
        target_name, url = _check_organisation_invitation(by, organisation, role, email)
    invitations_reserve(
        sender=by,
        count=1,
        on_behalf_of=f"initiative:{initiative.pk}"
        if initiative is not None
        else f"organisation:{organisation.pk}",
    )
    invitation = Invitation.objects.create(
        initiative=initiative,
        organisation=organisation,
        email=email,
        role=role,
        invited_by=by,
        allow_other_address=allow_other_address,
    )
    email_send(
        recipients=[email],
        subject=_("%(name)s invites you to join %(target)s")
        % {"name": by.display_name, "target": target_name},
        template_name="initiatieven/emails/invitation.txt",
        context={
            "inviter": by.display_name,
            "target": target_name,
            "accept_url": settings.SITE_URL
            + reverse("initiatieven:invitation", args=[invitation.token]),
            "target_url": settings.SITE_URL + url,
            "days": Invitation.VALID_DAYS,
        },
    )
    return invitation


def invitation_may_accept(*, user: User, invitation: Invitation) -> tuple[bool, bool]:
    """(may accept at all, only explicitly as oneself): the invited address, verified by
    this account, or — where the inviter allowed it — any verified account, explicitly."""
    if user_owns_address(user, invitation.email):
        return True, False
    if invitation.allow_other_address and user.has_verified_email:
        return True, True
    return False, False


@transaction.atomic
def invitation_accept(*, user: User, token: str, as_myself: bool = False) -> Invitation:
    invitation = Invitation.objects.select_for_update().filter(token=token).first()
    if invitation is None or invitation.accepted_at is not None:
        raise InitiativeError(_("This invitation has already been used or does not exist."))
    if invitation.is_expired:
        raise InitiativeError(_("This invitation has expired; ask for a new one."))
    allowed, only_as_myself = invitation_may_accept(user=user, invitation=invitation)
    if not allowed:
        raise InitiativeError(
            _(
                "This invitation was sent to another e-mail address. Log in with the account "
                "of that address, or add and confirm that address in your account first."
            )
        )
    if only_as_myself:
        if not as_myself:
            raise InitiativeError(
                _("This invitation was sent to another address: accept it explicitly as yourself.")
            )
        logger.warning(
            "invitation %s for %s accepted as themselves by user %s (allowed by the inviter)",
            invitation.pk,
            invitation.email,
            user.pk,
        )
    if invitation.initiative_id:
        Membership.objects.get_or_create(
            initiative=invitation.initiative, user=user, defaults={"role": invitation.role}
        )
    else:
        OrganisationMember.objects.get_or_create(
            organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return invitation


@transaction.atomic
def membership_remove(*, by: User, membership: Membership) -> None:
    """Initiators remove others; anyone may leave; the last initiator must hand over first."""
    leaving = membership.user_id == by.pk
    if not leaving and not is_initiator(by, membership.initiative):
        raise InitiativeError(_("Only initiators can remove members."))
    if membership.role == Membership.Role.INITIATOR:
        keep_someone_in_charge(
            Membership.objects.filter(
                initiative=membership.initiative, role=Membership.Role.INITIATOR
            ),
            membership,
            _("Hand over the initiator role before this person leaves."),
        )
    membership.delete()


@transaction.atomic
def membership_hand_over(*, by: User, initiative: Initiative, to: Membership) -> None:
    """The chosen member becomes initiator; the one handing over stays on as core team."""
    current = (
        Membership.objects.select_for_update()
        .filter(initiative=initiative, user=by, role=Membership.Role.INITIATOR)
        .first()
    )
    if current is None:
        raise InitiativeError(_("Only an initiator can hand over the initiator role."))
    if to.initiative_id != initiative.pk or to.pk == current.pk:
        raise InitiativeError(_("Choose another member of this initiative."))
    to.role = Membership.Role.INITIATOR
    to.save(update_fields=["role"])
    current.role = Membership.Role.CORE
    current.save(update_fields=["role"])


def membership_set_role(*, by: User, membership: Membership, role: str) -> Membership:
    if not is_initiator(by, membership.initiative):
        raise InitiativeError(_("Only initiators can change roles."))
    if (
        role not in {Membership.Role.CORE, Membership.Role.MEMBER}
        or membership.role == Membership.Role.INITIATOR
    ):
        raise InitiativeError(_("Use 'hand over' to change who is initiator."))
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


def membership_set_visible(*, user: User, membership: Membership, visible: bool) -> Membership:
    if membership.user_id != user.pk:
        raise InitiativeError(_("Only you decide whether you are shown on the profile."))
    membership.show_on_profile = visible
    membership.save(update_fields=["show_on_profile"])
    return membership
