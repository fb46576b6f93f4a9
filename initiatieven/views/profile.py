"""An initiative's profile, registering and editing it, and publishing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.utils import ErrorDict, ErrorList
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatieven import selectors, services
from initiatieven.forms import (
    InitiativeForm,
    NeedFormSet,
    OfferFormSet,
)
from initiatieven.models import (
    Initiative,
    ShortlistEntry,
)
from initiatieven.views.common import (
    get_initiative_for_user,
)
from netwerkplatform.core import registry
from netwerkplatform.core.errors import DomainError, show_domain_error
from netwerkplatform.core.models import Municipality
from netwerkplatform.core.parsing import parse_int


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
                total = parse_int(data.get(f"{prefix}-TOTAL_FORMS"), maximum=20) or 0
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
            except DomainError as error:
                show_domain_error(request, error, form=form)
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
    initiative, _membership = get_initiative_for_user(request, slug)
    if not services.can_edit_initiative(request.user, initiative):
        raise PermissionDenied
    return _initiative_form_view(request, initiative)


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    initiative, membership = get_initiative_for_user(request, slug)
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
    initiative, _membership = get_initiative_for_user(request, slug)
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
    except DomainError as error:
        show_domain_error(request, error)
    return redirect("initiatieven:detail", slug=slug)
