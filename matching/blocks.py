"""What matching contributes to pages core owns: "Mijn overzicht", privacy, demo data."""

from netwerkplatform.core import registry


def _dashboard(request):
    from matching.models import Match
    from matching.services import matches_visible_to

    if not request.user.is_authenticated:
        return None
    visible = matches_visible_to(request.user)
    return {
        "suggested": visible.filter(status=Match.Status.SUGGESTED).count(),
        "matched": visible.filter(status=Match.Status.MATCHED).count(),
    }


def _export(user):
    from matching.services import personal_data_export

    return personal_data_export(user)


def _erase(user):
    from matching.services import personal_data_erase

    personal_data_erase(user)


def _demo():
    from matching.demo import load

    return load()


def register() -> None:
    registry.register_dashboard_block(
        registry.DashboardBlock("matching", "matching/blocks/dashboard.html", _dashboard, order=40)
    )
    registry.register_personal_data(registry.PersonalData("matching", _export, _erase))
    registry.register_demo_loader(registry.DemoLoader("matching", _demo, order=60))
