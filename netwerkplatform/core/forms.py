"""Forms of core and the site-wide form renderer."""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from netwerkplatform.core.models import User
from netwerkplatform.core.vocabulary import CURATED_HATS, MAX_HAT_LENGTH, MAX_HATS


class SiteFormRenderer(TemplatesSetting):
    """Renders every form with the accessible field markup in templates/forms/."""

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form: people are addressed by name."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        help_text=_("As others see you on the platform and on your badge."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def signup(self, request, user: User) -> None:
        user.name = self.cleaned_data["name"].strip()
        user.save(update_fields=["name"])


def parse_hats(curated: list[str], own_words: str) -> list[str]:
    """Curated hats first, then the person's own words, without duplicates."""
    hats: list[str] = []
    for hat in [*curated, *own_words.split(",")]:
        cleaned = " ".join(hat.split()).lower()
        if cleaned and cleaned not in hats:
            hats.append(cleaned)
    return hats


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    hats = forms.MultipleChoiceField(
        label=_("Which hats do you wear?"),
        help_text=_("Pick the roles you have; they appear on your badge at events."),
        choices=[(hat, hat) for hat in CURATED_HATS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    own_hats = forms.CharField(
        label=_("Other hats, in your own words"),
        help_text=_("Separate them with commas, for example: mother, choir member."),
        required=False,
        max_length=300,
    )

    def __init__(self, *args, user: User | None = None, **kwargs):
        if user is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": user.name,
                "hats": [hat for hat in user.hats if hat in CURATED_HATS],
                "own_hats": ", ".join(hat for hat in user.hats if hat not in CURATED_HATS),
            }
        super().__init__(*args, **kwargs)

    def clean_own_hats(self) -> str:
        own = self.cleaned_data["own_hats"]
        for hat in own.split(","):
            if len(hat.strip()) > MAX_HAT_LENGTH:
                raise forms.ValidationError(
                    _("Keep each hat under %(max)d characters."), params={"max": MAX_HAT_LENGTH}
                )
        return own

    def clean(self):
        cleaned = super().clean()
        hats = parse_hats(cleaned.get("hats", []), cleaned.get("own_hats", ""))
        if len(hats) > MAX_HATS:
            raise forms.ValidationError(
                _("Choose at most %(max)d hats; a badge has room for no more."),
                params={"max": MAX_HATS},
            )
        cleaned["all_hats"] = hats
        return cleaned


class DeleteAccountForm(forms.Form):
    confirm_email = forms.EmailField(
        label=_("Type your e-mail address to confirm"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_confirm_email(self) -> str:
        email = self.cleaned_data["confirm_email"]
        if email.strip().lower() != self.user.email.lower():
            raise forms.ValidationError(_("This is not the e-mail address of your account."))
        return email


# --- Dates people can mean ------------------------------------------------------------

FIRST_YEAR = 2000
LAST_YEAR = 2100


def validate_sane_year(value) -> None:
    """Year 0001 or 9999 parses as a date but overflows as soon as anything adds or
    subtracts time (a 500): refuse it at the field, with a message people understand."""
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise forms.ValidationError(
            _("Enter a date between the years %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
            code="year_out_of_range",
        )


class SaneDatesMixin:
    """Every date and date-time field of the form accepts only years 2000–2100."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                field.validators.append(validate_sane_year)


def single_line(text: str) -> str:
    """Titles are one line: a newline in one ends up in e-mail subjects and headers."""
    return " ".join((text or "").split())
