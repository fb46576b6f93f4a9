"""Funds and partners: lists, profiles, requests, editing and members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from initiatieven import search, services
from initiatieven.forms import (
    ORGANISATION_INVITE_ROLES,
    InvitationForm,
    OrganisationForm,
    OrganisationOfferFormSet,
    OrganisationSearchForm,
)
from initiatieven.models import (
    OrganisationMember,
)
from initiatieven.views.common import (
    PAGE_SIZE,
    get_organisation_for_user,
    htmx_partial,
    push_clean_url,
)
from netwerkplatform.core.errors import DomainError, show_domain_error
from netwerkplatform.core.paging import page_of, query_without_page, with_param
from netwerkplatform.core.parsing import parse_id
from netwerkplatform.core.search.suggest import retry_with_suggestion


def _organisation_list(request: HttpRequest, *, funds: bool) -> HttpResponse:
    form = OrganisationSearchForm(request.GET or None, funds=funds)
    filters = form.filters()
    find = search.fund_search if funds else search.partner_search
    page = page_of(request, find(**filters), PAGE_SIZE)
    suggestion = None
    if filters.get("q") and page.paginator.count == 0:
        retried = retry_with_suggestion(find, **filters)
        if retried:
            organisations, suggestion = retried
            page = page_of(request, organisations, PAGE_SIZE)
    context = {
        "form": form,
        "page": page,
        "q": suggestion or filters.get("q", ""),
        "suggestion": suggestion,
        "suggestion_query": with_param(request, "q", suggestion) if suggestion else "",
        "funds": funds,
        "filtered": bool(filters),
        "query": query_without_page(request),
    }
    template = (
        "initiatieven/_organisation_results.html"
        if htmx_partial(request)
        else "initiatieven/organisations.html"
    )
    response = render(request, template, context)
    if htmx_partial(request):
        push_clean_url(request, response)
    response["Vary"] = "HX-Request"
    return response


@require_GET
def funds(request: HttpRequest) -> HttpResponse:
    return _organisation_list(request, funds=True)


@require_GET
def partners(request: HttpRequest) -> HttpResponse:
    return _organisation_list(request, funds=False)


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation, member = get_organisation_for_user(request, slug)
    can_act = member is not None and organisation.is_approved
    schemes = organisation.schemes.prefetch_related("themes", "provinces", "municipalities")
    if not can_act:
        schemes = schemes.filter(is_active=True)
    return render(
        request,
        "initiatieven/organisation_detail.html",
        {
            "organisation": organisation,
            "member": member,
            "can_act": can_act,
            "is_admin": member is not None and member.role == OrganisationMember.Role.ADMIN,
            "schemes": schemes,
            "offers": organisation.offers.all(),
            "themes": organisation.themes.all(),
            "today": timezone.localdate(),
        },
    )


@login_required
def organisation_request(request: HttpRequest) -> HttpResponse:
    if not request.user.has_verified_email:
        return render(request, "initiatieven/verify_first.html", status=403)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_request(
                user=request.user,
                fields=form.service_fields(),
                themes=form.all_themes(),
                provinces=form.cleaned_data["provinces"],
                municipalities=form.cleaned_data["municipalities"],
            )
            messages.success(
                request,
                _(
                    "Thank you! We check every organisation before it appears; "
                    "you will get an e-mail."
                ),
            )
            return redirect("initiatieven:organisation", slug=organisation.slug)
        except DomainError as error:
            show_domain_error(request, error, form=form)
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request, "initiatieven/organisation_form.html", {"form": form, "organisation": None}
    )


@login_required
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation, member = get_organisation_for_user(request, slug)
    if not services.is_organisation_admin(request.user, organisation):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=organisation)
    offers = OrganisationOfferFormSet(request.POST or None, instance=organisation, prefix="offers")
    if request.method == "POST" and form.is_valid() & offers.is_valid():
        try:
            services.organisation_update(
                user=request.user,
                organisation=organisation,
                fields=form.service_fields(),
                themes=form.all_themes(),
                provinces=form.cleaned_data["provinces"],
                municipalities=form.cleaned_data["municipalities"],
                offers=offers.rows(),
            )
            messages.success(request, _("Your changes have been saved."))
            return redirect("initiatieven:organisation", slug=organisation.slug)
        except DomainError as error:
            show_domain_error(request, error, form=form)
    return render(
        request,
        "initiatieven/organisation_form.html",
        {"form": form, "offers": offers, "organisation": organisation},
    )


@login_required
def organisation_members(request: HttpRequest, slug: str) -> HttpResponse:
    organisation, member = get_organisation_for_user(request, slug)
    if member is None:
        raise PermissionDenied
    is_admin = member.role == OrganisationMember.Role.ADMIN
    form = InvitationForm(roles=ORGANISATION_INVITE_ROLES)
    if request.method == "POST":
        action, target_id = request.POST.get("action"), request.POST.get("member")
        try:
            if action in {"remove", "admin", "member"}:
                target = get_object_or_404(
                    OrganisationMember, pk=parse_id(target_id), organisation=organisation
                )
                if action == "remove":
                    services.organisation_member_remove(by=request.user, member=target)
                else:
                    services.organisation_member_set_role(
                        by=request.user, member=target, role=action
                    )
                messages.success(request, _("Your choice has been saved."))
                return redirect("initiatieven:organisation_members", slug=slug)
            form = InvitationForm(request.POST, roles=ORGANISATION_INVITE_ROLES)
            if form.is_valid():
                services.invitation_create(
                    by=request.user, organisation=organisation, **form.cleaned_data
                )
                messages.success(
                    request,
                    _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
                )
                return redirect("initiatieven:organisation_members", slug=slug)
        except DomainError as error:
            show_domain_error(request, error, form=form if form.is_bound else None, field="email")
    return render(
        request,
        "initiatieven/organisation_members.html",
        {
            "organisation": organisation,
            "member": member,
            "is_admin": is_admin,
            "members": organisation.members.select_related("user").order_by("role", "created_at"),
            "form": form,
        },
    )
