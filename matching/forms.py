from django import forms
from django.utils.translation import gettext_lazy as _

from initiatieven.models import FundingScheme, Initiative, Organisation


class ManualMatchForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none()
    )
    scheme = forms.ModelChoiceField(
        label=_("Scheme"),
        queryset=FundingScheme.objects.none(),
        required=False,
        help_text=_("Only for funds; leave empty to offer your help as a partner."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["scheme"].queryset = FundingScheme.objects.filter(
            organisation__in=organisations, is_active=True
        )

    def clean(self):
        data = super().clean()
        scheme, organisation = data.get("scheme"), data.get("organisation")
        if scheme and organisation and scheme.organisation_id != organisation.pk:
            self.add_error("scheme", _("This scheme belongs to another fund."))
        return data


class EventMatchForm(forms.Form):
    initiative = forms.ModelChoiceField(
        label=_("Initiative"), queryset=Initiative.objects.filter(visibility="public")
    )
    organisation = forms.ModelChoiceField(
        label=_("with an organisation"),
        queryset=Organisation.objects.filter(status="approved"),
        required=False,
    )
    other_initiative = forms.ModelChoiceField(
        label=_("or with another initiative"),
        queryset=Initiative.objects.filter(visibility="public"),
        required=False,
    )

    def __init__(self, *args, initiatives=None, organisations=None, **kwargs):
        """Only initiatives and organisations that had someone at the event can be chosen."""
        super().__init__(*args, **kwargs)
        if initiatives is not None:
            self.fields["initiative"].queryset = initiatives
            self.fields["other_initiative"].queryset = initiatives
        if organisations is not None:
            self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        if bool(data.get("organisation")) == bool(data.get("other_initiative")):
            raise forms.ValidationError(_("Choose either an organisation or another initiative."))
        if data.get("other_initiative") and data.get("other_initiative") == data.get("initiative"):
            self.add_error("other_initiative", _("An initiative cannot match with itself."))
        return data


class EventPageForm(forms.Form):
    is_public = forms.BooleanField(
        label=_("Show the matches of this event on a public page"), required=False
    )
    intro = forms.CharField(label=_("Introduction"), widget=forms.Textarea, required=False)


class PreferenceForm(forms.Form):
    weekly_digest = forms.BooleanField(
        label=_("Send me a weekly e-mail with new suggestions"), required=False
    )
