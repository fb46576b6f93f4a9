"""Building blocks shared by the forms: limits, themes, municipalities and regions."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from initiatieven.models import (
    Scope,
)
from netwerkplatform.core.models import Province
from netwerkplatform.core.services import municipality_lookup, municipality_nearest
from netwerkplatform.core.vocabulary import CURATED_THEMES

MAX_AMOUNT = Decimal("5000000")
MAX_TEXT = 5000
MAX_THEMES = 10
# The curated themes as checkbox choices (a theme is its own label).
THEME_CHOICES = [(theme, theme) for theme in CURATED_THEMES]


class EuroInput(forms.NumberInput):
    """A whole-euro amount: shows a stored 2500.00 as 2500, as people typed it."""

    def __init__(self, attrs=None, *, minimum: int = 0):
        super().__init__(
            {"min": str(minimum), "step": "1", "inputmode": "numeric", **(attrs or {})}
        )

    def format_value(self, value):
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        return super().format_value(value)


def parse_words(text: str) -> list[str]:
    return [" ".join(word.split()).lower() for word in text.split(",") if word.strip()]


class ThemesMixin:
    """Curated themes as checkboxes plus the person's own words (taggit tags)."""

    def _init_themes(self, current: list[str]) -> None:
        self.fields["themes"] = forms.MultipleChoiceField(
            label=_("Themes"),
            choices=THEME_CHOICES,
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.fields["own_themes"] = forms.CharField(
            label=_("Other themes, in your own words"),
            help_text=_("Separate them with commas."),
            required=False,
            max_length=200,
        )
        if not self.is_bound and current:
            self.initial.setdefault("themes", [t for t in current if t in CURATED_THEMES])
            self.initial.setdefault(
                "own_themes", ", ".join(t for t in current if t not in CURATED_THEMES)
            )

    def clean_own_themes(self) -> str:
        own = self.cleaned_data["own_themes"]
        for word in parse_words(own):
            if len(word) > 50:
                raise ValidationError(_("Keep each theme under 50 characters."))
        return own

    def all_themes(self) -> list[str]:
        themes: list[str] = []
        for theme in [
            *self.cleaned_data.get("themes", []),
            *parse_words(self.cleaned_data.get("own_themes", "")),
        ]:
            if theme not in themes:
                themes.append(theme)
        return themes

    def _check_theme_count(self) -> None:
        if len(self.all_themes()) > MAX_THEMES:
            self.add_error("own_themes", _("Choose at most %(max)d themes.") % {"max": MAX_THEMES})


def _or_list(names: list[str]) -> str:
    """Gouda, Goeree-Overflakkee or Goes."""
    if len(names) == 1:
        return names[0]
    return _("%(first)s or %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


class MunicipalityField(forms.CharField):
    """A municipality typed by name (Den Haag, Den Bosch work too), with a clear error."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"list": "municipalities", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return getattr(value, "name", value)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        municipality = municipality_lookup(value)
        if municipality is None:
            nearest = municipality_nearest(value)
            if nearest:
                raise ValidationError(
                    _("We do not know the municipality “%(name)s”. Did you mean %(names)s?"),
                    code="unknown_municipality",
                    params={"name": value, "names": _or_list(nearest)},
                )
            raise ValidationError(
                _(
                    "We do not know the municipality “%(name)s”. "
                    "Check the spelling, for example: Gouda, Den Haag."
                ),
                params={"name": value},
            )
        return municipality


class MunicipalitiesField(forms.CharField):
    """Several municipalities, separated by commas."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(getattr(m, "name", str(m)) for m in value)
        return value

    def clean(self, value):
        value = super().clean(value)
        found, unknown = [], []
        for name in (value or "").split(","):
            if not name.strip():
                continue
            municipality = municipality_lookup(name)
            (found.append(municipality) if municipality else unknown.append(name.strip()))
        if unknown:
            raise ValidationError(
                _("We do not know these municipalities: %(names)s."),
                params={"names": ", ".join(unknown)},
            )
        return found


def clean_text(value: str, limit: int = MAX_TEXT) -> str:
    if value and len(value) > limit:
        raise ValidationError(
            _("Keep this under %(limit)d characters (now %(count)d)."),
            params={"limit": limit, "count": len(value)},
        )
    return value


class RegionMixin:
    def _init_region(self, instance) -> None:
        self.fields["provinces"] = forms.ModelMultipleChoiceField(
            label=_("Provinces"),
            queryset=Province.objects.order_by("name"),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=_("Only when you chose “certain provinces”."),
        )
        self.fields["municipalities"] = MunicipalitiesField(
            label=_("Municipalities"),
            required=False,
            max_length=2000,
            help_text=_("Only when you chose “certain municipalities”; separate them with commas."),
        )
        if instance.pk and not self.is_bound:
            self.initial["provinces"] = list(instance.provinces.all())
            self.initial["municipalities"] = ", ".join(
                m.name for m in instance.municipalities.all()
            )

    def _check_region(self, cleaned) -> None:
        scope = cleaned.get("scope")
        if scope == Scope.PROVINCES and not cleaned.get("provinces"):
            self.add_error("provinces", _("Choose at least one province."))
        if scope == Scope.MUNICIPALITIES and not cleaned.get("municipalities"):
            self.add_error("municipalities", _("Name at least one municipality."))
