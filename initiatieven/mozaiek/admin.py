"""Admin for staff: rounds and invitations. Answers are not listed one by one on purpose."""

from django.contrib import admin

from initiatieven.mozaiek.models import Assessment, Invitation, Response


class InvitationInline(admin.TabularInline):
    model = Invitation
    fields = ("email", "created_at", "reminders_sent", "last_reminded_at")
    readonly_fields = ("created_at", "reminders_sent", "last_reminded_at")
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("title", "initiative", "status", "deadline", "catalogue_version", "created_at")
    list_filter = ("status", "catalogue_version", "show_summary_on_profile")
    search_fields = ("title", "initiative__name")
    autocomplete_fields = ()
    raw_id_fields = ("initiative", "opened_by")
    date_hierarchy = "created_at"
    inlines = [InvitationInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "assessment", "created_at", "reminders_sent")
    list_filter = ("reminders_sent", "assessment__status")
    search_fields = ("email", "assessment__title", "assessment__initiative__name")
    raw_id_fields = ("assessment", "user", "invited_by")
    exclude = ("token",)


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    """Metadata only (kind, submitted); the scores stay out of sight even for staff."""

    list_display = ("pk", "assessment", "partner_kind", "is_coordinator", "submitted_at")
    list_filter = ("partner_kind", "is_coordinator", "assessment__status")
    search_fields = ("assessment__title", "assessment__initiative__name")
    raw_id_fields = ("assessment", "invitation")
    readonly_fields = ("started_at", "submitted_at")
