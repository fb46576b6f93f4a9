"""Events and sign-ups: series, events, their programme, registrations and evaluations.

Glossary (DESIGN.md): bijeenkomst = Event, reeks (RollingStones, Samen Doen! editions)
= Series, ronde = Round, workshop/open space = Session, aanmelding = Registration,
wachtlijst = ``status=waitlisted``, netwerkduo = ``Registration.duo_partner``.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from initiatieven.models import Initiative
from netwerkplatform.core.models import Municipality


def _token() -> str:
    return secrets.token_urlsafe(24)


class Series(models.Model):
    """A recurring format: the RollingStones (hosted by another network each time),
    Samen Doen! editions, or a closed leerkring (by invitation, 10–15 people)."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=170, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_closed = models.BooleanField(
        _("by invitation only"), default=False, help_text=_("For example a learning circle.")
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organised_series",
        verbose_name=_("organisers"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Event(models.Model):
    class Kind(models.TextChoices):
        MANIFESTATION = "manifestation", _("manifestation")
        ROLLING_STONE = "rolling_stone", _("RollingStone")
        MARKETPLACE = "marketplace", _("marketplace (beursvloer)")
        BRUISPUNT = "bruispunt", _("bruispunt")
        LEARNING_CIRCLE = "learning_circle", _("learning circle meeting")
        OPEN_SPACE = "open_space", _("open space")
        WORKSHOP_AFTERNOON = "workshop_afternoon", _("workshop afternoon")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")
        FINISHED = "finished", _("finished")

    series = models.ForeignKey(
        Series,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    description = models.TextField(_("description"), blank=True)
    host_initiative = models.ForeignKey(
        Initiative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_events",
        verbose_name=_("hosted by"),
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="organised_events", verbose_name=_("organisers")
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("municipality"),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(_("places"))
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    duos_welcome = models.BooleanField(_("network duos welcome"), default=False)
    invitation_only = models.BooleanField(_("by invitation only"), default=False)
    themes = TaggableManager(_("themes"), blank=True, related_name="events")
    # The highest fill threshold (50, 80, 100) organisers were told about, so each is sent once.
    fill_level_notified = models.PositiveSmallIntegerField(
        default=0, verbose_name=_("fill level notified")
    )
    # iCalendar SEQUENCE: raised each time date, time or venue change, so calendars that
    # imported the .ics replace the old entry (same UID) instead of keeping both.
    ical_sequence = models.PositiveIntegerField(
        default=0, editable=False, verbose_name=_("ical sequence")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Round(models.Model):
    """A time slot of the programme ("Ronde 1, 13:30–14:30") with parallel sessions."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=100)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.event}: {self.title}"


class Session(models.Model):
    class Kind(models.TextChoices):
        PLENARY = "plenary", _("plenary")
        WORKSHOP = "workshop", _("workshop")
        OPEN_SPACE = "open_space", _("open space")

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("round")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.WORKSHOP)
    title = models.CharField(_("title"), max_length=200)
    hosts = models.CharField(
        _("hosted by"), max_length=300, blank=True, help_text=_("Names, as on the programme.")
    )
    host_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="hosted_sessions",
        verbose_name=_("host users"),
    )
    host_initiatives = models.ManyToManyField(
        Initiative, blank=True, related_name="hosted_sessions", verbose_name=_("host initiatives")
    )
    description = models.TextField(_("description"), blank=True)
    room = models.CharField(_("room"), max_length=100, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    themes = TaggableManager(_("themes"), blank=True, related_name="sessions")
    # Netwerkmozaïek building-block keys (mozaiek catalogue), e.g. ["opgave", "binding"].
    building_blocks = models.JSONField(_("building blocks"), default=list, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["round__starts_at", "title"]

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    """One person's place at an event (or on its waiting list, in arrival order)."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("user"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status)
    hats_today = models.JSONField(_("hats today"), default=list, blank=True)
    needs = models.CharField(_("access or dietary needs"), max_length=500, blank=True)
    show_on_attendee_list = models.BooleanField(
        _("show me on the public attendee list"), default=False
    )
    duo_partner = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("network duo partner"),
    )
    # Arrival order for the waiting list; a promotion keeps it, a re-registration renews it.
    queued_at = models.DateTimeField(_("registered at"), default=timezone.now)
    promoted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("promoted at"))
    cancelled_at = models.DateTimeField(null=True, blank=True, verbose_name=_("cancelled at"))
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    # Set when the day-before reminder went out, so a rerun of the beat task skips it.
    reminded_at = models.DateTimeField(null=True, blank=True, verbose_name=_("reminded at"))
    cancel_token = models.CharField(
        max_length=64, unique=True, default=_token, editable=False, verbose_name=_("cancel token")
    )
    # The secret in the QR ticket; separate from cancel_token so a ticket shown at the
    # door cannot be used to cancel the registration.
    ticket_code = models.CharField(
        max_length=64, unique=True, default=_token, editable=False, verbose_name=_("ticket code")
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["queued_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "queued_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(status="cancelled"),
                name="registration_one_active_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.event} ({self.get_status_display()})"


class SessionChoice(models.Model):
    """The session a registration picked in one round; sessions have their own waiting list."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("waiting list")

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="session_choices",
        verbose_name=_("registration"),
    )
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="+", verbose_name=_("round")
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="choices", verbose_name=_("session")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status)
    queued_at = models.DateTimeField(default=timezone.now, verbose_name=_("queued at"))

    class Meta:
        verbose_name = _("session choice")
        verbose_name_plural = _("session choices")
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "round"], name="sessionchoice_one_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration.user} → {self.session}"


class Evaluation(models.Model):
    """An attendee's short evaluation after the event (as seed 001 reports them)."""

    class Rating(models.TextChoices):
        GOOD = "good", _("good")
        SUFFICIENT = "sufficient", _("sufficient")
        MEDIOCRE = "mediocre", _("mediocre")
        POOR = "poor", _("poor")

    registration = models.OneToOneField(
        Registration,
        on_delete=models.CASCADE,
        related_name="evaluation",
        verbose_name=_("registration"),
    )
    information_beforehand = models.CharField(
        _("information beforehand"), max_length=12, choices=Rating, blank=True
    )
    plenary = models.CharField(_("plenary part"), max_length=12, choices=Rating, blank=True)
    # {"<round id>": "<rating>"} for each round of the programme.
    round_ratings = models.JSONField(_("rounds"), default=dict, blank=True)
    # {"<session id>": "<rating>"}: each workshop rated on its own (seed 001's report).
    session_ratings = models.JSONField(_("sessions"), default=dict, blank=True)
    missing = models.TextField(_("what was missing"), blank=True)
    takeaway = models.TextField(_("what you take home"), blank=True)
    invited_at = models.DateTimeField(null=True, blank=True, verbose_name=_("invited at"))
    submitted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("submitted at"))

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.registration}"


class DuoInvitation(models.Model):
    """A netwerkduo invitation: it holds the partner's place until they answer.

    The inviter's registration and the held place are taken in one locked transaction,
    so a duo never ends up with only one of its two places.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="duo_invitations",
        verbose_name=_("registration"),
    )
    email = models.EmailField(_("partner's e-mail address"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    token = models.CharField(
        max_length=64, unique=True, default=_token, editable=False, verbose_name=_("token")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("answered at"))

    class Meta:
        verbose_name = _("duo invitation")
        verbose_name_plural = _("duo invitations")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.registration} + {self.email}"


class SeriesInvitation(models.Model):
    """Who may register for the events of a closed series (a leerkring)."""

    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("series")
    )
    email = models.EmailField(_("e-mail address"))
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)

    class Meta:
        verbose_name = _("series invitation")
        verbose_name_plural = _("series invitations")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(fields=["series", "email"], name="seriesinvitation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.series}: {self.email}"


class EventMessage(models.Model):
    """A message an organiser sends to all confirmed attendees (by Celery, in batches)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="messages", verbose_name=_("event")
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sender"),
    )

    class Audience(models.TextChoices):
        CONFIRMED = "confirmed", _("everyone who is coming")
        WAITLISTED = "waitlisted", _("the waiting list")
        CHECKED_IN = "checked_in", _("who checked in")
        NOT_CHECKED_IN = "not_checked_in", _("who is coming but did not check in")

    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    audience = models.CharField(
        _("to"), max_length=20, choices=Audience, default=Audience.CONFIRMED
    )
    # Replies go to the organiser who wrote it, not to the platform's no-reply address.
    reply_to = models.EmailField(_("replies go to"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # Claimed by the dispatch task with a conditional UPDATE so a rerun never sends twice.
    dispatched_at = models.DateTimeField(null=True, blank=True, verbose_name=_("dispatched at"))
    recipient_count = models.PositiveIntegerField(default=0, verbose_name=_("recipient count"))

    class Meta:
        verbose_name = _("message to attendees")
        verbose_name_plural = _("messages to attendees")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject


class NamingInvitation(models.Model):
    """Consent for being named: an event says "te gast bij <initiative>" (``kind=host``)
    or belongs to a series (``kind=series``) only after that initiative's team
    (initiator/core) or that series' organisers accepted."""

    class Kind(models.TextChoices):
        HOST = "host", _("host")
        SERIES = "series", _("series")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="naming_invitations", verbose_name=_("event")
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("initiative"),
    )
    series = models.ForeignKey(
        Series,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("series"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    token = models.CharField(
        max_length=64, unique=True, default=_token, editable=False, verbose_name=_("token")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("answered at"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )

    class Meta:
        verbose_name = _("host or series invitation")
        verbose_name_plural = _("host and series invitations")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="host", initiative__isnull=False, series__isnull=True)
                    | Q(kind="series", series__isnull=False, initiative__isnull=True)
                ),
                name="naminginvitation_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.initiative or self.series} ({self.get_status_display()})"

    @property
    def target_name(self) -> str:
        return self.initiative.name if self.initiative_id else self.series.name


class Question(models.Model):
    """A question the organiser asks at sign-up (dietary wishes, "which bus?", ...)."""

    class Kind(models.TextChoices):
        TEXT = "text", _("short text")
        CHOICE = "choice", _("one choice")
        MULTIPLE = "multiple", _("several choices")
        YES_NO = "yes_no", _("yes/no")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="questions", verbose_name=_("event")
    )
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind, default=Kind.TEXT)
    options = models.TextField(
        _("options"), blank=True, help_text=_("One per line; for choices only.")
    )
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class Answer(models.Model):
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("registration"),
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    # Several choices are kept joined with "; " (as they appear in lists and exports).
    value = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"], name="answer_one_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value}"
