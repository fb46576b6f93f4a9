"""The filters of the initiative directory and the fund and partner lists."""

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatieven.forms.common import MAX_AMOUNT, MunicipalityField
from initiatieven.models import (
    Initiative,
    LegalForm,
    Organisation,
    Stage,
)
from netwerkplatform.core.models import Province
from netwerkplatform.core.services import municipality_nearest
from netwerkplatform.core.vocabulary import CURATED_THEMES, ResourceKind


class SearchForm(forms.Form):
    """The directory's filters; everything optional, invalid values are simply ignored."""

    SORTS = [("relevance", _("most relevant")), ("newest", _("newest"))]

    q = forms.CharField(
        label=_("Search"), required=False, max_length=200, widget=forms.SearchInput
    )
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
            {"placeholder": _("for example: moestuin, energie")}
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

    def unknown_municipality(self) -> dict | None:
        """A municipality that was typed but is not one we know, with the nearest names:
        the list then says so instead of silently showing every place."""
        if not self.is_bound or "municipality" not in self.errors:
            return None
        typed = " ".join(str(self.data.get("municipality", "")).split())[:100]
        return {"typed": typed, "nearest": municipality_nearest(typed)}


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("for example: energie, voedselbank")}
        ),
    )
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
