from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatieven.mozaiek.catalogue import BuildingBlock
from initiatieven.mozaiek.models import PartnerKind
from initiatieven.mozaiek.services import MAX_INVITATIONS_AT_ONCE, parse_email_list
from netwerkplatform.core.forms import SaneDatesMixin

DONT_KNOW = "x"
SCALE_CHOICES = [
    ("1", _("1 · strongly disagree")),
    ("2", _("2 · disagree")),
    ("3", _("3 · neutral")),
    ("4", _("4 · agree")),
    ("5", _("5 · strongly agree")),
    (DONT_KNOW, _("I don't know")),
]


class AssessmentOpenForm(SaneDatesMixin, forms.Form):
    initiative = forms.ModelChoiceField(label=_("Network"), queryset=None, empty_label=None)
    title = forms.CharField(
        label=_("Title of the round"),
        max_length=150,
        help_text=_("For example “Spring 2026” or “Before the annual meeting”."),
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        help_text=_("The last day on which partners can answer."),
        # A native date picker needs ISO dates, whatever the language of the page.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
    )

    def __init__(self, *args, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        return deadline


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses of the partners"),
        help_text=_("One per line, or separated by commas. Each gets a personal link."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_emails(self):
        valid, invalid = parse_email_list(self.cleaned_data["emails"])
        if invalid:
            raise forms.ValidationError(
                _("These are not valid e-mail addresses: %(list)s") % {"list": ", ".join(invalid)}
            )
        if not valid:
            raise forms.ValidationError(_("Enter at least one e-mail address."))
        if len(valid) > MAX_INVITATIONS_AT_ONCE:
            raise forms.ValidationError(
                _("You can invite at most %(max)s people at once.")
                % {"max": MAX_INVITATIONS_AT_ONCE}
            )
        return valid


class BlockAnswerForm(forms.Form):
    """One building block: a 1–5 / "weet ik niet" choice and a comment per statement.

    Fields are optional so people can save part of a block and come back; submitting the
    whole response checks that everything has an answer.
    """

    def __init__(self, *args, block: BuildingBlock, **kwargs):
        super().__init__(*args, **kwargs)
        self.block = block
        for statement in block.statements:
            self.fields[f"s-{statement.key}"] = forms.ChoiceField(
                label=statement.text,
                choices=SCALE_CHOICES,
                widget=forms.RadioSelect,
                required=False,
                error_messages={
                    "invalid_choice": _("Choose a score from 1 to 5, or “I don't know”.")
                },
            )
            self.fields[f"c-{statement.key}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def statements(self):
        """(statement, choice field, comment field, invites a comment) for the template."""
        for statement in self.block.statements:
            choice = self[f"s-{statement.key}"]
            value = choice.value()
            low = str(value) in ("1", "2")
            yield statement, choice, self[f"c-{statement.key}"], low

    def answers(self) -> dict[str, tuple[int | None, str]]:
        result = {}
        for statement in self.block.statements:
            raw = self.cleaned_data.get(f"s-{statement.key}")
            if not raw:
                continue
            value = None if raw == DONT_KNOW else int(raw)
            result[statement.key] = (value, self.cleaned_data.get(f"c-{statement.key}", ""))
        return result

    @staticmethod
    def initial_from(answers) -> dict:
        initial = {}
        for answer in answers:
            initial[f"s-{answer.statement_key}"] = (
                DONT_KNOW if answer.value is None else str(answer.value)
            )
            initial[f"c-{answer.statement_key}"] = answer.comment
        return initial


class SubmitForm(forms.Form):
    partner_kind = forms.ChoiceField(
        label=_("What kind of partner are you?"),
        choices=PartnerKind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Core partners are at the heart of the daily work; advisory partners and "
            "ambassadors are involved more lightly."
        ),
        error_messages={"required": _("Say what kind of partner you are.")},
    )
    show_name = forms.BooleanField(
        label=_("The coordinator may see that I took part"),
        required=False,
        help_text=_("Only your name, never your answers."),
    )
    display_name = forms.CharField(label=_("Your name"), max_length=150, required=False)

    def clean(self):
        data = super().clean()
        if data.get("show_name") and not (data.get("display_name") or "").strip():
            self.add_error("display_name", _("Fill in your name, or choose not to show it."))
        return data


class ProfileSummaryForm(forms.Form):
    show_summary_on_profile = forms.BooleanField(
        label=_("Show a summary of this round on our public profile"),
        required=False,
        help_text=_(
            "Only the scores per building block, and only with at least three answers. "
            "Funds and partners can then see it."
        ),
    )
