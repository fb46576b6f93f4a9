"""What the Netwerkmozaïek contributes to core's pages: "Mijn overzicht" and privacy."""

from django.db.models import Count, Q
from django.utils import timezone

from initiatieven.mozaiek import results, services
from initiatieven.mozaiek.models import Assessment
from netwerkplatform.core import registry


def _dashboard(request):
    """Rounds of my networks, and rounds I was invited to and have not answered yet."""
    user = request.user
    rounds = list(
        Assessment.objects.filter(initiative__memberships__user=user)
        .select_related("initiative")
        .annotate(
            submitted=Count(
                "responses", filter=Q(responses__submitted_at__isnull=False), distinct=True
            )
        )
        .distinct()[:5]
    )
    to_answer = list(
        services.invitations_of(user)
        .filter(
            assessment__status=Assessment.Status.OPEN,
            assessment__deadline__gte=timezone.localdate(),
        )
        .filter(Q(response__isnull=True) | Q(response__submitted_at__isnull=True))
        .select_related("assessment__initiative")[:5]
    )
    can_open = services.initiatives_coordinated_by(user=user).exists()
    if not rounds and not to_answer and not can_open:
        return None
    return {"rounds": rounds, "to_answer": to_answer, "can_open": can_open}


registry.register_dashboard_block(
    registry.DashboardBlock(
        key="mozaiek", template="mozaiek/blocks/dashboard.html", get_context=_dashboard, order=70
    )
)
registry.register_personal_data(
    registry.PersonalData(
        key="mozaiek",
        export=services.personal_data_export,
        erase=services.personal_data_erase,
    )
)


def _profile_summary(request, initiative):
    """The opt-in summary of the network's latest round (nothing below 3 answers)."""
    summary = results.profile_summary(initiative)
    if summary is None:
        return None
    return {"summary": summary, "tiles": results.mosaic_tiles(summary.blocks)}


registry.register_profile_section(
    registry.ProfileSection(
        key="mozaiek",
        template="mozaiek/profile_section.html",
        get_context=_profile_summary,
        order=30,
    )
)
