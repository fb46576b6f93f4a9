"""Forms for dates at events."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bijeenkomsten.models import Round
from matching.dates.models import DateSettings, DateSlot
from netwerkplatform.core.forms import SaneDatesMixin


class DateSettingsForm(SaneDatesMixin, forms.ModelForm):
    class Meta:
        model = DateSettings
        fields = ["enabled", "tables", "request_deadline", "max_dates_per_person"]
        widgets = {
            "request_deadline": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            )
        }

    def clean_tables(self):
        tables = self.cleaned_data["tables"]
        if not 1 <= tables <= 500:
            raise forms.ValidationError(_("Give a number of tables from 1 to 500."))
        return tables


class SlotsForm(SaneDatesMixin, forms.Form):
    first_start = forms.DateTimeField(
        label=_("First slot starts at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    length_minutes = forms.IntegerField(
        label=_("Length of a date in minutes"), min_value=5, max_value=120, initial=15
    )
    count = forms.IntegerField(label=_("Number of slots"), min_value=1, max_value=24, initial=6)
    round = forms.ModelChoiceField(
        label=_("During programme round"), queryset=Round.objects.none(), required=False
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = Round.objects.filter(event=event)


class RequestForm(forms.Form):
    message = forms.CharField(
        label=_("A short message"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What would you like to talk about? At most 300 characters."),
    )


class BlocksForm(forms.Form):
    slots = forms.ModelMultipleChoiceField(
        label=_("Slots in which you cannot have a date"),
        queryset=DateSlot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slots"].queryset = DateSlot.objects.filter(event=event)


class MoveForm(forms.Form):
    slot = forms.ModelChoiceField(
        label=_("Slot"),
        queryset=DateSlot.objects.none(),
        required=False,
        empty_label=_("Not on the schedule"),
    )
    table = forms.IntegerField(label=_("Table"), min_value=1, required=False)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = DateSlot.objects.filter(event=event)


class OutcomeForm(forms.Form):
    happened = forms.TypedChoiceField(
        label=_("Did this date take place?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    useful = forms.TypedChoiceField(
        label=_("Did it lead to something?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        required=False,
    )
    note = forms.CharField(label=_("What came of it?"), max_length=300, required=False)
