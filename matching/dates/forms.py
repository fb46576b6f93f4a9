"""Forms for dates at events."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from bijeenkomsten.models import Round
from matching.dates.models import DateSettings, DateSlot
from netwerkplatform.core.forms import SaneDatesMixin
from netwerkplatform.core.vocabulary import CURATED_THEMES, ResourceKind


class SlotChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{date_format(timezone.localtime(obj.starts_at), 'l j F')}, {obj}"


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
    proposed_slots = SlotChoiceField(
        label=_("Times you are free (optional)"),
        queryset=DateSlot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Propose one or more times; the other person picks one and the schedule keeps it."
        ),
    )

    def __init__(self, *args, event, free_slots=None, **kwargs):
        super().__init__(*args, **kwargs)
        slots = DateSlot.objects.filter(event=event)
        if free_slots is not None:
            slots = slots.filter(pk__in=free_slots)
        self.fields["proposed_slots"].queryset = slots
        if not slots.exists():
            del self.fields["proposed_slots"]


RESOURCE_CHOICES = [(k.value, k.label) for k in ResourceKind if k != ResourceKind.FISCAL_HOST]


class DateProfileForm(forms.Form):
    """The optional matchmaking profile on the registration form (prefix "dates")."""

    looking_for = forms.MultipleChoiceField(
        label=_("What do you come for?"),
        choices=RESOURCE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    offering = forms.MultipleChoiceField(
        label=_("What can you offer others?"),
        choices=RESOURCE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes you work on"),
        choices=[(t, t) for t in CURATED_THEMES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    about = forms.CharField(
        label=_("In one sentence: who would you like to meet?"),
        max_length=200,
        required=False,
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
    public = forms.BooleanField(
        label=_("If we both say it led to something, it may be shown on the event's page"),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("happened") and self.data.get("useful") in (None, ""):
            self.add_error("useful", _("Say whether it led to something."))
        return data
