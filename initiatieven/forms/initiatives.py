"""The initiative form with its needs and offers rows (also an organisation's offers)."""

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from initiatieven.forms.common import (
    MAX_AMOUNT,
    EuroInput,
    MunicipalityField,
    ThemesMixin,
    clean_text,
)
from initiatieven.models import (
    Initiative,
    Need,
    Offer,
    Organisation,
)
from initiatieven.services import ResourceRow
from netwerkplatform.core.vocabulary import ResourceKind


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
        return clean_text(self.cleaned_data["description"])

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
        widgets = {"amount": EuroInput(minimum=1)}

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


# absolute_max: a forged TOTAL_FORMS=100000 must not build 100000 forms (seconds of work).
_ROW_LIMITS = {
    "extra": 1,
    "can_delete": True,
    "max_num": 20,
    "absolute_max": 20,
    "validate_max": True,
}
NeedFormSet = inlineformset_factory(
    Initiative, Need, form=NeedForm, formset=RowsFormSet, **_ROW_LIMITS
)
OfferFormSet = inlineformset_factory(
    Initiative, Offer, form=OfferForm, formset=RowsFormSet, fk_name="initiative", **_ROW_LIMITS
)
OrganisationOfferFormSet = inlineformset_factory(
    Organisation, Offer, form=OfferForm, formset=RowsFormSet, fk_name="organisation", **_ROW_LIMITS
)
