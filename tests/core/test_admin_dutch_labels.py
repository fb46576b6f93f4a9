"""The admin speaks Dutch to staff (issue 14): permission names and field names."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.utils import translation
from django.utils.functional import Promise

from netwerkplatform.core.admin import permission_label

pytestmark = pytest.mark.django_db

OUR_APPS = ("core", "initiatieven", "mozaiek", "bijeenkomsten", "matching")


def test_it_labels_a_built_in_permission_in_dutch():
    permission = Permission.objects.get(codename="add_taggeditem")

    with translation.override("nl"):
        label = permission_label(permission)

    # taggit's own Dutch capitalises its model name: "Mag Object getagged toevoegen".
    assert label.lower().endswith("| mag object getagged toevoegen"), label
    assert "Can add" not in label


def test_it_keeps_the_name_of_a_permission_that_is_no_model_action():
    permission = Permission.objects.get(codename="view_user")
    permission.codename = "export_user"

    assert permission_label(permission) == str(permission)


def test_it_gives_every_field_of_our_models_a_translatable_name():
    untranslated = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
        for field in model._meta.get_fields()
        if (getattr(field, "concrete", False) or field.many_to_many) and not field.auto_created
        if not isinstance(field.verbose_name, Promise)
    ]

    assert untranslated == []
