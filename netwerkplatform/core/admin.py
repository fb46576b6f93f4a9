from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

from netwerkplatform.core.models import Municipality, OutboxMessage, Province, User

# Django stores the built-in permission names once, in English ("Can add tagged item"),
# so the admin shows them untranslated; these labels are built from the codename's
# action and the model's translated name instead.
PERMISSION_ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission: Permission) -> str:
    """App, model and action in the staff member's language, e.g. "Taggit | object
    getagged | Mag object getagged toevoegen"; other permissions keep their own name."""
    model_class = permission.content_type.model_class()
    action = permission.codename.split("_", 1)[0]
    if model_class is None or action not in PERMISSION_ACTIONS:
        return str(permission)
    opts = model_class._meta
    name = PERMISSION_ACTIONS[action] % {"model": opts.verbose_name}
    return f"{opts.app_config.verbose_name} | {opts.verbose_name} | {name}"


class PermissionLabelsMixin:
    """Shows the permission pickers (a user's, a group's) with translated labels."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.related_model is Permission:
            field.label_from_instance = permission_label
        return field


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(PermissionLabelsMixin, DjangoGroupAdmin):
    pass


@admin.register(User)
class UserAdmin(PermissionLabelsMixin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "is_superuser", "date_joined"]
    search_fields = ["email", "name"]
    readonly_fields = ["date_joined", "last_login", "anonymised_at"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["name", "hats"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["date_joined", "last_login", "anonymised_at"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "password1", "password2"]})
    ]


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    fields = ["code", "name"]
    readonly_fields = ["code", "name"]
    extra = 0
    can_delete = False


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    inlines = [MunicipalityInline]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "province"]
    list_filter = ["province"]
    search_fields = ["name", "code"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: operators look here when a mail or task seems to be missing."""

    list_display = ["task_name", "created_at", "attempts", "delivered_at", "last_error"]
    list_filter = ["task_name", ("delivered_at", admin.EmptyFieldListFilter)]
    search_fields = ["task_name", "key"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
