"""The team of an initiative, and accepting an invitation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatieven import services
from initiatieven.forms import (
    INITIATIVE_INVITE_ROLES,
    InvitationForm,
)
from initiatieven.models import (
    Invitation,
    Membership,
)
from initiatieven.views.common import (
    get_initiative_for_user,
)
from netwerkplatform.core.errors import DomainError, show_domain_error


@login_required
def team(request: HttpRequest, slug: str) -> HttpResponse:
    initiative, membership = get_initiative_for_user(request, slug)
    if membership is None:
        raise PermissionDenied
    initiator = membership.role == Membership.Role.INITIATOR
    form = InvitationForm(roles=INITIATIVE_INVITE_ROLES)
    if request.method == "POST":
        if not initiator:
            raise PermissionDenied
        form = InvitationForm(request.POST, roles=INITIATIVE_INVITE_ROLES)
        if form.is_valid():
            try:
                services.invitation_create(
                    by=request.user, initiative=initiative, **form.cleaned_data
                )
                messages.success(
                    request,
                    _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
                )
                return redirect("initiatieven:team", slug=slug)
            except DomainError as error:
                show_domain_error(request, error, form=form, field="email")
    return render(
        request,
        "initiatieven/team.html",
        {
            "initiative": initiative,
            "membership": membership,
            "is_initiator": initiator,
            "members": initiative.memberships.select_related("user").order_by("role", "created_at"),
            "pending": initiative.invitations.filter(accepted_at__isnull=True) if initiator else [],
            "form": form,
        },
    )


@login_required
@require_POST
def team_action(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    initiative, membership = get_initiative_for_user(request, slug)
    if membership is None:
        raise PermissionDenied
    target = get_object_or_404(Membership, pk=membership_id, initiative=initiative)
    action = request.POST.get("action")
    try:
        if action == "remove":
            services.membership_remove(by=request.user, membership=target)
            if target.user_id == request.user.pk:
                messages.success(request, _("You have left %(name)s.") % {"name": initiative.name})
                return redirect("core:mijn")
            messages.success(
                request, _("%(name)s has been removed.") % {"name": target.user.display_name}
            )
        elif action == "hand_over":
            services.membership_hand_over(by=request.user, initiative=initiative, to=target)
            messages.success(
                request, _("%(name)s is now initiator.") % {"name": target.user.display_name}
            )
        elif action in {"core", "member"}:
            services.membership_set_role(by=request.user, membership=target, role=action)
            messages.success(request, _("The role has been changed."))
        elif action in {"show", "hide"}:
            services.membership_set_visible(
                user=request.user, membership=target, visible=action == "show"
            )
            messages.success(request, _("Your choice has been saved."))
    except DomainError as error:
        show_domain_error(request, error)
    return redirect("initiatieven:team", slug=slug)


@login_required
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    invite = get_object_or_404(
        Invitation.objects.select_related("initiative", "organisation"), token=token
    )
    if request.method == "POST":
        try:
            services.invitation_accept(
                user=request.user, token=token, as_myself=request.POST.get("as_myself") == "1"
            )
        except DomainError as error:
            show_domain_error(request, error)
            return redirect("core:mijn")
        messages.success(
            request, _("Welcome! You are now a member of %(name)s.") % {"name": invite.target}
        )
        if invite.initiative_id:
            return redirect("initiatieven:detail", slug=invite.initiative.slug)
        return redirect("initiatieven:organisation", slug=invite.organisation.slug)
    may_accept, only_as_myself = services.invitation_may_accept(
        user=request.user, invitation=invite
    )
    return render(
        request,
        "initiatieven/invitation.html",
        {"invitation": invite, "may_accept": may_accept, "only_as_myself": only_as_myself},
    )
