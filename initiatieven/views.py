"""Views of initiatieven: thin — parse, call a service, redirect or render (a partial for htmx)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.forms.utils import ErrorDict, ErrorList
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from initiatieven import search, selectors, services
from initiatieven.forms import (
    INITIATIVE_INVITE_ROLES,
    ORGANISATION_INVITE_ROLES,
    FundingSchemeForm,
    InitiativeForm,
    InvitationForm,
    NeedFormSet,
    NoteForm,
    OfferFormSet,
    OrganisationForm,
    OrganisationOfferFormSet,
    OrganisationSearchForm,
    SearchForm,
)
from initiatieven.models import (
    FundingScheme,
    Initiative,
    Invitation,
    Membership,
    Organisation,
    OrganisationMember,
    ShortlistEntry,
)
from netwerkplatform.core import registry
from netwerkplatform.core.models import Municipality

PAGE_SIZE = 20


def _is_htmx_partial(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request")) and not request.headers.get(
        "HX-History-Restore-Request"
    )


def _query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _error(request: HttpRequest, error: Exception) -> None:
    messages.error(request, str(error))


# --- access helpers -----------------------------------------------------------------


def _get_initiative_for_user(
    request: HttpRequest, slug: str
) -> tuple[Initiative, Membership | None]:
    """404 unless public, or the person is on its team (or staff): drafts stay private."""
    initiative = get_object_or_404(
        Initiative.objects.select_related("municipality__province"), slug=slug
    )
    membership = selectors.membership_of(request.user, initiative)
    if not initiative.is_public and membership is None and not request.user.is_staff:
        raise Http404
    return initiative, membership


def _get_organisation_for_user(
    request: HttpRequest, slug: str
) -> tuple[Organisation, OrganisationMember | None]:
    organisation = get_object_or_404(Organisation, slug=slug)
    member = selectors.organisation_member_of(request.user, organisation)
    if not organisation.is_approved and member is None and not request.user.is_staff:
        raise Http404
    return organisation, member


# --- initiatives: directory ---------------------------------------------------------


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    filters = form.filters()
    initiatives = search.initiative_search(**filters)
    page = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("page"))
    acting_for = list(selectors.organisations_acting_for(request.user))
    shortlisted = set()
    if acting_for:
        shortlisted = set(
            ShortlistEntry.objects.filter(
                organisation__in=acting_for, initiative__in=[i.pk for i in page.object_list]
            ).values_list("initiative_id", flat=True)
        )
    context = {
        "form": form,
        "page": page,
        "filtered": bool(filters),
        "only_query": set(filters) <= {"q"},
        "query": _query_without_page(request),
        "acting_for": acting_for,
        "shortlisted": shortlisted,
    }
    if _is_htmx_partial(request):
        response = render(request, "initiatieven/_results.html", context)
    else:
        context["municipality_names"] = Municipality.objects.values_list("name", flat=True)
        response = render(request, "initiatieven/index.html", context)
    response["Vary"] = "HX-Request"
    return response


# --- initiatives: register and edit ------------------------------------------------


def _silence(form) -> None:
    """Re-render a bound form without its errors (for "add a row" without saving)."""
    form._errors = ErrorDict()


def _initiative_form_view(request: HttpRequest, initiative: Initiative | None) -> HttpResponse:
    instance = initiative or Initiative()
    if request.method == "POST":
        data = request.POST.copy()
        adding = None
        for prefix in ("needs", "offers"):
            if f"add_{prefix}" in data:
                adding = prefix
                total = int(data.get(f"{prefix}-TOTAL_FORMS") or 0)
                data[f"{prefix}-TOTAL_FORMS"] = str(min(total + 1, 20))
        form = InitiativeForm(data, instance=instance)
        needs = NeedFormSet(data, instance=instance, prefix="needs")
        offers = OfferFormSet(data, instance=instance, prefix="offers")
        if adding:
            for f in [form, *needs.forms, *offers.forms]:
                _silence(f)
            needs._non_form_errors = ErrorList()
            offers._non_form_errors = ErrorList()
        elif form.is_valid() & needs.is_valid() & offers.is_valid():
            arguments = {
                "user": request.user,
                "fields": form.service_fields(),
                "themes": form.all_themes(),
                "needs": needs.rows(),
                "offers": offers.rows(),
            }
            try:
                if initiative is None:
                    saved = services.initiative_create(**arguments)
                    messages.success(request, _("Your initiative has been registered."))
                else:
                    saved = services.initiative_update(initiative=initiative, **arguments)
                    messages.success(request, _("Your changes have been saved."))
                return redirect("initiatieven:detail", slug=saved.slug)
            except services.InitiativeError as error:
                form.add_error(None, str(error))
            except ValidationError as error:
                form.add_error(None, error)
    else:
        form = InitiativeForm(instance=instance)
        needs = NeedFormSet(instance=instance, prefix="needs")
        offers = OfferFormSet(instance=instance, prefix="offers")
    return render(
        request,
        "initiatieven/form.html",
        {
            "form": form,
            "needs": needs,
            "offers": offers,
            "initiative": initiative,
            "municipality_names": Municipality.objects.values_list("name", flat=True),
        },
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_verified_email:
        return render(request, "initiatieven/verify_first.html", status=403)
    return _initiative_form_view(request, None)


@login_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    initiative, _membership = _get_initiative_for_user(request, slug)
    if not services.can_edit_initiative(request.user, initiative):
        raise PermissionDenied
    return _initiative_form_view(request, initiative)


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    initiative, membership = _get_initiative_for_user(request, slug)
    team = initiative.memberships.select_related("user").order_by("role", "created_at")
    if membership is None:
        team = team.filter(show_on_profile=True)
    acting_for = list(selectors.organisations_acting_for(request.user))
    shortlisted_by = set(
        ShortlistEntry.objects.filter(
            organisation__in=acting_for, initiative=initiative
        ).values_list("organisation_id", flat=True)
    )
    return render(
        request,
        "initiatieven/detail.html",
        {
            "initiative": initiative,
            "membership": membership,
            "can_edit": services.can_edit_initiative(request.user, initiative),
            "team": team,
            "needs": initiative.needs.all(),
            "offers": initiative.offers.all(),
            "themes": initiative.themes.all(),
            "acting_for": acting_for,
            "shortlisted_by": shortlisted_by,
            "sections": registry.collect(registry.profile_sections(), request, initiative),
        },
    )


@login_required
@require_POST
def set_visibility(request: HttpRequest, slug: str) -> HttpResponse:
    initiative, _membership = _get_initiative_for_user(request, slug)
    if not services.can_edit_initiative(request.user, initiative):
        raise PermissionDenied
    visibility = request.POST.get("visibility")
    if visibility not in Initiative.Visibility.values:
        return redirect("initiatieven:detail", slug=slug)
    try:
        services.initiative_set_visibility(
            user=request.user, initiative=initiative, visibility=visibility
        )
        messages.success(
            request,
            _("Your initiative is now public.")
            if initiative.is_public
            else _("Your initiative is now a draft."),
        )
    except services.InitiativeError as error:
        _error(request, error)
    return redirect("initiatieven:detail", slug=slug)


# --- team --------------------------------------------------------------------------


@login_required
def team(request: HttpRequest, slug: str) -> HttpResponse:
    initiative, membership = _get_initiative_for_user(request, slug)
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
            except services.InitiativeError as error:
                form.add_error("email", str(error))
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
    initiative, membership = _get_initiative_for_user(request, slug)
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
    except services.InitiativeError as error:
        _error(request, error)
    return redirect("initiatieven:team", slug=slug)


@login_required
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    invite = get_object_or_404(
        Invitation.objects.select_related("initiative", "organisation"), token=token
    )
    if request.method == "POST":
        try:
            services.invitation_accept(user=request.user, token=token)
        except services.InitiativeError as error:
            _error(request, error)
            return redirect("core:mijn")
        messages.success(
            request, _("Welcome! You are now a member of %(name)s.") % {"name": invite.target}
        )
        if invite.initiative_id:
            return redirect("initiatieven:detail", slug=invite.initiative.slug)
        return redirect("initiatieven:organisation", slug=invite.organisation.slug)
    return render(request, "initiatieven/invitation.html", {"invitation": invite})


# --- organisations -----------------------------------------------------------------


def _organisation_list(request: HttpRequest, *, funds: bool) -> HttpResponse:
    form = OrganisationSearchForm(request.GET or None, funds=funds)
    filters = form.filters()
    organisations = search.fund_search(**filters) if funds else search.partner_search(**filters)
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "funds": funds,
        "filtered": bool(filters),
        "query": _query_without_page(request),
    }
    template = (
        "initiatieven/_organisation_results.html"
        if _is_htmx_partial(request)
        else "initiatieven/organisations.html"
    )
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    return response


@require_GET
def funds(request: HttpRequest) -> HttpResponse:
    return _organisation_list(request, funds=True)


@require_GET
def partners(request: HttpRequest) -> HttpResponse:
    return _organisation_list(request, funds=False)


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation, member = _get_organisation_for_user(request, slug)
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
        except (services.InitiativeError, ValidationError) as error:
            form.add_error(
                None, str(error) if isinstance(error, services.InitiativeError) else error
            )
    return render(
        request, "initiatieven/organisation_form.html", {"form": form, "organisation": None}
    )


@login_required
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation, member = _get_organisation_for_user(request, slug)
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
        except services.InitiativeError as error:
            form.add_error(None, str(error))
    return render(
        request,
        "initiatieven/organisation_form.html",
        {"form": form, "offers": offers, "organisation": organisation},
    )


@login_required
def organisation_members(request: HttpRequest, slug: str) -> HttpResponse:
    organisation, member = _get_organisation_for_user(request, slug)
    if member is None:
        raise PermissionDenied
    is_admin = member.role == OrganisationMember.Role.ADMIN
    form = InvitationForm(roles=ORGANISATION_INVITE_ROLES)
    if request.method == "POST":
        action, target_id = request.POST.get("action"), request.POST.get("member")
        try:
            if action in {"remove", "admin", "member"}:
                target = get_object_or_404(
                    OrganisationMember, pk=target_id, organisation=organisation
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
        except services.InitiativeError as error:
            if form.is_bound:
                form.add_error("email", str(error))
            else:
                _error(request, error)
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


# --- funding schemes ----------------------------------------------------------------


def _get_fund_for_member(request: HttpRequest, slug: str) -> Organisation:
    organisation, member = _get_organisation_for_user(request, slug)
    if (
        member is None
        or not organisation.is_approved
        or organisation.kind != Organisation.Kind.FUND
    ):
        raise PermissionDenied
    return organisation


def _fit_count(form: FundingSchemeForm, organisation: Organisation) -> int | None:
    """How many public initiatives meet the hard criteria the form currently describes."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    if data.get("scope"):
        region = selectors.Region(
            scope=data["scope"],
            province_ids=frozenset(p.pk for p in data.get("provinces") or []),
            municipality_ids=frozenset(m.pk for m in data.get("municipalities") or []),
        )
    else:
        region = selectors.organisation_region(organisation)
    criteria = selectors.HardCriteria(
        region=region,
        stages=tuple(data.get("eligible_stages") or ()),
        min_amount=data.get("min_amount"),
        max_amount=data.get("max_amount"),
        is_open=selectors.scheme_is_open(
            is_active=data.get("is_active", False),
            opens_on=data.get("opens_on"),
            closes_on=data.get("closes_on"),
        ),
    )
    return selectors.initiatives_fitting(criteria).count()


def _scheme_form_view(
    request: HttpRequest, organisation: Organisation, scheme: FundingScheme
) -> HttpResponse:
    form = FundingSchemeForm(request.POST or None, instance=scheme)
    if request.method == "POST" and "preview" not in request.POST and form.is_valid():
        try:
            services.scheme_save(
                user=request.user,
                scheme=form.save(commit=False),
                themes=form.all_themes(),
                provinces=form.cleaned_data["provinces"],
                municipalities=form.cleaned_data["municipalities"],
            )
            messages.success(request, _("The scheme has been saved."))
            return redirect("initiatieven:organisation", slug=organisation.slug)
        except services.InitiativeError as error:
            form.add_error(None, str(error))
    if request.method == "POST":
        count = _fit_count(form, organisation)
    elif scheme.pk:
        count = selectors.initiatives_fitting_scheme(scheme).count()
    else:
        count = None
    return render(
        request,
        "initiatieven/scheme_form.html",
        {"form": form, "organisation": organisation, "scheme": scheme, "count": count},
    )


@login_required
def scheme_create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _get_fund_for_member(request, slug)
    return _scheme_form_view(request, organisation, FundingScheme(organisation=organisation))


@login_required
def scheme_edit(request: HttpRequest, slug: str, scheme_id: int) -> HttpResponse:
    organisation = _get_fund_for_member(request, slug)
    scheme = get_object_or_404(FundingScheme, pk=scheme_id, organisation=organisation)
    return _scheme_form_view(request, organisation, scheme)


@login_required
@require_POST
def scheme_count(request: HttpRequest, slug: str) -> HttpResponse:
    """The live "Nu passen N initiatieven" line, recomputed from the unsaved form (htmx)."""
    organisation = _get_fund_for_member(request, slug)
    form = FundingSchemeForm(request.POST, instance=FundingScheme(organisation=organisation))
    return render(
        request, "initiatieven/_scheme_count.html", {"count": _fit_count(form, organisation)}
    )


# --- shortlist ----------------------------------------------------------------------


def _get_acting_organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation, member = _get_organisation_for_user(request, slug)
    if member is None or not organisation.is_approved:
        raise PermissionDenied
    return organisation


@login_required
def shortlist(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _get_acting_organisation(request, slug)
    entries = (
        organisation.shortlist.select_related("initiative__municipality", "added_by")
        .prefetch_related(
            "initiative__themes",
            Prefetch("initiative__needs", to_attr="all_needs"),
        )
        .order_by("-created_at")
    )
    return render(
        request,
        "initiatieven/shortlist.html",
        {"organisation": organisation, "entries": entries},
    )


@login_required
@require_POST
def shortlist_add(request: HttpRequest, slug: str) -> HttpResponse:
    initiative, _membership = _get_initiative_for_user(request, slug)
    organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation") or 0)
    try:
        services.shortlist_add(user=request.user, organisation=organisation, initiative=initiative)
        messages.success(
            request,
            _("%(initiative)s is on the shortlist of %(organisation)s.")
            % {"initiative": initiative.name, "organisation": organisation.name},
        )
    except services.InitiativeError as error:
        raise PermissionDenied(str(error)) from error
    if request.headers.get("HX-Request"):
        return HttpResponse(f'<span class="badge badge--ok">{_("On the shortlist")}</span>')
    next_url = request.POST.get("next")
    if next_url and next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect("initiatieven:detail", slug=slug)


def _get_entry(request: HttpRequest, slug: str, entry_id: int) -> ShortlistEntry:
    organisation = _get_acting_organisation(request, slug)
    return get_object_or_404(
        ShortlistEntry.objects.select_related("organisation"),
        pk=entry_id,
        organisation=organisation,
    )


@login_required
@require_POST
def shortlist_entry(request: HttpRequest, slug: str, entry_id: int) -> HttpResponse:
    entry = _get_entry(request, slug, entry_id)
    if request.POST.get("action") == "remove":
        services.shortlist_remove(user=request.user, entry=entry)
        messages.success(request, _("Removed from the shortlist."))
    else:
        form = NoteForm(request.POST)
        if form.is_valid():
            services.shortlist_update_note(
                user=request.user, entry=entry, note=form.cleaned_data["note"]
            )
            messages.success(request, _("The note has been saved."))
        else:
            messages.error(request, _("The note is too long; keep it under 2000 characters."))
    return redirect(reverse("initiatieven:shortlist", args=[slug]) + f"#entry-{entry_id}")


@login_required
@require_GET
def shortlist_export(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _get_acting_organisation(request, slug)
    response = HttpResponse(
        "\ufeff" + services.shortlist_csv(organisation=organisation),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="shortlist-{organisation.slug}-{stamp}.csv"'
    )
    return response
