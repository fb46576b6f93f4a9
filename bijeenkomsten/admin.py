from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from bijeenkomsten.models import (
    DuoInvitation,
    Evaluation,
    Event,
    EventMessage,
    Registration,
    Round,
    Series,
    SeriesInvitation,
    Session,
)


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "is_closed"]
    list_filter = ["is_closed"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["organisers"]


class RoundInline(admin.TabularInline):
    model = Round
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "municipality", "status", "capacity"]
    list_filter = ["status", "kind", "municipality__province"]
    search_fields = ["title", "venue", "municipality__name"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["municipality"]
    raw_id_fields = ["host_initiative", "organisers"]
    inlines = [RoundInline]
    readonly_fields = ["fill_level_notified"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "round", "kind", "capacity"]
    list_filter = ["kind"]
    search_fields = ["title", "hosts", "round__event__title"]
    raw_id_fields = ["round", "host_users", "host_initiatives"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Changing statuses here bypasses the waiting list logic: use the site for that."""

    list_display = ["user", "event", "status", "queued_at", "checked_in_at"]
    list_filter = ["status", "event__kind"]
    search_fields = ["user__email", "user__name", "event__title"]
    raw_id_fields = ["user", "event", "duo_partner"]
    readonly_fields = ["cancel_code", "queued_at", "promoted_at", "cancelled_at"]

    @admin.display(description=_("code in the cancellation link"))
    def cancel_code(self, registration: Registration) -> str:
        return registration.cancel_token


@admin.register(DuoInvitation)
class DuoInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "registration", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["email", "registration__user__email"]
    raw_id_fields = ["registration"]


@admin.register(SeriesInvitation)
class SeriesInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "series", "invited_at"]
    list_filter = ["series"]
    search_fields = ["email"]


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["registration", "information_beforehand", "plenary", "submitted_at"]
    list_filter = ["information_beforehand", "plenary"]
    search_fields = ["registration__event__title"]
    raw_id_fields = ["registration"]


@admin.register(EventMessage)
class EventMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "event", "created_at", "recipient_count"]
    search_fields = ["subject", "event__title"]
    raw_id_fields = ["event", "sender"]
