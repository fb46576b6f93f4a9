"""Requesting and editing an organisation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatieven.forms.common import RegionMixin, ThemesMixin, clean_text
from initiatieven.models import (
    Organisation,
)


class OrganisationForm(ThemesMixin, RegionMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["kind", "name", "description", "website", "email", "contact_email", "scope"]
        widgets = {"scope": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"email": _("The general address people may use; shown on your public page.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_themes([t.name for t in self.instance.themes.all()] if self.instance.pk else [])
        self._init_region(self.instance)

    def clean_description(self) -> str:
        return clean_text(self.cleaned_data["description"])

    def clean(self):
        cleaned = super().clean()
        self._check_theme_count()
        self._check_region(cleaned)
        name = cleaned.get("name")
        if name:
            duplicate = Organisation.objects.filter(name__iexact=name.strip())
            if self.instance.pk:
                duplicate = duplicate.exclude(pk=self.instance.pk)
            if duplicate.exists():
                self.add_error(
                    "name",
                    _(
                        "An organisation with this name already exists. "
                        "Ask its members to invite you."
                    ),
                )
        return cleaned

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
