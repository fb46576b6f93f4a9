"""Admin: every model searchable and filterable; organisation approval as actions."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from initiatieven import services
from initiatieven.forms.common import THEME_CHOICES
from initiatieven.models import (
    FundingScheme,
    Initiative,
    Invitation,
    Membership,
    Need,
    Offer,
    Organisation,
    OrganisationMember,
    ShortlistEntry,
)


class NeedInline(admin.TabularInline):
    model = Need
    extra = 0


class InitiativeOfferInline(admin.TabularInline):
    model = Offer
    fk_name = "initiative"
    exclude = ["organisation"]
    extra = 0


class OrganisationOfferInline(admin.TabularInline):
    model = Offer
    fk_name = "organisation"
    exclude = ["initiative"]
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    raw_id_fields = ["user"]
    extra = 0


class OrganisationMemberInline(admin.TabularInline):
    model = OrganisationMember
    raw_id_fields = ["user"]
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "municipality",
        "stage",
        "legal_form",
        "visibility",
        "created_at",
    ]
    list_filter = [
        "visibility",
        "kind",
        "stage",
        "legal_form",
        "municipality__province",
        "created_at",
    ]
    search_fields = ["name", "slug", "pitch", "description", "municipality__name", "contact_email"]
    raw_id_fields = ["municipality", "created_by"]
    date_hierarchy = "created_at"
    inlines = [NeedInline, InitiativeOfferInline, MembershipInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.initiative_search_refresh(ids=[form.instance.pk])


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["description", "initiative", "kind", "amount", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["description", "initiative__name"]
    raw_id_fields = ["initiative"]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["description", "initiative", "organisation", "kind"]
    list_filter = ["kind"]
    search_fields = ["description", "initiative__name", "organisation__name"]
    raw_id_fields = ["initiative", "organisation"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "initiative", "role", "show_on_profile", "created_at"]
    list_filter = ["role", "show_on_profile"]
    search_fields = ["user__email", "user__name", "initiative__name"]
    raw_id_fields = ["user", "initiative"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status", "scope", "requested_by", "created_at"]
    list_filter = ["status", "kind", "scope"]
    search_fields = ["name", "slug", "description", "email", "requested_by__email"]
    raw_id_fields = ["requested_by"]
    filter_horizontal = ["provinces", "municipalities"]
    inlines = [OrganisationMemberInline, OrganisationOfferInline]
    actions = ["approve", "reject"]

    @admin.action(description=_("Approve the selected organisations"))
    def approve(self, request, queryset):
        for organisation in queryset:
            services.organisation_decide(organisation=organisation, approve=True)
        count = queryset.count()
        self.message_user(
            request,
            ngettext("%(count)d organisation approved.", "%(count)d organisations approved.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reject the selected organisations"))
    def reject(self, request, queryset):
        for organisation in queryset:
            services.organisation_decide(organisation=organisation, approve=False)
        count = queryset.count()
        self.message_user(
            request,
            ngettext("%(count)d organisation rejected.", "%(count)d organisations rejected.", count)
            % {"count": count},
            messages.WARNING,
        )


@admin.register(OrganisationMember)
class OrganisationMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__email", "user__name", "organisation__name"]
    raw_id_fields = ["user", "organisation"]


class FundingSchemeAdminForm(forms.ModelForm):
    """The main subject as checkboxes of the curated themes, not as raw JSON."""

    main_themes = forms.MultipleChoiceField(
        label=_("main subject"),
        choices=THEME_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = FundingScheme
        fields = ["main_themes"]  # the admin adds the others


@admin.register(FundingScheme)
class FundingSchemeAdmin(admin.ModelAdmin):
    form = FundingSchemeAdminForm
    list_display = [
        "name",
        "organisation",
        "min_amount",
        "max_amount",
        "requires_legal_entity",
        "closes_on",
        "is_active",
    ]
    list_filter = ["is_active", "requires_legal_entity", "scope", "organisation"]
    search_fields = ["name", "description", "organisation__name"]
    raw_id_fields = ["organisation"]
    filter_horizontal = ["provinces", "municipalities"]


@admin.register(ShortlistEntry)
class ShortlistEntryAdmin(admin.ModelAdmin):
    list_display = ["initiative", "organisation", "added_by", "created_at"]
    list_filter = ["organisation"]
    search_fields = ["initiative__name", "organisation__name", "note"]
    raw_id_fields = ["initiative", "organisation", "added_by"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "initiative", "organisation", "role", "created_at", "accepted_at"]
    list_filter = ["role", "accepted_at"]
    search_fields = ["email", "initiative__name", "organisation__name"]
    raw_id_fields = ["initiative", "organisation", "invited_by", "accepted_by"]
    readonly_fields = ["token"]
