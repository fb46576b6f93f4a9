from django.conf import settings


def site(request):
    """Values every template may use (navigation state, site URL)."""
    match = getattr(request, "resolver_match", None)
    return {
        "SITE_URL": settings.SITE_URL,
        "current_namespace": match.namespace if match else "",
        "current_url_name": match.url_name if match else "",
    }
