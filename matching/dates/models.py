"""Dates at events: settings per event, slots, requests with their place, blocked slots
and what came of a date.

Double booking is impossible in the database, not only in the services: a date's
(slot, table) is unique, and every placed date has one ``DateSeat`` per participant
with (slot, person) unique — so two organisers acting at once cannot both succeed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bijeenkomsten.models import Event, Round

__all__ = [
    "DateSettings",
    "DateSlot",
    "DateRequest",
    "DateSeat",
    "DateBlock",
    "DateOutcome",
    "DateProfile",
    "DateMatch",
]


class DateSettings(models.Model):
    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="date_settings", verbose_name=_("event")
    )
    enabled = models.BooleanField(_("dates enabled"), default=False)
    tables = models.PositiveSmallIntegerField(_("number of tables"), default=10)
    request_deadline = models.DateTimeField(
        _("request deadline"),
        null=True,
        blank=True,
        help_text=_("Requests not answered by then expire. Empty: the start of the event."),
    )
    max_dates_per_person = models.PositiveSmallIntegerField(
        _("maximum dates per person"), default=6
    )
    scheduled_at = models.DateTimeField(_("last scheduled"), null=True, blank=True)
    published_at = models.DateTimeField(_("last published"), null=True, blank=True)

    class Meta:
        verbose_name = _("date settings")
        verbose_name_plural = _("date settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_dates_per_person__gte=1), name="datesettings_max_at_least_one"
            )
        ]

    def __str__(self) -> str:
        return str(self.event)

    @property
    def deadline(self):
        return self.request_deadline or self.event.starts_at


class DateSlot(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="date_slots", verbose_name=_("event")
    )
    starts_at = models.DateTimeField(_("starts"))
    length_minutes = models.PositiveSmallIntegerField(_("length in minutes"), default=15)
    round = models.ForeignKey(
        Round,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="date_slots",
        verbose_name=_("programme round"),
    )

    class Meta:
        verbose_name = _("date slot")
        verbose_name_plural = _("date slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "starts_at"], name="dateslot_unique_start"),
            models.CheckConstraint(condition=Q(length_minutes__gte=1), name="dateslot_length"),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{local:%H:%M}–{timezone.localtime(self.ends_at):%H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timezone.timedelta(minutes=self.length_minutes)


class DateRequest(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        EXPIRED = "expired", _("expired")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="date_requests", verbose_name=_("event")
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="date_requests_sent",
        verbose_name=_("from"),
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="date_requests_received",
        verbose_name=_("to"),
    )
    message = models.CharField(_("message"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.REQUESTED)
    # Both asked each other: worth more to the scheduler.
    mutual = models.BooleanField(_("both asked"), default=False)
    score = models.PositiveSmallIntegerField(_("match score"), default=0)
    slot = models.ForeignKey(
        DateSlot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dates",
        verbose_name=_("slot"),
    )
    # The slots the sender said they are free; the receiver may accept one of them,
    # which becomes ``agreed_slot`` and binds the scheduler.
    proposed_slots = models.ManyToManyField(
        DateSlot, blank=True, related_name="proposed_in", verbose_name=_("proposed times")
    )
    agreed_slot = models.ForeignKey(
        DateSlot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreed_dates",
        verbose_name=_("agreed time"),
    )
    table = models.PositiveSmallIntegerField(_("table"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("date request")
        verbose_name_plural = _("date requests")
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["event", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_user=models.F("to_user")), name="daterequest_not_self"
            ),
            models.UniqueConstraint(
                fields=["event", "from_user", "to_user"],
                condition=Q(status__in=["requested", "accepted"]),
                name="daterequest_one_open_per_pair",
            ),
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=Q(slot__isnull=False),
                name="daterequest_one_per_table",
            ),
            models.CheckConstraint(
                condition=(
                    Q(slot__isnull=True, table__isnull=True)
                    | Q(slot__isnull=False, table__isnull=False, status="accepted")
                ),
                name="daterequest_placed_means_accepted_with_table",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_user} → {self.to_user} ({self.get_status_display()})"

    def other(self, user):
        return self.to_user if user.pk == self.from_user_id else self.from_user


class DateSeat(models.Model):
    """One row per participant of a placed date: (slot, person) is unique, so nobody
    can be booked twice in one slot, whoever writes."""

    request = models.ForeignKey(
        DateRequest, on_delete=models.CASCADE, related_name="seats", verbose_name=_("request")
    )
    slot = models.ForeignKey(
        DateSlot, on_delete=models.CASCADE, related_name="seats", verbose_name=_("slot")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )

    class Meta:
        verbose_name = _("date seat")
        verbose_name_plural = _("date seats")
        constraints = [
            models.UniqueConstraint(fields=["slot", "user"], name="dateseat_one_per_person_slot"),
            models.UniqueConstraint(fields=["request", "user"], name="dateseat_one_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.slot}"


class DateBlock(models.Model):
    """A slot a person cannot use (a workshop they give, a train to catch)."""

    slot = models.ForeignKey(
        DateSlot, on_delete=models.CASCADE, related_name="blocks", verbose_name=_("slot")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="date_blocks",
        verbose_name=_("user"),
    )

    class Meta:
        verbose_name = _("blocked slot")
        verbose_name_plural = _("blocked slots")
        constraints = [
            models.UniqueConstraint(fields=["slot", "user"], name="dateblock_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ✕ {self.slot}"


class DateOutcome(models.Model):
    """Afterwards, each participant says whether the date happened and led to something."""

    request = models.ForeignKey(
        DateRequest, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("request")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    happened = models.BooleanField(_("the date took place"))
    useful = models.BooleanField(_("it led to something"), default=False)
    note = models.CharField(_("what came of it"), max_length=300, blank=True)
    public = models.BooleanField(_("may be shown on the event's page"), default=False)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("date outcome")
        verbose_name_plural = _("date outcomes")
        constraints = [
            models.UniqueConstraint(fields=["request", "user"], name="dateoutcome_one_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.request}: {self.happened}/{self.useful}"


class DateProfile(models.Model):
    """The optional matchmaking profile someone fills in when signing up for an event
    with dates: what they come for and what they can offer, in the vocabulary of needs
    and offers (``ResourceKind``) and themes — so people without an initiative get
    suggestions with reasons too."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="date_profiles", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="date_profiles",
        verbose_name=_("user"),
    )
    looking_for = models.JSONField(_("what you come for"), default=list, blank=True)
    offering = models.JSONField(_("what you can offer"), default=list, blank=True)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    about = models.CharField(_("in one sentence"), max_length=200, blank=True)
    updated_at = models.DateTimeField(default=timezone.now, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("matchmaking profile")
        verbose_name_plural = _("matchmaking profiles")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="dateprofile_one_per_event"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.event}"


class DateMatch(models.Model):
    """A date both people said led to something: a confirmed match between the two,
    made at the event. ``match`` links the initiative/organisation ``Match`` it
    confirmed, when both have one. Shown on the event's page only when both agreed."""

    request = models.OneToOneField(
        DateRequest, on_delete=models.CASCADE, related_name="date_match", verbose_name=_("request")
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="date_matches", verbose_name=_("event")
    )
    score = models.PositiveSmallIntegerField(_("score"), default=0)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    match = models.ForeignKey(
        "matching.Match",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("match"),
    )
    public = models.BooleanField(_("shown on the event's page"), default=False)
    created_at = models.DateTimeField(_("confirmed"), default=timezone.now)

    class Meta:
        verbose_name = _("match from a date")
        verbose_name_plural = _("matches from dates")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return str(self.request)
