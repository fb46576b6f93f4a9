"""Export and erasure of a person's data in this app (see ``blocks.py``)."""

from __future__ import annotations

from typing import Any

from initiatieven.models import (
    Initiative,
    Invitation,
    Membership,
    OrganisationMember,
)
from netwerkplatform.core.models import User
from netwerkplatform.core.selectors import verified_emails


def personal_data_export(user: User) -> dict[str, Any]:
    return {
        "initiatives": [
            {
                "initiative": m.initiative.name,
                "role": m.role,
                "shown_on_profile": m.show_on_profile,
                "joined": m.created_at.isoformat(),
            }
            for m in Membership.objects.filter(user=user).select_related("initiative")
        ],
        "organisations": [
            {
                "organisation": m.organisation.name,
                "role": m.role,
                "joined": m.created_at.isoformat(),
            }
            for m in OrganisationMember.objects.filter(user=user).select_related("organisation")
        ],
        "invitations_sent": [
            {"to": i.email, "for": str(i.target), "sent": i.created_at.isoformat()}
            for i in Invitation.objects.filter(invited_by=user).select_related(
                "initiative", "organisation"
            )
        ],
    }


def personal_data_erase(user: User) -> None:
    """Leave teams; initiatives stay (others rely on them) unless nobody is left."""
    # Only invitations to an address this account verified are its own to delete.
    Invitation.objects.filter(email__in=verified_emails(user), accepted_at__isnull=True).delete()
    Invitation.objects.filter(invited_by=user).update(invited_by=None)
    for membership in Membership.objects.filter(user=user).select_related("initiative"):
        initiative = membership.initiative
        others = Membership.objects.filter(initiative=initiative).exclude(user=user)
        if (
            membership.role == Membership.Role.INITIATOR
            and others.exists()
            and not others.filter(role=Membership.Role.INITIATOR).exists()
        ):
            successor = others.order_by("role", "created_at").first()
            successor.role = Membership.Role.INITIATOR
            successor.save(update_fields=["role"])
        membership.delete()
        if not others.exists():
            # Nobody left to answer for it: take it offline rather than leave an orphan public.
            initiative.visibility = Initiative.Visibility.DRAFT
            initiative.save(update_fields=["visibility", "updated_at"])
    OrganisationMember.objects.filter(user=user).delete()
