"""Admin for dates at events (kept apart from matching/admin.py, which imports this
module so Django's admin autodiscovery registers these too)."""

from django.contrib import admin

from matching.dates.models import DateBlock, DateOutcome, DateRequest, DateSettings, DateSlot


@admin.register(DateSettings)
class DateSettingsAdmin(admin.ModelAdmin):
    list_display = ["event", "enabled", "tables", "max_dates_per_person", "published_at"]
    list_filter = ["enabled"]
    search_fields = ["event__title"]


@admin.register(DateSlot)
class DateSlotAdmin(admin.ModelAdmin):
    list_display = ["event", "starts_at", "length_minutes", "round"]
    search_fields = ["event__title"]
    list_select_related = ["event", "round"]


@admin.register(DateRequest)
class DateRequestAdmin(admin.ModelAdmin):
    list_display = ["event", "from_user", "to_user", "status", "slot", "table", "published_at"]
    list_filter = ["status", "mutual"]
    search_fields = ["event__title", "from_user__email", "to_user__email", "message"]
    list_select_related = ["event", "from_user", "to_user", "slot"]
    raw_id_fields = ["from_user", "to_user", "slot"]


@admin.register(DateBlock)
class DateBlockAdmin(admin.ModelAdmin):
    list_display = ["slot", "user"]
    search_fields = ["user__email", "slot__event__title"]
    raw_id_fields = ["slot", "user"]


@admin.register(DateOutcome)
class DateOutcomeAdmin(admin.ModelAdmin):
    list_display = ["request", "user", "happened", "useful", "created_at"]
    list_filter = ["happened", "useful"]
    search_fields = ["user__email", "note"]
    raw_id_fields = ["request", "user"]
