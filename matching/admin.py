from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from matching.dates import admin as dates_admin  # noqa: F401  (the dates' ModelAdmins)
from matching.models import EventMatchPage, Match, MatchingPreference, MatchRun
from matching.tasks import full_run
from netwerkplatform.core import outbox


@admin.register(MatchRun)
class MatchRunAdmin(admin.ModelAdmin):
    change_list_template = "admin/matching/matchrun/change_list.html"
    list_display = (
        "started_at",
        "kind",
        "status",
        "duration_ms",
        "pairs_scored",
        "matches_written",
        "chunks_done",
        "chunks_total",
    )
    list_filter = ("kind", "status", "started_at")
    search_fields = ("error",)
    readonly_fields = [f.name for f in MatchRun._meta.fields]
    actions = ["run_now"]

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        return [
            path(
                "run-now/",
                self.admin_site.admin_view(self.run_now_view),
                name="matching_matchrun_run_now",
            ),
            *super().get_urls(),
        ]

    def _start(self, request):
        outbox.enqueue(full_run, requested_by_id=request.user.pk)
        self.message_user(request, _("A full matching run has started."), messages.SUCCESS)

    def run_now_view(self, request):
        if request.method == "POST" and self.has_change_permission(request):
            self._start(request)
        return redirect(reverse("admin:matching_matchrun_changelist"))

    @admin.action(description=_("Run a full matching now"))
    def run_now(self, request, queryset):
        self._start(request)


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ("initiative", "kind", "target", "score", "status", "source", "updated_at")
    list_filter = ("kind", "status", "source", "initiative_response", "other_response")
    search_fields = ("initiative__name", "scheme__name", "partner__name", "other_initiative__name")
    raw_id_fields = ("initiative", "scheme", "partner", "other_initiative", "event", "created_by")
    readonly_fields = ("reasons", "created_at", "updated_at")
    list_select_related = ("initiative", "scheme", "partner", "other_initiative")


@admin.register(EventMatchPage)
class EventMatchPageAdmin(admin.ModelAdmin):
    list_display = ("event", "is_public")
    list_filter = ("is_public",)
    search_fields = ("event__title",)
    raw_id_fields = ("event",)


@admin.register(MatchingPreference)
class MatchingPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "weekly_digest", "digest_sent_at")
    list_filter = ("weekly_digest",)
    search_fields = ("user__email",)
    raw_id_fields = ("user",)
