"""What matching contributes to pages core owns: "Mijn overzicht", privacy, demo data."""

from matching.demo import load
from matching.models import Match
from matching.services import (
    matches_visible_to,
    personal_data_erase,
    personal_data_export,
    user_organisation_ids,
)
from netwerkplatform.core import registry


def _dashboard(request):
    if not request.user.is_authenticated:
        return None
    visible = matches_visible_to(request.user)
    return {
        "suggested": visible.filter(status=Match.Status.SUGGESTED).count(),
        "matched": visible.filter(status=Match.Status.MATCHED).count(),
    }


def _profile_section(request, initiative):
    """Confirmed matches of an initiative: with whom (never contact details), and the
    event where it was made. Both sides said yes, so the connection itself is public.
    Members of an approved fund or partner also get the button to start a match."""
    from django.db.models import Q

    can_start = (
        initiative.is_public
        and request.user.is_authenticated
        and bool(user_organisation_ids(request.user))
    )

    matches = list(
        Match.objects.filter(
            Q(initiative=initiative) | Q(other_initiative=initiative), status=Match.Status.MATCHED
        )
        .select_related(
            "initiative", "other_initiative", "partner", "scheme__organisation", "event"
        )
        .order_by("-matched_at")[:12]
    )
    if not matches and not can_start:
        return None
    connections = []
    for match in matches:
        if match.scheme_id:
            name = f"{match.scheme.organisation.name} ({match.scheme.name})"
        elif match.partner_id:
            name = match.partner.name
        else:
            other = (
                match.other_initiative if match.initiative_id == initiative.pk else match.initiative
            )
            name = other.name
        connections.append({"name": name, "event": match.event})
    return {"connections": connections, "can_start": can_start, "initiative": initiative}


def _export(user):
    return personal_data_export(user)


def _erase(user):
    personal_data_erase(user)


def _demo():
    return load()


def register() -> None:
    registry.register_dashboard_block(
        registry.DashboardBlock("matching", "matching/blocks/dashboard.html", _dashboard, order=40)
    )
    registry.register_personal_data(registry.PersonalData("matching", _export, _erase))
    registry.register_profile_section(
        registry.ProfileSection(
            "matches", "matching/blocks/profile_section.html", _profile_section, 20
        )
    )
    registry.register_demo_loader(registry.DemoLoader("matching", _demo, order=60))
