"""Business logic of the Netwerkmozaïek: open a round, invite, answer, submit, close, remind.

Every change that could collide (two tabs, a reused link, a late click) is checked
inside a transaction with the response row locked, and submitting is a conditional
UPDATE, so a submitted response is never overwritten.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatieven.models import Initiative, Membership
from initiatieven.mozaiek import results
from initiatieven.mozaiek.catalogue import CURRENT_VERSION
from initiatieven.mozaiek.models import (
    Answer,
    Assessment,
    Invitation,
    PartnerKind,
    Response,
    new_token,
)
from netwerkplatform.core.errors import DomainError
from netwerkplatform.core.limits import invitations_reserve
from netwerkplatform.core.models import User
from netwerkplatform.core.selectors import user_with_verified_address, verified_emails
from netwerkplatform.core.services import email_send

COORDINATOR_ROLES = (Membership.Role.INITIATOR, Membership.Role.CORE)
MAX_REMINDERS = 2
REMINDER_INTERVAL = timedelta(days=3)
MAX_INVITATIONS_AT_ONCE = 100


class MozaiekError(DomainError):
    """A rule of the mozaïek was broken; ``message`` is translated for the person."""


# --- Who may do what -----------------------------------------------------------------


def user_coordinates(*, user: User, initiative: Initiative) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        initiative=initiative, user=user, role__in=COORDINATOR_ROLES
    ).exists()


def user_is_member(*, user: User, initiative: Initiative) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(initiative=initiative, user=user).exists()


def initiatives_coordinated_by(*, user: User):
    return Initiative.objects.filter(
        memberships__user=user, memberships__role__in=COORDINATOR_ROLES
    ).distinct()


# --- Rounds --------------------------------------------------------------------------


@transaction.atomic
def assessment_open(
    *, initiative: Initiative, user: User, title: str, deadline: date, today: date | None = None
) -> Assessment:
    today = today or timezone.localdate()
    if not user_coordinates(user=user, initiative=initiative):
        raise MozaiekError(_("Only the initiators and core team of a network can open a round."))
    if deadline < today:
        raise MozaiekError(_("The deadline cannot be in the past."))
    # Lock the network so two coordinators clicking at once cannot both open a round.
    Initiative.objects.select_for_update().filter(pk=initiative.pk).first()
    if Assessment.objects.filter(initiative=initiative, status=Assessment.Status.OPEN).exists():
        raise MozaiekError(
            _("This network already has an open round. Close it before you open a new one.")
        )
    return Assessment.objects.create(
        initiative=initiative,
        title=title.strip(),
        deadline=deadline,
        catalogue_version=CURRENT_VERSION,
        opened_by=user,
    )


@transaction.atomic
def assessment_close(*, assessment: Assessment, user: User) -> Assessment:
    if not user_coordinates(user=user, initiative=assessment.initiative):
        raise MozaiekError(_("Only the initiators and core team of a network can close a round."))
    updated = Assessment.objects.filter(pk=assessment.pk, status=Assessment.Status.OPEN).update(
        status=Assessment.Status.CLOSED, closed_at=timezone.now()
    )
    if not updated:
        raise MozaiekError(_("This round was already closed."))
    assessment.refresh_from_db()
    return assessment


def assessment_set_profile_summary(*, assessment: Assessment, user: User, show: bool) -> None:
    if not user_coordinates(user=user, initiative=assessment.initiative):
        raise MozaiekError(_("Only the initiators and core team of a network can change this."))
    assessment.show_summary_on_profile = show
    assessment.save(update_fields=["show_summary_on_profile"])


# --- Invitations ---------------------------------------------------------------------


@dataclass
class InviteResult:
    invited: list[str]
    already_invited: list[str]


def parse_email_list(text: str) -> tuple[list[str], list[str]]:
    """Split what people paste (commas, semicolons, new lines) into valid and invalid."""
    valid: list[str] = []
    invalid: list[str] = []
    for part in text.replace(",", "\n").replace(";", "\n").split():
        address = part.strip().strip("<>").lower()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            invalid.append(part.strip())
            continue
        if address not in valid:
            valid.append(address)
    return valid, invalid


def _answer_url(invitation: Invitation) -> str:
    return settings.SITE_URL + invitation.get_absolute_url()


@transaction.atomic
def assessment_invite(*, assessment: Assessment, user: User, emails: list[str]) -> InviteResult:
    """Create personal links and mail them (after commit, by Celery).

    An address that was invited already keeps its existing link: inviting twice must not
    invalidate a link someone is halfway through.
    """
    if not user_coordinates(user=user, initiative=assessment.initiative):
        raise MozaiekError(_("Only the initiators and core team of a network can invite."))
    if not assessment.accepts_answers_on(timezone.localdate()):
        raise MozaiekError(
            _("This round is closed or past its deadline; you cannot invite anyone.")
        )
    if not emails:
        raise MozaiekError(_("Enter at least one e-mail address."))
    if len(emails) > MAX_INVITATIONS_AT_ONCE:
        raise MozaiekError(
            _("You can invite at most %(max)s people at once.") % {"max": MAX_INVITATIONS_AT_ONCE}
        )
    existing = set(
        Invitation.objects.filter(assessment=assessment, email__in=emails).values_list(
            "email", flat=True
        )
    )
    new = [email for email in emails if email not in existing]
    if new:
        invitations_reserve(
            sender=user, count=len(new), on_behalf_of=f"initiative:{assessment.initiative_id}"
        )
    result = InviteResult(invited=[], already_invited=sorted(existing))
    for email in emails:
        if email in existing:
            continue
        invitation = Invitation.objects.create(
            assessment=assessment,
            email=email,
            # Linked only to an account that verified this exact address; otherwise
            # linked later, when someone who verified it opens their link.
            user=user_with_verified_address(email),
            invited_by=user,
        )
        _send_invitation_mail(invitation, template="mozaiek/emails/invitation.txt")
        result.invited.append(email)
    return result


def _send_invitation_mail(invitation: Invitation, *, template: str) -> None:
    assessment = invitation.assessment
    network = assessment.initiative.name
    if template.endswith("reminder.txt"):
        subject = _("Reminder: the Netwerkmozaïek of %(network)s") % {"network": network}
    else:
        subject = _("How is %(network)s doing? Fill in the Netwerkmozaïek") % {"network": network}
    email_send(
        recipients=[invitation.email],
        subject=subject,
        template_name=template,
        context={
            "assessment": assessment,
            "network": network,
            "url": _answer_url(invitation),
            "inviter": invitation.invited_by.display_name if invitation.invited_by else "",
        },
    )


@transaction.atomic
def invitation_for_member(*, assessment: Assessment, user: User) -> Invitation:
    """Members who are logged in answer directly: they get (or reuse) their own link."""
    if not user_is_member(user=user, initiative=assessment.initiative):
        raise MozaiekError(_("Only members of this network can answer here."))
    email = user.email.lower()
    owned = verified_emails(user)
    invitation = Invitation.objects.filter(
        Q(user=user) | Q(email__in=owned), assessment=assessment
    ).first()
    if invitation:
        if invitation.user_id is None:
            invitation.user = user
            invitation.save(update_fields=["user"])
        return invitation
    if Invitation.objects.filter(assessment=assessment, email=email).exists():
        # Someone invited this address, but this account has not proved it reads it:
        # taking over that link would hand over another person's answers.
        raise MozaiekError(_("Confirm your e-mail address first; then you can answer this round."))
    return Invitation.objects.create(assessment=assessment, email=email, user=user)


def invitation_by_token(token: str) -> Invitation | None:
    if not token or len(token) > 64:
        return None
    return (
        Invitation.objects.select_related("assessment__initiative", "response")
        .filter(token=token)
        .first()
    )


# --- Answering -----------------------------------------------------------------------


def _check_accepts(assessment: Assessment) -> None:
    if not assessment.is_open:
        raise MozaiekError(_("This round has been closed; answers can no longer be changed."))
    if not assessment.accepts_answers_on(timezone.localdate()):
        raise MozaiekError(
            _("The deadline of this round has passed; answers can no longer be changed.")
        )


def response_start(*, invitation: Invitation) -> Response:
    """The person's response, created on first use (so merely opening a link counts nothing)."""
    try:
        return invitation.response
    except Response.DoesNotExist:
        pass
    assessment = invitation.assessment
    _check_accepts(assessment)
    user = invitation.user or user_with_verified_address(invitation.email)
    is_coordinator = bool(user) and user_coordinates(user=user, initiative=assessment.initiative)
    try:
        with transaction.atomic():
            return Response.objects.create(
                invitation=invitation,
                assessment=assessment,
                is_coordinator=is_coordinator,
                display_name=(user.name if user else ""),
            )
    except IntegrityError:  # the same link opened twice at the same moment
        return Response.objects.get(invitation=invitation)


def _locked(response: Response) -> Response:
    locked = Response.objects.select_for_update().select_related("assessment").get(pk=response.pk)
    if locked.submitted_at is not None:
        raise MozaiekError(
            _("You already sent your answers. Thank you! They can no longer be changed.")
        )
    _check_accepts(locked.assessment)
    return locked


@transaction.atomic
def response_save_block(
    *, response: Response, block_key: str, answers: dict[str, tuple[int | None, str]]
) -> Response:
    """Save the answers of one building block; statements left open are not stored.

    ``answers`` maps statement key to (value, comment) where value is 1–5 or None for
    "weet ik niet". Values are checked here too, not only in the form: a forged POST
    must not put a 7 in the results.
    """
    response = _locked(response)
    block = response.assessment.catalogue.block(block_key)
    allowed = {statement.key for statement in block.statements}
    for key, (value, comment) in answers.items():
        if key not in allowed:
            raise MozaiekError(_("This statement does not belong to this building block."))
        if value is not None and not (isinstance(value, int) and 1 <= value <= 5):
            raise MozaiekError(_("Choose a score from 1 to 5, or “I don't know”."))
        Answer.objects.update_or_create(
            response=response,
            statement_key=key,
            defaults={"value": value, "comment": (comment or "").strip()[:1000]},
        )
    return response


def response_missing_blocks(*, response: Response) -> list[str]:
    """Keys of the blocks with a statement still unanswered ("weet ik niet" counts)."""
    answered = set(response.answers.values_list("statement_key", flat=True))
    return [
        block.key
        for block in response.assessment.catalogue.blocks
        if any(statement.key not in answered for statement in block.statements)
    ]


@transaction.atomic
def response_submit(
    *, response: Response, partner_kind: str, show_name: bool, display_name: str
) -> Response:
    """Send the answers, once. A second submit (another tab, a reused link) is refused."""
    response = _locked(response)
    if partner_kind not in PartnerKind.values:
        raise MozaiekError(_("Say what kind of partner you are."))
    if response_missing_blocks(response=response):
        raise MozaiekError(
            _("Some statements have no answer yet. Choose “I don't know” if you are not sure.")
        )
    display_name = display_name.strip()
    if show_name and not display_name:
        raise MozaiekError(_("Fill in your name, or choose not to show it."))
    updated = Response.objects.filter(pk=response.pk, submitted_at__isnull=True).update(
        partner_kind=partner_kind,
        show_name=show_name,
        display_name=display_name[:150] if show_name else "",
        submitted_at=timezone.now(),
    )
    if not updated:
        raise MozaiekError(
            _("You already sent your answers. Thank you! They can no longer be changed.")
        )
    response.refresh_from_db()
    return response


# --- Reminders -----------------------------------------------------------------------


def invitations_due_for_reminder(*, now=None):
    """Invitations of open rounds, not submitted, fewer than two reminders, and the last
    contact (invitation or reminder) at least three days ago. A bounded window: a rerun
    of the periodic task finds nothing new to do."""
    now = now or timezone.now()
    cutoff = now - REMINDER_INTERVAL
    return (
        Invitation.objects.filter(
            assessment__status=Assessment.Status.OPEN,
            assessment__deadline__gte=timezone.localdate(now),
            reminders_sent__lt=MAX_REMINDERS,
        )
        .filter(Q(response__isnull=True) | Q(response__submitted_at__isnull=True))
        .filter(
            Q(last_reminded_at__isnull=True, created_at__lte=cutoff)
            | Q(last_reminded_at__lte=cutoff)
        )
        .select_related("assessment__initiative", "invited_by")
    )


def invitation_remind(*, invitation_id: int, now=None) -> bool:
    """Send one reminder if still due; claimed by a conditional UPDATE so that two
    workers (or a rerun) never send the same reminder twice."""
    now = now or timezone.now()
    with transaction.atomic():
        invitation = invitations_due_for_reminder(now=now).filter(pk=invitation_id).first()
        if invitation is None:
            return False
        claimed = Invitation.objects.filter(
            pk=invitation.pk, reminders_sent=invitation.reminders_sent
        ).update(reminders_sent=invitation.reminders_sent + 1, last_reminded_at=now)
        if not claimed:
            return False
        _send_invitation_mail(invitation, template="mozaiek/emails/reminder.txt")
    return True


# --- Personal data -------------------------------------------------------------------


def invitations_of(user: User):
    """The invitations this account owns: linked to it, or sent to an address it
    verified. An unverified address claims nothing (see core.selectors)."""
    return Invitation.objects.filter(Q(user=user) | Q(email__in=verified_emails(user)))


def personal_data_export(user: User) -> list[dict]:
    rows = []
    for invitation in invitations_of(user).select_related("assessment__initiative"):
        row = {
            "network": invitation.assessment.initiative.name,
            "round": invitation.assessment.title,
            "email": invitation.email,
            "invited_at": invitation.created_at.isoformat(),
            "reminders_sent": invitation.reminders_sent,
            "response": None,
        }
        response = Response.objects.filter(invitation=invitation).first()
        if response:
            row["response"] = {
                "partner_kind": response.partner_kind,
                "show_name": response.show_name,
                "display_name": response.display_name,
                "submitted_at": response.submitted_at.isoformat()
                if response.submitted_at
                else None,
                "answers": [
                    {"statement": a.statement_key, "value": a.value, "comment": a.comment}
                    for a in response.answers.all()
                ],
            }
        rows.append(row)
    return rows


@transaction.atomic
def personal_data_erase(user: User) -> None:
    """Scores stay (they only ever count in anonymous totals and a network relies on them),
    but everything that could point back to the person goes: address, name, comments.
    Unsubmitted responses are deleted outright: they were never part of any result.
    The results snapshot is rebuilt from the same people, so the comments go there too."""
    for invitation in invitations_of(user):
        Response.objects.filter(invitation=invitation, submitted_at__isnull=True).delete()
        Response.objects.filter(invitation=invitation).update(show_name=False, display_name="")
        Answer.objects.filter(response__invitation=invitation).update(comment="")
        invitation.email = f"verwijderd-{invitation.pk}@anoniem.invalid"
        invitation.user = None
        invitation.token = new_token()  # the old link stops working
        invitation.save(update_fields=["email", "user", "token"])
        assessment = invitation.assessment
        if assessment.results_snapshot:
            results.snapshot_refresh(
                assessment, response_ids=assessment.results_snapshot.get("ids", [])
            )
