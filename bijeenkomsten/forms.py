"""Forms of events. Validation of places happens in services (inside the lock)."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bijeenkomsten.models import (
    Evaluation,
    Event,
    EventMessage,
    Question,
    Round,
    Series,
    Session,
)
from bijeenkomsten.services.periodic import evaluated_programme
from bijeenkomsten.services.series import host_initiatives_without_asking, series_of_organiser
from initiatieven.models import Initiative
from netwerkplatform.core.forms import SaneDatesMixin, single_line
from netwerkplatform.core.models import Province
from netwerkplatform.core.vocabulary import CURATED_THEMES


def _split(text: str) -> list[str]:
    return [part.strip() for part in (text or "").replace("\n", ",").split(",") if part.strip()]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(SaneDatesMixin, forms.ModelForm):
    themes_text = forms.CharField(
        label=_("Themes"),
        required=False,
        help_text=_("Separate with commas, for example: %(examples)s")
        % {"examples": ", ".join(CURATED_THEMES[:3])},
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "description",
            "series",
            "host_initiative",
            "venue",
            "address",
            "municipality",
            "starts_at",
            "ends_at",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "duos_welcome",
            "invitation_only",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "registration_opens_at": DateTimeInput(),
            "registration_closes_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Consent for being named (issue 11): only a host or series the person answers
        # for (or the one already set); others are invited from the dashboard.
        hosts = Initiative.objects.filter(
            pk__in=host_initiatives_without_asking(user=user).values("pk")
        )
        series = Series.objects.filter(pk__in=series_of_organiser(user=user).values("pk"))
        if self.instance.pk and self.instance.host_initiative_id:
            hosts = hosts | Initiative.objects.filter(pk=self.instance.host_initiative_id)
        if self.instance.pk and self.instance.series_id:
            series = series | Series.objects.filter(pk=self.instance.series_id)
        self.fields["host_initiative"].queryset = hosts.distinct().order_by("name")
        self.fields["host_initiative"].help_text = _(
            "Your own initiative. To be the guest of another network, invite it from the "
            "dashboard: it is named once its team accepts."
        )
        self.fields["municipality"].queryset = self.fields["municipality"].queryset.order_by("name")
        self.fields["series"].queryset = series.distinct().order_by("name")
        if self.instance.pk:
            self.fields["themes_text"].initial = ", ".join(
                t.name for t in self.instance.themes.all()
            )
            if self.instance.rounds.exists():
                self.fields["move_programme"] = forms.BooleanField(
                    label=_("Move the programme along when the date or start time changes"),
                    help_text=_(
                        "Rounds (and date slots) keep their time relative to the start. "
                        "Without this, the programme must still fit inside the event."
                    ),
                    required=False,
                    initial=True,
                )

    def event_fields(self) -> dict:
        skip = {"themes_text", "move_programme"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}

    def clean_title(self) -> str:
        return single_line(self.cleaned_data["title"])

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must be after the start."))
        closes = cleaned.get("registration_closes_at")
        if closes and ends and closes > ends:
            self.add_error("registration_closes_at", _("Registration must close before the end."))
        return cleaned

    def themes(self) -> list[str]:
        return _split(self.cleaned_data.get("themes_text", ""))


class RoundForm(SaneDatesMixin, forms.ModelForm):
    class Meta:
        model = Round
        fields = ["title", "starts_at", "ends_at"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}

    def clean_title(self) -> str:
        return single_line(self.cleaned_data["title"])

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must be after the start."))
        return cleaned


class SessionForm(forms.ModelForm):
    themes_text = forms.CharField(label=_("Themes"), required=False)
    blocks_text = forms.CharField(
        label=_("Netwerkmozaïek building blocks"),
        required=False,
        help_text=_("For example: opgave, binding"),
    )

    class Meta:
        model = Session
        fields = ["round", "kind", "title", "hosts", "description", "room", "capacity"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = event.rounds.all()
        self.fields["round"].label = _("Round")
        self.fields["round"].label_from_instance = lambda round_: round_.title
        if self.instance.pk:
            self.fields["themes_text"].initial = ", ".join(
                t.name for t in self.instance.themes.all()
            )
            self.fields["blocks_text"].initial = ", ".join(self.instance.building_blocks)

    def save(self, commit=True):
        session = super().save(commit=False)
        session.building_blocks = [b.lower() for b in _split(self.cleaned_data["blocks_text"])]
        return session

    def themes(self) -> list[str]:
        return _split(self.cleaned_data.get("themes_text", ""))


class SessionChoiceMixin:
    """One radio group per round; labels say how many places are left."""

    def add_session_fields(self, event: Event, taken: dict[int, int], initial: dict[int, int]):
        for round_ in event.rounds.all():
            choices = [("", _("No session in this round"))]
            for session in round_.sessions.all():
                label = session.title
                if session.capacity is not None:
                    left = max(session.capacity - taken.get(session.pk, 0), 0)
                    label = (
                        ngettext(
                            "%(title)s (%(left)s place left)",
                            "%(title)s (%(left)s places left)",
                            left,
                        )
                        % {"title": label, "left": left}
                        if left
                        else _("%(title)s (full: waiting list)") % {"title": label}
                    )
                choices.append((str(session.pk), label))
            self.fields[f"round_{round_.pk}"] = forms.ChoiceField(
                label=round_.title,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                initial=str(initial.get(round_.pk, "")),
            )

    def session_choices(self) -> dict[int, int | None]:
        return {
            int(name.removeprefix("round_")): int(value) if value else None
            for name, value in self.cleaned_data.items()
            if name.startswith("round_")
        }


class RegisterForm(SessionChoiceMixin, forms.Form):
    hats_today = forms.CharField(
        label=_("Which hats do you wear today?"),
        required=False,
        help_text=_("Shown on your name badge. Separate with commas."),
    )
    needs = forms.CharField(
        label=_("Access or dietary needs"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    show_on_attendee_list = forms.BooleanField(
        label=_("Show my name on the public list of who is coming"), required=False
    )
    join_session_waitlist = forms.BooleanField(
        label=_("If a session I pick is full, put me on its waiting list"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, event: Event, user, taken: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hats_today"].initial = ", ".join(user.hats)
        self.add_session_fields(event, taken, {})
        self.add_question_fields(event)
        if event.duos_welcome:
            self.fields["duo_email"] = forms.EmailField(
                label=_("Coming as a network duo? Your partner's e-mail address"),
                required=False,
                help_text=_("We hold a place for your partner and ask them to confirm."),
            )

    def hats(self) -> list[str]:
        return _split(self.cleaned_data.get("hats_today", ""))

    def add_question_fields(self, event: Event) -> None:
        """The organiser's questions, each as the field its kind asks for."""
        self.questions = list(event.questions.all())
        for question in self.questions:
            name = f"question_{question.pk}"
            options = [(o, o) for o in question.option_list]
            kind = Question.Kind
            if question.kind == kind.CHOICE:
                field = forms.ChoiceField(choices=options, widget=forms.RadioSelect)
            elif question.kind == kind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=options, widget=forms.CheckboxSelectMultiple
                )
            elif question.kind == kind.YES_NO:
                field = forms.ChoiceField(
                    choices=[(str(_("yes")), _("yes")), (str(_("no")), _("no"))],
                    widget=forms.RadioSelect,
                )
            else:
                field = forms.CharField(max_length=500)
            field.label = question.text
            field.required = question.required
            self.fields[name] = field

    def answers(self) -> dict[int, str]:
        answers = {}
        for question in getattr(self, "questions", []):
            value = self.cleaned_data.get(f"question_{question.pk}")
            if isinstance(value, list):
                value = "; ".join(value)
            if value:
                answers[question.pk] = value
        return answers


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "kind", "options", "required"]
        widgets = {"options": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        options = [o for o in (cleaned.get("options") or "").splitlines() if o.strip()]
        if kind in (Question.Kind.CHOICE, Question.Kind.MULTIPLE) and len(options) < 2:
            self.add_error("options", _("Give at least two options, one per line."))
        return cleaned


class ChooseSessionsForm(SessionChoiceMixin, forms.Form):
    join_waitlist = forms.BooleanField(
        label=_("If a session I pick is full, put me on its waiting list"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, event: Event, taken: dict[int, int], current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_session_fields(event, taken, current)


class SeriesForm(forms.ModelForm):
    class Meta:
        model = Series
        fields = ["name", "description", "is_closed"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class HostInviteForm(forms.Form):
    event = forms.ModelChoiceField(label=_("Meeting"), queryset=Event.objects.none())
    initiative = forms.ModelChoiceField(
        label=_("Host network or initiative"),
        queryset=Initiative.objects.none(),
    )
    message = forms.CharField(
        label=_("Message to their team"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events
        self.fields["event"].label_from_instance = lambda e: (
            f"{e.title} ({date_format(timezone.localtime(e.starts_at), 'j F Y')})"
        )
        self.fields["initiative"].queryset = Initiative.objects.filter(
            visibility=Initiative.Visibility.PUBLIC
        ).order_by("name")
        if events.count() == 1:
            self.fields["event"].initial = events.first()
            self.fields["event"].widget = forms.HiddenInput()


class SeriesJoinForm(forms.Form):
    series = forms.ModelChoiceField(label=_("Series"), queryset=Series.objects.order_by("name"))


class AddAttendeeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))


class MoveSessionForm(forms.Form):
    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.none())

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = round_.sessions.all()
        self.fields["session"].label = round_.title


class DeleteSessionForm(forms.Form):
    move_to = forms.ModelChoiceField(
        label=_("Move their choices to"),
        queryset=Session.objects.none(),
        required=False,
        empty_label=_("Nowhere: release their choices"),
    )

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["move_to"].queryset = session.round.sessions.exclude(pk=session.pk)


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Message to everyone registered (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MessageForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("To"),
        choices=EventMessage.Audience.choices,
        initial=EventMessage.Audience.CONFIRMED,
        required=False,
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}))


class SeriesInviteForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line or separated by commas. A learning circle has 10–15 people."),
    )

    def clean_emails(self) -> list[str]:
        validator = forms.EmailField()
        emails = _split(self.cleaned_data["emails"])
        bad = []
        for email in emails:
            try:
                validator.clean(email)
            except forms.ValidationError:
                bad.append(email)
        if bad:
            raise forms.ValidationError(
                _("These are not e-mail addresses: %(bad)s") % {"bad": ", ".join(bad)}
            )
        return emails


class EvaluationForm(forms.Form):
    information_beforehand = forms.ChoiceField(
        label=_("Was the information beforehand clear?"),
        choices=Evaluation.Rating.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    plenary = forms.ChoiceField(
        label=_("How was the plenary part?"),
        choices=Evaluation.Rating.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    missing = forms.CharField(
        label=_("What did you miss today?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    takeaway = forms.CharField(
        label=_("What do you take home?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, event: Event, registration=None, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = (
            {c.round_id: c.session_id for c in registration.session_choices.all()}
            if registration is not None
            else {}
        )
        rated = []
        for round_, sessions in evaluated_programme(event=event):
            if not sessions:
                name = f"round_{round_.pk}"
                self.fields[name] = self._rating(_("How was %(round)s?") % {"round": round_.title})
                rated.append(name)
                continue
            # Ask about the session the person chose; without a recorded choice, offer
            # each one of the round (they rate the one they went to).
            mine = [s for s in sessions if s.pk == chosen.get(round_.pk)] or sessions
            for session in mine:
                name = f"session_{session.pk}"
                self.fields[name] = self._rating(
                    _("How was %(session)s (%(round)s)?")
                    % {"session": session.title, "round": round_.title}
                )
                rated.append(name)
        self.order_fields(["information_beforehand", "plenary", *rated, "missing", "takeaway"])

    @staticmethod
    def _rating(label: str) -> forms.ChoiceField:
        return forms.ChoiceField(
            label=label,
            choices=Evaluation.Rating.choices,
            widget=forms.RadioSelect,
            required=False,
        )

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data["round_ratings"] = {
            name.removeprefix("round_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("round_")
        }
        data["session_ratings"] = {
            name.removeprefix("session_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("session_")
        }
        return data


class FilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("for example: moestuin, energie")}
        ),
    )
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("", _("Upcoming")), ("past", _("Past"))],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Event.Kind.choices]
    )
    province = forms.ModelChoiceField(
        label=_("Province"),
        required=False,
        queryset=Province.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All provinces"),
    )
    theme = forms.CharField(label=_("Theme"), required=False)
