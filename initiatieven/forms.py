"""Forms of initiatieven. They parse and validate input; the services decide."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from initiatieven.models import (
    FundingScheme,
    Initiative,
    LegalForm,
    Membership,
    Need,
    Offer,
    Organisation,
    OrganisationMember,
    Scope,
    Stage,
)
from initiatieven.services import ResourceRow
from netwerkplatform.core.models import Province
from netwerkplatform.core.services import municipality_lookup
from netwerkplatform.core.vocabulary import CURATED_THEMES, ResourceKind

MAX_AMOUNT = Decimal("5000000")
MAX_TEXT = 5000
MAX_THEMES = 10


def parse_words(text: str) -> list[str]:
    return [" ".join(word.split()).lower() for word in text.split(",") if word.strip()]


class ThemesMixin:
    """Curated themes as checkboxes plus the person's own words (taggit tags)."""

    def _init_themes(self, current: list[str]) -> None:
        self.fields["themes"] = forms.MultipleChoiceField(
            label=_("Themes"),
            choices=[(theme, theme) for theme in CURATED_THEMES],
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


def _clean_text(value: str, limit: int = MAX_TEXT) -> str:
    if value and len(value) > limit:
        raise ValidationError(
            _("Keep this under %(limit)d characters (now %(count)d)."),
            params={"limit": limit, "count": len(value)},
        )
    return value


class InitiativeForm(ThemesMixin, forms.ModelForm):
    municipality_name = MunicipalityField(
        label=_("Municipality"), help_text=_("Where does it take place? For example: Gouda.")
    )

    class Meta:
        model = Initiative
        fields = [
            "kind",
            "name",
            "pitch",
            "description",
            "neighbourhood",
            "stage",
            "legal_form",
            "website",
            "contact_email",
            "visibility",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "visibility": forms.RadioSelect,
            "pitch": forms.Textarea(attrs={"rows": 2, "maxlength": 280}),
            "description": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "description": _("What you do, for whom, and what you have achieved so far."),
            "visibility": _("A draft is visible only to your team."),
        }

    field_order = [
        "kind",
        "name",
        "pitch",
        "description",
        "municipality_name",
        "neighbourhood",
        "themes",
        "own_themes",
        "stage",
        "legal_form",
        "website",
        "contact_email",
        "visibility",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_themes([t.name for t in self.instance.themes.all()] if self.instance.pk else [])
        if self.instance.pk and not self.is_bound:
            self.initial["municipality_name"] = self.instance.municipality.name
        self.order_fields(self.field_order)

    def clean_description(self) -> str:
        return _clean_text(self.cleaned_data["description"])

    def clean(self):
        cleaned = super().clean()
        self._check_theme_count()
        name, municipality = cleaned.get("name"), cleaned.get("municipality_name")
        if name and municipality:
            duplicate = Initiative.objects.filter(
                name__iexact=name.strip(), municipality=municipality
            )
            if self.instance.pk:
                duplicate = duplicate.exclude(pk=self.instance.pk)
            if duplicate.exists():
                self.add_error(
                    "name",
                    _(
                        "There already is an initiative with this name in %(place)s. "
                        "Join it, or pick a more specific name."
                    )
                    % {"place": municipality.name},
                )
        return cleaned

    def service_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        fields["name"] = fields["name"].strip()
        fields["municipality"] = self.cleaned_data["municipality_name"]
        return fields


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["kind", "description", "amount", "status"]
        labels = {"description": _("What do you need?")}
        widgets = {
            "amount": forms.NumberInput(attrs={"min": "1", "step": "1", "inputmode": "numeric"})
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("— choose —")), *ResourceKind.choices]

    def clean(self):
        cleaned = super().clean()
        kind, amount = cleaned.get("kind"), cleaned.get("amount")
        if amount is not None:
            if amount <= 0:
                self.add_error("amount", _("The amount must be more than €0."))
            elif amount > MAX_AMOUNT:
                self.add_error(
                    "amount", _("That amount is unrealistically high; ask for at most €5,000,000.")
                )
            elif kind and kind != ResourceKind.MONEY:
                self.add_error(
                    "amount",
                    _("An amount only belongs with money; choose “money” or leave it empty."),
                )
        elif kind == ResourceKind.MONEY:
            self.add_error("amount", _("Say how much money you need."))
        return cleaned


class OfferForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = ["kind", "description"]
        labels = {"description": _("What can you offer?")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("— choose —")), *ResourceKind.choices]


class RowsFormSet(BaseInlineFormSet):
    def rows(self) -> list[ResourceRow]:
        rows = []
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            data = form.cleaned_data
            if not data:
                continue
            rows.append(
                ResourceRow(
                    id=form.instance.pk,
                    kind=data.get("kind", ""),
                    description=data.get("description", ""),
                    amount=data.get("amount"),
                    status=data.get("status") or Need.Status.OPEN,
                    delete=bool(data.get("DELETE")),
                )
            )
        return rows


_ROW_LIMITS = {"extra": 1, "can_delete": True, "max_num": 20, "validate_max": True}
NeedFormSet = inlineformset_factory(
    Initiative, Need, form=NeedForm, formset=RowsFormSet, **_ROW_LIMITS
)
OfferFormSet = inlineformset_factory(
    Initiative, Offer, form=OfferForm, formset=RowsFormSet, fk_name="initiative", **_ROW_LIMITS
)
OrganisationOfferFormSet = inlineformset_factory(
    Organisation, Offer, form=OfferForm, formset=RowsFormSet, fk_name="organisation", **_ROW_LIMITS
)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles


INITIATIVE_INVITE_ROLES = [
    (Membership.Role.CORE, _("core team")),
    (Membership.Role.MEMBER, _("member")),
]
ORGANISATION_INVITE_ROLES = OrganisationMember.Role.choices


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


class OrganisationForm(ThemesMixin, RegionMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["kind", "name", "description", "website", "email", "scope"]
        widgets = {"scope": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"email": _("The general address people may use; shown on your public page.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_themes([t.name for t in self.instance.themes.all()] if self.instance.pk else [])
        self._init_region(self.instance)

    def clean_description(self) -> str:
        return _clean_text(self.cleaned_data["description"])

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


class FundingSchemeForm(ThemesMixin, RegionMixin, forms.ModelForm):
    eligible_stages = forms.MultipleChoiceField(
        label=_("Eligible stages"),
        choices=Stage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick none for every stage."),
    )

    class Meta:
        model = FundingScheme
        fields = [
            "name",
            "description",
            "min_amount",
            "max_amount",
            "requires_legal_entity",
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
            "min_amount": forms.NumberInput(attrs={"min": "0", "step": "1"}),
            "max_amount": forms.NumberInput(attrs={"min": "0", "step": "1"}),
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
        return _clean_text(self.cleaned_data["description"])

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
                _("The maximum must be at least the minimum (€%(min)s).") % {"min": low},
            )
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and opens > closes:
            self.add_error("closes_on", _("The deadline must come after the opening date."))
        return cleaned

    def validate_constraints(self, exclude=None):
        # min > max is reported on the field above; the database constraint stays as a guard.
        pass


class SearchForm(forms.Form):
    """The directory's filters; everything optional, invalid values are simply ignored."""

    SORTS = [("relevance", _("most relevant")), ("newest", _("newest"))]

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        empty_label=_("all provinces"),
    )
    municipality = MunicipalityField(label=_("Municipality"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    needs = forms.ChoiceField(label=_("Needs"), required=False)
    legal_form = forms.ChoiceField(label=_("Legal form"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"type": "search", "placeholder": _("for example: moestuin, energie")}
        )
        self.fields["theme"].choices = [("", _("all themes")), *[(t, t) for t in CURATED_THEMES]]
        self.fields["stage"].choices = [("", _("every stage")), *Stage.choices]
        self.fields["needs"].choices = [("", _("anything")), *ResourceKind.choices]
        self.fields["legal_form"].choices = [("", _("any legal form")), *LegalForm.choices]
        self.fields["kind"].choices = [
            ("", _("initiatives and networks")),
            *Initiative.Kind.choices,
        ]

    def filters(self) -> dict:
        """Valid filter values only: a bad value in a shared URL drops that filter, not the page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value for name, value in self.cleaned_data.items() if value not in (None, "", [])
        }


class OrganisationSearchForm(forms.Form):
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    province = forms.ModelChoiceField(
        label=_("Works in province"),
        queryset=Province.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        empty_label=_("all provinces"),
    )
    amount = forms.DecimalField(
        label=_("Amount you ask (€)"),
        required=False,
        min_value=1,
        max_value=MAX_AMOUNT,
        decimal_places=0,
        widget=forms.NumberInput(attrs={"min": "1", "step": "1"}),
    )
    informal = forms.BooleanField(label=_("Accepts informal initiatives"), required=False)
    offers = forms.ChoiceField(label=_("Offers"), required=False)
    kind = forms.ChoiceField(label=_("Kind of organisation"), required=False)

    def __init__(self, *args, funds: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("all themes")), *[(t, t) for t in CURATED_THEMES]]
        self.fields["offers"].choices = [("", _("anything")), *ResourceKind.choices]
        self.fields["kind"].choices = [
            ("", _("all kinds")),
            *[c for c in Organisation.Kind.choices if c[0] != Organisation.Kind.FUND],
        ]
        if funds:
            del self.fields["offers"], self.fields["kind"]
        else:
            del self.fields["amount"], self.fields["informal"]

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "", [], False)
        }


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Private note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only members of your organisation see this."),
    )
