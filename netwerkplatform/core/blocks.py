"""Core's own contributions to "Mijn overzicht" and the home page."""

from collections import Counter

from django.core.cache import cache

from netwerkplatform.core import registry
from netwerkplatform.core.models import User


def _account_block(request):
    return {"person": request.user, "verified": request.user.has_verified_email}


def _community_block(request):
    """How many people take part, and the hats they wear most (a picture of who is here).

    Counting hats reads every person, so the home page reuses the figures for a few
    minutes instead of doing that on each visit."""
    return cache.get_or_set("core:community-block", _community_figures, timeout=300)


def _community_figures() -> dict:
    people = User.objects.filter(is_active=True, anonymised_at__isnull=True)
    hats = Counter(hat for worn in people.values_list("hats", flat=True) for hat in worn)
    return {"people": people.count(), "top_hats": hats.most_common(6)}


registry.register_dashboard_block(
    registry.DashboardBlock(
        key="account", template="core/blocks/account.html", get_context=_account_block, order=1
    )
)
registry.register_home_block(
    registry.HomeBlock(
        key="community",
        template="core/blocks/community.html",
        get_context=_community_block,
        order=900,
    )
)
