"""Creating and editing a funding scheme."""

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatieven.forms.common import (
    MAX_AMOUNT,
    THEME_CHOICES,
    EuroInput,
    RegionMixin,
    ThemesMixin,
    clean_text,
)
from initiatieven.models import (
    FundingScheme,
    Scope,
    Stage,
)
from netwerkplatform.core.forms import SaneDatesMixin

MAX_MAIN_THEMES = 3


class FundingSchemeForm(SaneDatesMixin, ThemesMixin, RegionMixin, forms.ModelForm):
    eligible_stages = forms.MultipleChoiceField(
        label=_("Eligible stages"),
        choices=Stage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick none for every stage."),
    )
    main_themes = forms.MultipleChoiceField(
        label=_("What is this scheme mainly about?"),
        choices=THEME_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "At most three; they count as themes of the scheme too. Its other themes are "
            "then side themes: an initiative that shares only one of those is rarely "
            "suggested. Tick none when all its themes weigh the same."
        ),
    )

    class Meta:
        model = FundingScheme
        fields = [
            "name",
            "description",
            "min_amount",
            "max_amount",
            "requires_legal_entity",
            "main_themes",
            "eligible_stages",
            "scope",
            "opens_on",
            "closes_on",
            "url",
            "is_active",
        ]
        widgets = {
            "scope": forms.RadioSelect,
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 5}),
            "min_amount": EuroInput(),
            "max_amount": EuroInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [("", _("the same as the fund")), *Scope.choices]
        self._init_themes([t.name for t in self.instance.themes.all()] if self.instance.pk else [])
        self._init_region(self.instance)
        self.order_fields(
            [
                "name",
                "description",
                "themes",
                "own_themes",
                "main_themes",
                "min_amount",
                "max_amount",
                "requires_legal_entity",
                "eligible_stages",
                "scope",
                "provinces",
                "municipalities",
            ]
        )

    def clean_description(self) -> str:
        return clean_text(self.cleaned_data["description"])

    def clean_main_themes(self) -> list[str]:
        main = self.cleaned_data["main_themes"]
        if len(main) > MAX_MAIN_THEMES:
            raise forms.ValidationError(
                _("Choose at most %(max)d main themes.") % {"max": MAX_MAIN_THEMES}
            )
        return main

    def all_themes(self) -> list[str]:
        """The ticked and typed themes, and the main ones (a main theme is a theme)."""
        themes = super().all_themes()
        return themes + [t for t in self.cleaned_data.get("main_themes", []) if t not in themes]

    def clean(self):
        cleaned = super().clean()
        self._check_theme_count()
        self._check_region(cleaned)
        low, high = cleaned.get("min_amount"), cleaned.get("max_amount")
        for name, value in (("min_amount", low), ("max_amount", high)):
            if value is not None and value < 0:
                self.add_error(name, _("An amount cannot be negative."))
            elif value is not None and value > MAX_AMOUNT:
                self.add_error(
                    name, _("That amount is unrealistically high; use at most €5,000,000.")
                )
        if low is not None and high is not None and low > high:
            self.add_error(
                "max_amount",
                _("The maximum must be at least the minimum (€%(min)s).")
                % {"min": EuroInput().format_value(low)},
            )
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and opens > closes:
            self.add_error("closes_on", _("The deadline must come after the opening date."))
        return cleaned
