"""A fund's funding schemes, with the live count of initiatives that fit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatieven import selectors, services
from initiatieven.forms import (
    FundingSchemeForm,
)
from initiatieven.models import (
    FundingScheme,
    Organisation,
)
from initiatieven.views.common import (
    get_organisation_for_user,
)
from netwerkplatform.core.errors import DomainError, show_domain_error


def _get_fund_for_member(request: HttpRequest, slug: str) -> Organisation:
    organisation, member = get_organisation_for_user(request, slug)
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
        except DomainError as error:
            show_domain_error(request, error, form=form)
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
