"""Business logic of initiatieven: initiatives, memberships, organisations, schemes, shortlists.

Every function checks who may do it and raises ``InitiativeError`` (a translated
message the view shows) rather than trusting the view to have checked. Changes are
announced through ``initiatieven.signals`` on commit, so the matching app can react
without this app importing it (DESIGN.md, convention 10).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from initiatieven import signals
from initiatieven.models import (
    FundingScheme,
    Initiative,
    Invitation,
    Membership,
    Need,
    Offer,
    Organisation,
    OrganisationMember,
    ShortlistEntry,
)
from netwerkplatform.core.models import User
from netwerkplatform.core.services import email_send

# Slugs that would clash with fixed paths under /initiatieven/, /fondsen/, /partners/.
RESERVED_SLUGS = {"nieuw", "aanmelden", "uitnodiging", "regelingen", "shortlist", "telling"}


class InitiativeError(Exception):
    """A rule of this app was broken; ``str(error)`` is a message for the person."""


@dataclass
class ResourceRow:
    """One need or offer row from a form: ``id`` None means new; ``delete`` removes it."""

    kind: str
    description: str
    id: int | None = None
    amount: Decimal | None = None
    status: str = Need.Status.OPEN
    delete: bool = False


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


def _announce(signal, **kwargs) -> None:
    transaction.on_commit(lambda: signal.send(sender=None, **kwargs))


def _require_verified(user: User) -> None:
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


# --- search vector -------------------------------------------------------------------

_SEARCH_SQL = """
UPDATE initiatieven_initiative AS i SET search_vector =
    setweight(to_tsvector('dutch', coalesce(i.name, '')), 'A')
 || setweight(to_tsvector('dutch', coalesce(i.pitch, '')), 'B')
 || setweight(to_tsvector('dutch',
        coalesce(i.description, '') || ' ' || coalesce(i.neighbourhood, '') || ' '
     || coalesce((SELECT string_agg(t.name, ' ') FROM taggit_taggeditem ti
                  JOIN taggit_tag t ON t.id = ti.tag_id
                  WHERE ti.object_id = i.id AND ti.content_type_id = %s), '') || ' '
     || coalesce((SELECT string_agg(n.description, ' ') FROM initiatieven_need n
                  WHERE n.initiative_id = i.id), '') || ' '
     || coalesce((SELECT string_agg(o.description, ' ') FROM initiatieven_offer o
                  WHERE o.initiative_id = i.id), '')), 'C')
WHERE i.id = ANY(%s)
"""


def initiative_search_refresh(*, ids: list[int]) -> None:
    """Recompute the Dutch search vector of these initiatives (PostgreSQL only).

    Done here, after the related rows are saved, rather than in a trigger or ``save()``:
    themes, needs and offers live in other tables and are only complete at this point.
    """
    if not ids or connection.vendor != "postgresql":
        return
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(Initiative)
    with connection.cursor() as cursor:
        cursor.execute(_SEARCH_SQL, [content_type.pk, list(ids)])


# --- initiatives --------------------------------------------------------------------


def _save_rows(
    initiative: Initiative, *, needs: list[ResourceRow], offers: list[ResourceRow]
) -> None:
    for row in needs:
        if row.id:
            need = Need.objects.filter(initiative=initiative, pk=row.id).first()
            if need is None:
                continue
            if row.delete:
                need.delete()
                continue
        elif row.delete:
            continue
        else:
            need = Need(initiative=initiative)
        need.kind, need.description, need.status = row.kind, row.description, row.status
        need.amount = row.amount if row.kind == "money" else None
        need.save()
    for row in offers:
        if row.id:
            offer = Offer.objects.filter(initiative=initiative, pk=row.id).first()
            if offer is None:
                continue
            if row.delete:
                offer.delete()
                continue
        elif row.delete:
            continue
        else:
            offer = Offer(initiative=initiative)
        offer.kind, offer.description = row.kind, row.description
        offer.save()


@transaction.atomic
def initiative_create(
    *,
    user: User,
    fields: dict[str, Any],
    themes: list[str],
    needs: list[ResourceRow] = (),
    offers: list[ResourceRow] = (),
) -> Initiative:
    """Register an initiative; its creator becomes its initiator."""
    _require_verified(user)
    initiative = Initiative(**fields, created_by=user)
    initiative.slug = unique_slug(Initiative, initiative.name)
    initiative.full_clean(exclude=["search_vector"])
    initiative.save()
    initiative.themes.set(themes)
    Membership.objects.create(
        initiative=initiative, user=user, role=Membership.Role.INITIATOR, show_on_profile=True
    )
    _save_rows(initiative, needs=list(needs), offers=list(offers))
    initiative_search_refresh(ids=[initiative.pk])
    _announce(signals.initiative_changed, initiative_id=initiative.pk)
    return initiative


@transaction.atomic
def initiative_update(
    *,
    user: User,
    initiative: Initiative,
    fields: dict[str, Any],
    themes: list[str],
    needs: list[ResourceRow] = (),
    offers: list[ResourceRow] = (),
) -> Initiative:
    if not can_edit_initiative(user, initiative):
        raise InitiativeError(
            _("Only the initiators and the core team can change this initiative.")
        )
    for name, value in fields.items():
        setattr(initiative, name, value)
    initiative.full_clean(exclude=["search_vector", "slug"])
    initiative.save()
    initiative.themes.set(themes)
    _save_rows(initiative, needs=list(needs), offers=list(offers))
    initiative_search_refresh(ids=[initiative.pk])
    _announce(signals.initiative_changed, initiative_id=initiative.pk)
    return initiative


def initiative_set_visibility(*, user: User, initiative: Initiative, visibility: str) -> Initiative:
    if not can_edit_initiative(user, initiative):
        raise InitiativeError(
            _("Only the initiators and the core team can publish this initiative.")
        )
    if visibility == Initiative.Visibility.PUBLIC and not user.has_verified_email:
        raise InitiativeError(_("Confirm your e-mail address first; then you can publish."))
    initiative.visibility = visibility
    initiative.save(update_fields=["visibility", "updated_at"])
    _announce(signals.initiative_changed, initiative_id=initiative.pk)
    return initiative


# --- invitations and memberships ----------------------------------------------------


@transaction.atomic
def invitation_create(
    *,
    by: User,
    email: str,
    role: str,
    initiative: Initiative | None = None,
    organisation: Organisation | None = None,
) -> Invitation:
    """Invite someone by e-mail; the link works once, after logging in."""
    email = email.strip().lower()
    if initiative is not None:
        if not is_initiator(by, initiative):
            raise InitiativeError(_("Only initiators can invite people."))
        if role not in {Membership.Role.CORE, Membership.Role.MEMBER}:
            raise InitiativeError(
                _("Invite people as core team or member; hand over the initiator role later.")
            )
        if Membership.objects.filter(initiative=initiative, user__email__iexact=email).exists():
            raise InitiativeError(_("This person is already a member."))
        target_name = initiative.name
        url = reverse("initiatieven:detail", args=[initiative.slug])
    else:
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
        target_name = organisation.name
        url = reverse("initiatieven:organisation", args=[organisation.slug])
    invitation = Invitation.objects.create(
        initiative=initiative, organisation=organisation, email=email, role=role, invited_by=by
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


@transaction.atomic
def invitation_accept(*, user: User, token: str) -> Invitation:
    invitation = Invitation.objects.select_for_update().filter(token=token).first()
    if invitation is None or invitation.accepted_at is not None:
        raise InitiativeError(_("This invitation has already been used or does not exist."))
    if invitation.is_expired:
        raise InitiativeError(_("This invitation has expired; ask for a new one."))
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
        others = Membership.objects.filter(
            initiative=membership.initiative, role=Membership.Role.INITIATOR
        ).exclude(pk=membership.pk)
        if not others.exists():
            raise InitiativeError(_("Hand over the initiator role before this person leaves."))
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


# --- organisations ------------------------------------------------------------------


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
    _require_verified(user)
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
    _announce(signals.organisation_changed, organisation_id=organisation.pk)
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
    _announce(signals.organisation_changed, organisation_id=organisation.pk)
    return organisation


@transaction.atomic
def organisation_member_remove(*, by: User, member: OrganisationMember) -> None:
    leaving = member.user_id == by.pk
    if not leaving and not is_organisation_admin(by, member.organisation):
        raise InitiativeError(_("Only administrators can remove members."))
    if member.role == OrganisationMember.Role.ADMIN:
        others = OrganisationMember.objects.filter(
            organisation=member.organisation, role=OrganisationMember.Role.ADMIN
        ).exclude(pk=member.pk)
        if not others.exists():
            raise InitiativeError(_("Make someone else administrator before this person leaves."))
    member.delete()


def organisation_member_set_role(
    *, by: User, member: OrganisationMember, role: str
) -> OrganisationMember:
    if not is_organisation_admin(by, member.organisation):
        raise InitiativeError(_("Only administrators can change roles."))
    if role not in OrganisationMember.Role.values:
        raise InitiativeError(_("Choose a valid role."))
    if role != OrganisationMember.Role.ADMIN and member.role == OrganisationMember.Role.ADMIN:
        others = OrganisationMember.objects.filter(
            organisation=member.organisation, role=OrganisationMember.Role.ADMIN
        ).exclude(pk=member.pk)
        if not others.exists():
            raise InitiativeError(_("An organisation needs at least one administrator."))
    member.role = role
    member.save(update_fields=["role"])
    return member


# --- funding schemes ----------------------------------------------------------------


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
    _announce(signals.scheme_changed, scheme_id=scheme.pk)
    return scheme


# --- shortlist ----------------------------------------------------------------------


def shortlist_add(
    *, user: User, organisation: Organisation, initiative: Initiative
) -> ShortlistEntry:
    if not can_act_for(user, organisation):
        raise InitiativeError(_("Only members of an approved organisation keep a shortlist."))
    if not initiative.is_public:
        raise InitiativeError(_("Only public initiatives can be shortlisted."))
    entry, _created = ShortlistEntry.objects.get_or_create(
        organisation=organisation, initiative=initiative, defaults={"added_by": user}
    )
    return entry


def shortlist_update_note(*, user: User, entry: ShortlistEntry, note: str) -> ShortlistEntry:
    if not can_act_for(user, entry.organisation):
        raise InitiativeError(_("Only members of this organisation can change its shortlist."))
    entry.note = note.strip()
    entry.save(update_fields=["note"])
    return entry


def shortlist_remove(*, user: User, entry: ShortlistEntry) -> None:
    if not can_act_for(user, entry.organisation):
        raise InitiativeError(_("Only members of this organisation can change its shortlist."))
    entry.delete()


def shortlist_csv(*, organisation: Organisation) -> str:
    """The shortlist as CSV (semicolons, for Dutch Excel). Never the contact e-mail."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        [
            _("Initiative"),
            _("Municipality"),
            _("Stage"),
            _("Themes"),
            _("Open needs"),
            _("Note"),
            _("Added"),
            _("Link"),
        ]
    )
    entries = (
        ShortlistEntry.objects.filter(organisation=organisation)
        .select_related("initiative__municipality")
        .prefetch_related("initiative__themes", "initiative__needs")
    )
    for entry in entries:
        initiative = entry.initiative
        needs = ", ".join(
            need.get_kind_display() + (f" (€{need.amount:.0f})" if need.amount else "")
            for need in initiative.needs.all()
            if need.status == Need.Status.OPEN
        )
        writer.writerow(
            [
                initiative.name,
                initiative.municipality.name,
                initiative.get_stage_display(),
                ", ".join(sorted(tag.name for tag in initiative.themes.all())),
                needs,
                entry.note,
                timezone.localtime(entry.created_at).date().isoformat(),
                settings.SITE_URL + reverse("initiatieven:detail", args=[initiative.slug]),
            ]
        )
    return buffer.getvalue()


# --- personal data --------------------------------------------------------------------


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
    Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()
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
