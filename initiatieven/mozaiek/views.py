"""Views of the Netwerkmozaïek: thin, they parse a form, call a service and redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from initiatieven.mozaiek import next_steps, results, services
from initiatieven.mozaiek.catalogue import catalogue
from initiatieven.mozaiek.forms import (
    AssessmentOpenForm,
    BlockAnswerForm,
    InviteForm,
    ProfileSummaryForm,
    SubmitForm,
)
from initiatieven.mozaiek.models import Assessment, Invitation, Response
from netwerkplatform.core import exports
from netwerkplatform.core.errors import DomainError, show_domain_error
from netwerkplatform.core.parsing import parse_id


def _get_assessment_for_user(request: HttpRequest, pk: int, *, manage: bool = False) -> Assessment:
    """Members of the network may look (404 for everyone else); only coordinators change."""
    assessment = get_object_or_404(Assessment.objects.select_related("initiative"), pk=pk)
    if not services.user_is_member(user=request.user, initiative=assessment.initiative):
        raise Http404
    if manage and not services.user_coordinates(
        user=request.user, initiative=assessment.initiative
    ):
        raise PermissionDenied
    return assessment


def index(request: HttpRequest) -> HttpResponse:
    rounds = []
    can_open = False
    if request.user.is_authenticated:
        rounds = list(
            Assessment.objects.filter(initiative__memberships__user=request.user)
            .select_related("initiative")
            .distinct()[:50]
        )
        can_open = services.initiatives_coordinated_by(user=request.user).exists()
    return render(
        request,
        "mozaiek/index.html",
        {"catalogue": catalogue(), "rounds": rounds, "can_open": can_open},
    )


@login_required
def assessment_open(request: HttpRequest) -> HttpResponse:
    initiatives = services.initiatives_coordinated_by(user=request.user).order_by("name")
    if not initiatives.exists():
        messages.info(
            request,
            _("You can open a round for a network in which you are initiator or core team."),
        )
        return redirect("mozaiek:index")
    if request.method == "POST":
        form = AssessmentOpenForm(request.POST, initiatives=initiatives)
        if form.is_valid():
            try:
                assessment = services.assessment_open(
                    initiative=form.cleaned_data["initiative"],
                    user=request.user,
                    title=form.cleaned_data["title"],
                    deadline=form.cleaned_data["deadline"],
                )
            except DomainError as error:
                show_domain_error(request, error, form=form)
            else:
                messages.success(request, _("The round is open. Now invite your partners."))
                return redirect(assessment)
    else:
        form = AssessmentOpenForm(
            initiatives=initiatives,
            initial={
                "initiative": initiatives.filter(pk=parse_id(request.GET.get("netwerk"))).first()
                or initiatives.first(),
                "deadline": timezone.localdate() + timezone.timedelta(days=21),
            },
        )
    return render(request, "mozaiek/open.html", {"form": form})


def _round_context(request: HttpRequest, assessment: Assessment, invite_form=None) -> dict:
    coordinator = services.user_coordinates(user=request.user, initiative=assessment.initiative)
    submitted = assessment.responses.filter(submitted_at__isnull=False)
    return {
        "assessment": assessment,
        "coordinator": coordinator,
        "invited": assessment.invitations.count(),
        "submitted": submitted.count(),
        "names": sorted(
            submitted.filter(show_name=True)
            .exclude(display_name="")
            .values_list("display_name", flat=True),
            key=str.casefold,
        ),
        # Addresses only, never whether someone answered: that would undo the anonymity.
        "invitations": assessment.invitations.order_by("email") if coordinator else [],
        "invite_form": invite_form or InviteForm(),
        "profile_form": ProfileSummaryForm(
            initial={"show_summary_on_profile": assessment.show_summary_on_profile}
        ),
        "accepts": assessment.accepts_answers_on(timezone.localdate()),
        "min_responses": results.MIN_RESPONSES,
        "my_invitation": Invitation.objects.filter(assessment=assessment, user=request.user)
        .select_related("response")
        .first(),
    }


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _get_assessment_for_user(request, pk)
    return render(request, "mozaiek/round.html", _round_context(request, assessment))


@login_required
@require_POST
def assessment_invite(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _get_assessment_for_user(request, pk, manage=True)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            result = services.assessment_invite(
                assessment=assessment, user=request.user, emails=form.cleaned_data["emails"]
            )
        except DomainError as error:
            show_domain_error(request, error, form=form, field="emails")
        else:
            if result.invited:
                messages.success(
                    request,
                    _("Invitation sent to %(list)s.") % {"list": ", ".join(result.invited)},
                )
            if result.already_invited:
                messages.info(
                    request,
                    _("Already invited (their link stays the same): %(list)s.")
                    % {"list": ", ".join(result.already_invited)},
                )
            return redirect(assessment)
    # Show the round again with the errors and what was typed.
    context = _round_context(request, assessment, invite_form=form)
    return render(request, "mozaiek/round.html", context, status=400)


@login_required
@require_POST
def assessment_close(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _get_assessment_for_user(request, pk, manage=True)
    try:
        services.assessment_close(assessment=assessment, user=request.user)
    except DomainError as error:
        show_domain_error(request, error)
    else:
        messages.success(request, _("The round is closed. Nobody can change their answers now."))
    return redirect(assessment)


@login_required
@require_POST
def assessment_profile(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _get_assessment_for_user(request, pk, manage=True)
    form = ProfileSummaryForm(request.POST)
    form.is_valid()
    show = bool(form.cleaned_data.get("show_summary_on_profile"))
    services.assessment_set_profile_summary(assessment=assessment, user=request.user, show=show)
    if show:
        messages.success(request, _("A summary of this round is shown on your public profile."))
    else:
        messages.success(request, _("This round is not shown on your public profile."))
    return redirect(assessment)


@login_required
@require_POST
def assessment_answer_as_member(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _get_assessment_for_user(request, pk)
    try:
        invitation = services.invitation_for_member(assessment=assessment, user=request.user)
    except DomainError as error:
        show_domain_error(request, error)
        return redirect(assessment)
    return redirect(invitation)


@login_required
def assessment_results(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _get_assessment_for_user(request, pk)
    outcome = results.round_results(assessment)
    steps = next_steps.for_blocks(outcome.low_blocks) if outcome.visible else []
    return render(
        request,
        "mozaiek/results.html",
        {
            "assessment": assessment,
            "results": outcome,
            "tiles": results.mosaic_tiles(outcome.blocks),
            "steps": steps,
            "pending": results.pending_count(assessment) if outcome.visible else 0,
            "min_responses": results.MIN_RESPONSES,
            "scale_labels": results.SCALE_LABELS,
        },
    )


@login_required
def assessment_report(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _get_assessment_for_user(request, pk)
    outcome = results.round_results(assessment)
    return render(
        request,
        "mozaiek/report.html",
        {
            "assessment": assessment,
            "results": outcome,
            "tiles": results.mosaic_tiles(outcome.blocks),
            "min_responses": results.MIN_RESPONSES,
            "scale_labels": results.SCALE_LABELS,
            "printed_on": timezone.localdate(),
        },
    )


@login_required
def assessment_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Anonymous CSV: counts and means per statement and per block, never a person's row."""
    assessment = _get_assessment_for_user(request, pk)
    rows = results.statement_table(assessment)
    if rows is None:
        messages.info(
            request,
            _("The export is available from %(n)s submitted answers.")
            % {"n": results.MIN_RESPONSES},
        )
        return redirect("mozaiek:results", pk=assessment.pk)
    response = exports.csv_response(f"mozaiek-ronde-{assessment.pk}.csv")
    writer = exports.csv_writer(response)
    writer.writerow(
        [
            _("building block"),
            _("statement"),
            _("answers"),
            _("mean"),
            "1",
            "2",
            "3",
            "4",
            "5",
            _("I don't know"),
            _("consensus"),
        ]
    )
    for row in rows:
        writer.writerow(row)
    return response


# --- Answering through a personal link -------------------------------------------------


def _invitation_or_404(request: HttpRequest, token: str):
    invitation = services.invitation_by_token(token)
    if invitation is None:
        return None, render(request, "mozaiek/link_invalid.html", status=404)
    return invitation, None


def _progress(invitation: Invitation, response: Response | None):
    answered = set(response.answers.values_list("statement_key", flat=True)) if response else set()
    rows = []
    for block in invitation.assessment.catalogue.blocks:
        done = sum(1 for st in block.statements if st.key in answered)
        rows.append({"block": block, "done": done, "total": len(block.statements)})
    return rows


def _state(invitation: Invitation) -> str:
    response = getattr(invitation, "response", None)
    if response is not None and response.is_submitted:
        return "submitted"
    if not invitation.assessment.is_open:
        return "closed"
    if not invitation.assessment.accepts_answers_on(timezone.localdate()):
        return "late"
    return "open"


@never_cache
def answer_start(request: HttpRequest, token: str) -> HttpResponse:
    invitation, error_page = _invitation_or_404(request, token)
    if error_page:
        return error_page
    response = Response.objects.filter(invitation=invitation).first()
    progress = _progress(invitation, response)
    first_open = next((row["block"].key for row in progress if row["done"] < row["total"]), None)
    return render(
        request,
        "mozaiek/answer_start.html",
        {
            "invitation": invitation,
            "assessment": invitation.assessment,
            "response": response,
            "progress": progress,
            "state": _state(invitation),
            "first_open": first_open,
        },
    )


def _after_saving_block(
    request: HttpRequest, token: str, answers: dict, keys: list[str], position: int
) -> HttpResponse:
    """Where a saved block leads: once back to ask for a comment on a low score, else
    to the previous block, the same one ("save and stop"), the next, or submitting."""
    low_without_comment = any(v in (1, 2) and not c for v, c in answers.values())
    here = reverse("mozaiek:answer_block", args=[token, keys[position]])
    if low_without_comment and not request.POST.get("prompted"):
        return redirect(here + "?toelichting=1")
    go = request.POST.get("go", "next")
    if go == "previous" and position > 0:
        return redirect("mozaiek:answer_block", token=token, block_key=keys[position - 1])
    if go == "stay":
        messages.success(request, _("Saved. You can continue later through your link."))
        return redirect(here)
    if position + 1 < len(keys):
        return redirect("mozaiek:answer_block", token=token, block_key=keys[position + 1])
    return redirect("mozaiek:answer_submit", token=token)


@never_cache
def answer_block(request: HttpRequest, token: str, block_key: str) -> HttpResponse:
    invitation, error_page = _invitation_or_404(request, token)
    if error_page:
        return error_page
    assessment = invitation.assessment
    cat = assessment.catalogue
    try:
        block = cat.block(block_key)
    except KeyError:
        raise Http404 from None
    if _state(invitation) != "open":
        return redirect(invitation)
    keys = [b.key for b in cat.blocks]
    position = keys.index(block.key)
    try:
        response = services.response_start(invitation=invitation)
    except DomainError as error:
        show_domain_error(request, error)
        return redirect(invitation)

    if request.method == "POST":
        form = BlockAnswerForm(request.POST, block=block)
        if form.is_valid():
            answers = form.answers()
            try:
                services.response_save_block(
                    response=response, block_key=block.key, answers=answers
                )
            except DomainError as error:
                show_domain_error(request, error)
                return redirect(invitation)
            return _after_saving_block(request, token, answers, keys, position)
    else:
        form = BlockAnswerForm(
            initial=BlockAnswerForm.initial_from(response.answers.all()), block=block
        )
    return render(
        request,
        "mozaiek/answer_block.html",
        {
            "invitation": invitation,
            "assessment": assessment,
            "current": block,
            "form": form,
            "position": position + 1,
            "total": len(keys),
            "previous": keys[position - 1] if position else None,
            "prompted": request.GET.get("toelichting") == "1",
        },
    )


@never_cache
def answer_submit(request: HttpRequest, token: str) -> HttpResponse:
    invitation, error_page = _invitation_or_404(request, token)
    if error_page:
        return error_page
    if _state(invitation) != "open":
        return redirect(invitation)
    try:
        response = services.response_start(invitation=invitation)
    except DomainError as error:
        show_domain_error(request, error)
        return redirect(invitation)
    if request.method == "POST":
        form = SubmitForm(request.POST)
        if form.is_valid():
            try:
                services.response_submit(
                    response=response,
                    partner_kind=form.cleaned_data["partner_kind"],
                    show_name=form.cleaned_data["show_name"],
                    display_name=form.cleaned_data["display_name"],
                )
            except DomainError as error:
                show_domain_error(request, error, form=form)
            else:
                messages.success(request, _("Thank you! Your answers have been sent."))
                return redirect(invitation)
    else:
        form = SubmitForm(
            initial={"display_name": response.display_name, "partner_kind": response.partner_kind}
        )
    missing = services.response_missing_blocks(response=response)
    cat = invitation.assessment.catalogue
    return render(
        request,
        "mozaiek/answer_submit.html",
        {
            "invitation": invitation,
            "assessment": invitation.assessment,
            "form": form,
            "missing": [cat.block(key) for key in missing],
            "last_block": cat.blocks[-1].key,
        },
    )
