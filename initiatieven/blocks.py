"""What initiatieven contributes to core's pages: "Mijn overzicht", home, privacy."""

from django.db.models import Count, Q

from initiatieven import selectors, services
from initiatieven.models import Organisation, OrganisationMember
from netwerkplatform.core import registry


def _mine_block(request):
    memberships = request.user.initiative_memberships.select_related(
        "initiative__municipality"
    ).order_by("initiative__name")
    organisations = (
        OrganisationMember.objects.filter(user=request.user)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    return {
        "memberships": list(memberships),
        "organisations": list(organisations),
        "verified": request.user.has_verified_email,
    }


def _home_block(request):
    public = selectors.public_initiatives()
    counts = Organisation.objects.filter(status=Organisation.Status.APPROVED).aggregate(
        funds=Count("pk", filter=Q(kind=Organisation.Kind.FUND)),
        partners=Count("pk", filter=~Q(kind=Organisation.Kind.FUND)),
    )
    return {
        "initiatives": public.count(),
        "funds": counts["funds"],
        "partners": counts["partners"],
        "newest": list(public.select_related("municipality").order_by("-created_at")[:3]),
    }


registry.register_dashboard_block(
    registry.DashboardBlock(
        key="initiatieven",
        template="initiatieven/blocks/mine.html",
        get_context=_mine_block,
        order=10,
    )
)
registry.register_home_block(
    registry.HomeBlock(
        key="initiatieven",
        template="initiatieven/blocks/home.html",
        get_context=_home_block,
        order=10,
    )
)
registry.register_personal_data(
    registry.PersonalData(
        key="initiatieven", export=services.personal_data_export, erase=services.personal_data_erase
    )
)
