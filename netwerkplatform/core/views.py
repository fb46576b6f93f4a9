"""Views of core: home, "Mijn overzicht", Mijn account, health and error pages."""

import json
import sys

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from netwerkplatform.core import health, registry, services
from netwerkplatform.core.errors import Refused
from netwerkplatform.core.forms import DeleteAccountForm, ProfileForm


def home(request: HttpRequest) -> HttpResponse:
    blocks = registry.collect(registry.home_blocks(), request)
    return render(request, "core/home.html", {"blocks": blocks})


@login_required
def mijn(request: HttpRequest) -> HttpResponse:
    blocks = registry.collect(registry.dashboard_blocks(), request)
    return render(request, "core/mijn.html", {"blocks": blocks})


@login_required
def account_profile(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ProfileForm(request.POST, user=request.user)
        if form.is_valid():
            services.user_update_profile(
                user=request.user,
                name=form.cleaned_data["name"],
                hats=form.cleaned_data["all_hats"],
            )
            messages.success(request, _("Your details have been saved."))
            return redirect("core:account")
    else:
        form = ProfileForm(user=request.user)
    return render(request, "core/account.html", {"form": form})


@login_required
@require_GET
def account_export(request: HttpRequest) -> HttpResponse:
    data = services.user_export_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mijn-gegevens-{stamp}.json"'
    return response


@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = DeleteAccountForm(request.POST, user=request.user)
        if form.is_valid():
            services.user_delete(user=request.user)
            logout(request)
            messages.success(
                request, _("Your account has been deleted. Thank you for taking part.")
            )
            return redirect("core:home")
    else:
        form = DeleteAccountForm(user=request.user)
    return render(request, "core/account_delete.html", {"form": form})


@never_cache
@require_GET
def health_view(request: HttpRequest) -> JsonResponse:
    results = health.run_checks()
    healthy = all(status == "ok" for status in results.values())
    body = {"status": "ok" if healthy else "error"}
    # Which part fails (and why) helps an attacker too: details only for staff.
    if request.user.is_authenticated and request.user.is_staff:
        body["checks"] = results
        if not healthy:
            body["failing"] = [name for name, status in results.items() if status != "ok"]
    return JsonResponse(body, status=200 if healthy else 503)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    """The 403 page. A refusal with a reason of ours (``core.errors.Refused``, already
    translated) shows that reason: people learn why, not only that they may not."""
    reason = str(exception) if isinstance(exception, Refused) else ""
    return render(request, "errors/403.html", {"reason": reason}, status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form that fails the CSRF check (open too long, cookies blocked) explains that in
    plain Dutch and offers the form again, instead of Django's technical page."""
    return render(request, "errors/csrf.html", status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without context processors' database work: the database may be down.

    An unreachable database (a restart, a failover) is temporary, not a bug: people get
    a 503 page that says so, and Retry-After; the next request reconnects by itself
    (``CONN_HEALTH_CHECKS`` in settings).
    """
    from django.db import InterfaceError, OperationalError

    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = render(request, "errors/503.html", status=503)
        response["Retry-After"] = "30"
        return response
    return render(request, "errors/500.html", status=500)
