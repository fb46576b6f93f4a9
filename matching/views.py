from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bijeenkomsten.models import Event
from initiatieven import selectors
from initiatieven.models import Initiative, Organisation
from matching import services
from matching.dates.models import DateMatch
from matching.forms import EventMatchForm, EventPageForm, ManualMatchForm, PreferenceForm
from matching.levels import match_level, match_level_label
from matching.models import DeclineReason, EventMatchPage, Match
from matching.reasons import sentences
from netwerkplatform.core.errors import DomainError, Refused, show_domain_error
from netwerkplatform.core.paging import page_of
from netwerkplatform.core.vocabulary import ResourceKind

LIVE = [Match.Status.SUGGESTED, Match.Status.MATCHED]
RELATED = (
    "initiative",
    "scheme__organisation",
    "partner",
    "other_initiative",
    "event",
)


def _card(match: Match, side: str, can_answer: bool = True) -> dict:
    """What one side sees of a match; contact details only once it is confirmed."""
    other_side = services.SIDE_OTHER if side == services.SIDE_INITIATIVE else "initiative"
    them = match.target if side == services.SIDE_INITIATIVE else match.initiative
    if side == services.SIDE_INITIATIVE:
        mine, theirs = match.initiative_response, match.other_response
    else:
        mine, theirs = match.other_response, match.initiative_response
    return {
        "match": match,
        "side": side,
        "them": them,
        "fund": match.scheme.organisation if match.scheme_id else None,
        "sentences": sentences(match, side=side),
        "level": match_level(match.score),
        "level_label": match_level_label(match.score),
        "mine": mine,
        "theirs": theirs,
        "contact": services.contact_of(match, other_side) if match.is_matched else None,
        "can_answer": can_answer,
        "declined_why": services.decline_reason_of(match, side)
        if mine == Match.Response.NOT_INTERESTED
        else "",
        "why_choices": DeclineReason.Why.choices,
    }


def _get_match_for_user(request, pk: int) -> Match:
    match = get_object_or_404(
        services.matches_visible_to(request.user).select_related(*RELATED), pk=pk
    )
    return match


def _empty_hints(initiative) -> dict:
    """What an empty list of each kind says: why nothing fits, and what to add, but
    never to add what the initiative already asks (a money need, another need)."""
    kinds = selectors.open_need_kinds(initiative)
    asks_money, asks_more = ResourceKind.MONEY in kinds, bool(kinds - {ResourceKind.MONEY})
    return {
        Match.Kind.SCHEME: _(
            "No fund fits yet: none on the platform matches your subject, place, stage "
            "and amount together. When one joins or opens a scheme that fits, you will "
            "see it here."
        )
        if asks_money
        else _(
            "No fund fits yet. Funds look at themes, region, stage and the amount you "
            "ask: add a money need with an amount."
        ),
        Match.Kind.PARTNER: _(
            "No partner offers what you are looking for where you are yet. When one "
            "joins, you will see it here."
        )
        if asks_more
        else _(
            "No partner fits yet. Add what you need, such as space or knowledge, so "
            "partners who offer it can find you."
        ),
        Match.Kind.INITIATIVE: _(
            "No similar initiative yet. Add themes and what you can offer to find "
            "initiatives to join forces with."
        ),
    }


def _initiative_sections(user) -> list[dict]:
    """One section per initiative of the user: its suggestions of each kind as cards
    (a pair of two own initiatives shown once), their count and the empty lists' texts."""
    initiative_ids = services.user_initiative_ids(user)
    answering = set(services.user_answering_initiative_ids(user))
    initiatives = list(
        Initiative.objects.filter(pk__in=initiative_ids).prefetch_related("needs").order_by("name")
    )
    own = list(
        Match.objects.filter(
            Q(initiative_id__in=initiative_ids) | Q(other_initiative_id__in=initiative_ids),
            status__in=LIVE,
        )
        .select_related(*RELATED)
        .order_by("-score", "pk")
    )
    own_pairs = {(m.initiative_id, m.other_initiative_id) for m in own}
    sections = []
    for initiative in initiatives:
        groups = {kind: [] for kind in Match.Kind.values}
        can_answer = initiative.pk in answering
        for match in own:
            if match.initiative_id == initiative.pk:
                groups[match.kind].append(_card(match, services.SIDE_INITIATIVE, can_answer))
            elif (
                match.other_initiative_id == initiative.pk
                and (initiative.pk, match.initiative_id) not in own_pairs
            ):  # shown once: their own suggestion of the same pair comes first
                groups[match.kind].append(_card(match, services.SIDE_OTHER, can_answer))
        hints = _empty_hints(initiative)
        sections.append(
            {
                "initiative": initiative,
                "has_needs": bool(initiative.needs.all()),
                "count": sum(len(cards) for cards in groups.values()),
                "kinds": [
                    (kind, label, groups[kind], hints[kind]) for kind, label in Match.Kind.choices
                ],
            }
        )
    return sections


@login_required
def index(request):
    sections = _initiative_sections(request.user)
    organisation_ids = services.user_organisation_ids(request.user)
    organisations = list(Organisation.objects.filter(pk__in=organisation_ids).order_by("name"))
    incoming = (
        Match.objects.filter(
            Q(scheme__organisation_id__in=organisation_ids) | Q(partner_id__in=organisation_ids),
            status__in=LIVE,
        )
        .select_related(*RELATED)
        .order_by("-score", "pk")
    )
    page = page_of(request, incoming, 20)
    return render(
        request,
        "matching/index.html",
        {
            "sections": sections,
            "organisations": organisations,
            "incoming": [_card(m, services.SIDE_OTHER) for m in page.object_list],
            "decline_totals": services.decline_totals(organisation_ids),
            "subject_tips": services.subject_tips(organisation_ids),
            "page": page,
        },
    )


@login_required
@require_POST
def decline_reason(request, pk: int):
    """The optional one-click "why not?" after "not interesting"."""
    match = _get_match_for_user(request, pk)
    sides = services.match_sides_of(match, request.user)
    side = request.POST.get("side")
    side = side if side in sides else sides[0]
    try:
        services.decline_reason_record(
            match=match, user=request.user, side=side, why=request.POST.get("why", "")
        )
    except DomainError as error:
        show_domain_error(request, error)
    else:
        messages.info(request, _("Thanks: this helps us suggest better."))
    if request.htmx:  # the card alone replaces itself: it shows the message too
        return render(
            request, "matching/_card.html", {"card": _card(match, side), "show_messages": True}
        )
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("matching:index")


@login_required
def detail(request, pk: int):
    match = _get_match_for_user(request, pk)
    sides = services.match_sides_of(match, request.user)
    answering = services.match_sides_of(match, request.user, answering=True)
    side = answering[0] if answering else sides[0]
    return render(request, "matching/detail.html", {"card": _card(match, side, side in answering)})


@login_required
@require_POST
def respond(request, pk: int):
    match = _get_match_for_user(request, pk)
    interested = request.POST.get("answer") == "interested"
    side = request.POST.get("side")
    try:
        match = services.match_respond(
            match=match, user=request.user, interested=interested, side=side
        )
    except DomainError as error:
        show_domain_error(request, error)
    else:
        if match.is_matched:
            messages.success(request, _("It's a match! You can now see each other's details."))
        elif interested:
            messages.success(request, _("Saved: you are interested."))
        else:
            messages.info(request, _("Saved: this one is not for you."))
    match = _get_match_for_user(request, pk)
    sides = services.match_sides_of(match, request.user)
    answering = services.match_sides_of(match, request.user, answering=True)
    chosen = side if side in sides else (answering or sides)[0]
    if request.htmx:  # the card alone replaces itself: it shows the message too
        card = _card(match, chosen, chosen in answering)
        return render(request, "matching/_card.html", {"card": card, "show_messages": True})
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("matching:index")


@login_required
def manual(request, slug: str):
    initiative = get_object_or_404(Initiative, slug=slug, visibility=Initiative.Visibility.PUBLIC)
    organisations = Organisation.objects.filter(pk__in=services.user_organisation_ids(request.user))
    if not organisations.exists():
        raise Refused(_("Only funds and partners can start a match."))
    form = ManualMatchForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            match = services.match_create_manual(
                user=request.user,
                organisation=form.cleaned_data["organisation"],
                initiative=initiative,
                scheme=form.cleaned_data["scheme"],
            )
        except DomainError as error:
            show_domain_error(request, error, form=form)
        else:
            messages.success(
                request, _("We let %(name)s know you are interested.") % {"name": initiative.name}
            )
            return redirect("matching:detail", pk=match.pk)
    return render(request, "matching/manual.html", {"form": form, "initiative": initiative})


@login_required
def preferences(request):
    preference = services.preference_for(request.user)
    form = PreferenceForm(request.POST or None, initial={"weekly_digest": preference.weekly_digest})
    if request.method == "POST" and form.is_valid():
        services.preference_update(
            user=request.user, weekly_digest=form.cleaned_data["weekly_digest"]
        )
        messages.success(request, _("Your e-mail settings are saved."))
        return redirect("matching:preferences")
    return render(request, "matching/preferences.html", {"form": form})


def _event_matches(event: Event):
    return (
        Match.objects.filter(
            event=event,
            status=Match.Status.MATCHED,
            initiative__visibility=Initiative.Visibility.PUBLIC,
        )
        .select_related(*RELATED)
        .order_by("-matched_at", "pk")
    )


def event_page(request, slug: str):
    event = get_object_or_404(Event, slug=slug)
    page = EventMatchPage.objects.filter(event=event).first()
    organiser = services.is_organiser(request.user, event)
    if not (page and page.is_public) and not organiser:
        raise Http404

    date_matches = list(
        DateMatch.objects.filter(event=event).select_related(
            "request__from_user", "request__to_user"
        )
    )
    for dm in date_matches:
        dm.level = match_level_label(dm.score)
    return render(
        request,
        "matching/event.html",
        {
            "event": event,
            "page": page,
            "matches": _event_matches(event),
            "organiser": organiser,
            # Names only where both people agreed; the others are counted.
            "date_matches": [dm for dm in date_matches if dm.public],
            "date_matches_unnamed": sum(1 for dm in date_matches if not dm.public),
        },
    )


@login_required
def event_manage(request, slug: str):
    event = get_object_or_404(Event, slug=slug)
    if not services.is_organiser(request.user, event):
        raise Refused(_("Only the organisers of this event can record its matches."))
    page = EventMatchPage.objects.filter(event=event).first()
    match_form = EventMatchForm(
        request.POST if "record" in request.POST else None,
        initiatives=services.event_attending_initiatives(event),
        organisations=services.event_attending_organisations(event),
    )
    page_form = EventPageForm(
        request.POST if "publish" in request.POST else None,
        initial={
            "is_public": page.is_public if page else False,
            "intro": page.intro if page else "",
        },
    )
    if request.method == "POST":
        try:
            if "record" in request.POST and match_form.is_valid():
                services.match_record_at_event(
                    user=request.user, event=event, **match_form.cleaned_data
                )
                messages.success(
                    request,
                    _("The match is proposed: both sides are asked whether it is right."),
                )
                return redirect("matching:event_manage", slug=slug)
            if "publish" in request.POST and page_form.is_valid():
                services.event_page_update(user=request.user, event=event, **page_form.cleaned_data)
                messages.success(request, _("The page is saved."))
                return redirect("matching:event_manage", slug=slug)
        except DomainError as error:
            show_domain_error(request, error, form=match_form)
    return render(
        request,
        "matching/event_manage.html",
        {
            "event": event,
            "match_form": match_form,
            "page_form": page_form,
            "matches": _event_matches(event),
            "proposed": Match.objects.filter(event=event, status=Match.Status.SUGGESTED)
            .select_related(*RELATED)
            .order_by("-created_at", "pk"),
        },
    )
