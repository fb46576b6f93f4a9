"""Matches between initiatives, funding schemes and partners, and the runs that made them.

A ``Match`` is directed: it is a suggestion *for* ``initiative`` (the row the engine
owns and recomputes), pointing at exactly one target — a scheme, a partner
organisation or another initiative. Both sides can respond on it. Three unique
constraints (one per target column, each over the rows that have that target) make
every rerun an upsert instead of a duplicate. The models of dates at events live in
``matching/dates/models.py``; ``matching/models/__init__.py`` gathers both.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bijeenkomsten.models import Event
from initiatieven.models import FundingScheme, Initiative, Organisation


class MatchRun(models.Model):
    class Kind(models.TextChoices):
        FULL = "full", _("full run")
        CHUNK = "chunk", _("part of a full run")
        INCREMENTAL = "incremental", _("after a change")

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("finished")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.RUNNING)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="chunks",
        verbose_name=_("parent"),
    )
    # What the run covered: an id range for a chunk, the changed objects for an
    # incremental run. For reading in the admin, not for logic.
    scope = models.JSONField(_("scope"), default=dict, blank=True)
    chunks_total = models.PositiveIntegerField(default=0, verbose_name=_("chunks total"))
    chunks_done = models.PositiveIntegerField(default=0, verbose_name=_("chunks done"))
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True, blank=True)
    pairs_scored = models.BigIntegerField(_("pairs scored"), default=0)
    matches_written = models.PositiveIntegerField(_("matches written"), default=0)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )

    class Meta:
        verbose_name = _("match run")
        verbose_name_plural = _("match runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d %H:%M}"


class Match(models.Model):
    class Kind(models.TextChoices):
        SCHEME = "scheme", _("fund")
        PARTNER = "partner", _("partner")
        INITIATIVE = "initiative", _("initiative")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("suggested")
        MATCHED = "matched", _("matched")
        DECLINED = "declined", _("declined")
        EXPIRED = "expired", _("expired")

    class Response(models.TextChoices):
        NONE = "", _("no answer yet")
        INTERESTED = "interested", _("interested")
        NOT_INTERESTED = "not_interested", _("not interested")

    class Source(models.TextChoices):
        ENGINE = "engine", _("suggested by the platform")
        MANUAL = "manual", _("started by hand")
        EVENT = "event", _("made at an event")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    # No index of its own: every unique constraint below starts with this column.
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="matches",
        verbose_name=_("initiative"),
        db_index=False,
    )
    scheme = models.ForeignKey(
        FundingScheme,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="matches",
        verbose_name=_("funding scheme"),
        db_index=False,
    )
    partner = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="matches",
        verbose_name=_("partner"),
        db_index=False,
    )
    other_initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="incoming_matches",
        verbose_name=_("other initiative"),
        db_index=False,
    )
    score = models.PositiveSmallIntegerField(_("score"), default=0)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.SUGGESTED)
    initiative_response = models.CharField(
        _("answer of the initiative"), max_length=15, choices=Response, blank=True, default=""
    )
    other_response = models.CharField(
        _("answer of the other side"), max_length=15, choices=Response, blank=True, default=""
    )
    initiative_responded_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("initiative responded at")
    )
    other_responded_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("other responded at")
    )
    matched_at = models.DateTimeField(_("matched"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source, default=Source.ENGINE)
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matches",
        verbose_name=_("made at"),
        db_index=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "scheme"],
                condition=Q(scheme__isnull=False),
                name="match_unique_scheme",
            ),
            models.UniqueConstraint(
                fields=["initiative", "partner"],
                condition=Q(partner__isnull=False),
                name="match_unique_partner",
            ),
            models.UniqueConstraint(
                fields=["initiative", "other_initiative"],
                condition=Q(other_initiative__isnull=False),
                name="match_unique_initiative",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="scheme",
                        scheme__isnull=False,
                        partner__isnull=True,
                        other_initiative__isnull=True,
                    )
                    | Q(
                        kind="partner",
                        scheme__isnull=True,
                        partner__isnull=False,
                        other_initiative__isnull=True,
                    )
                    | Q(
                        kind="initiative",
                        scheme__isnull=True,
                        partner__isnull=True,
                        other_initiative__isnull=False,
                    )
                ),
                name="match_target_fits_kind",
            ),
            models.CheckConstraint(condition=Q(score__lte=100), name="match_score_at_most_100"),
            models.CheckConstraint(
                condition=~Q(initiative=models.F("other_initiative")), name="match_not_self"
            ),
        ]
        # A full run writes ~30 rows per initiative, so every index costs real time.
        # Each row has one target and rarely an event or author: partial indexes over
        # the non-empty values keep a row in 4 indexes instead of 12, while lookups
        # and cascades by target, event or author still find an index. Every page and
        # the digest ask for the matches of given initiatives or targets, so no index
        # on status or date alone.
        indexes = [
            models.Index(fields=["initiative", "kind", "status"]),
            *(
                models.Index(
                    fields=[column],
                    condition=Q(**{f"{column}__isnull": False}),
                    name=f"match_{column}_idx",
                )
                for column in ("scheme", "partner", "other_initiative", "event", "created_by")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} ↔ {self.target}"

    @property
    def target(self):
        return self.scheme or self.partner or self.other_initiative

    @property
    def is_matched(self) -> bool:
        return self.status == self.Status.MATCHED


class MatchingPreference(models.Model):
    """Per-person settings for matching e-mail; kept here so core's User stays untouched."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="matching_preference",
        verbose_name=_("user"),
    )
    weekly_digest = models.BooleanField(_("weekly e-mail with new suggestions"), default=True)
    digest_sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("digest sent at"))

    class Meta:
        verbose_name = _("matching preference")
        verbose_name_plural = _("matching preferences")

    def __str__(self) -> str:
        return str(self.user)


class EventMatchPage(models.Model):
    """An event's public "Dates en matches" page exists only when its organisers opt in."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="match_page", verbose_name=_("event")
    )
    is_public = models.BooleanField(_("show the matches of this event publicly"), default=False)
    intro = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("event matches page")
        verbose_name_plural = _("event matches pages")

    def __str__(self) -> str:
        return str(self.event)


class DeclineReason(models.Model):
    """Why one side found a suggestion "not interesting" (optional, one click).

    Funds and partners see the totals of what initiatives answered about their
    suggestions (``services.decline_totals``); a declined match stays declined.
    "Not our subject" and "not our region" also teach the engine (``scoring.learn``).
    """

    class Why(models.TextChoices):
        SUBJECT = "subject", _("Not our subject")
        REGION = "region", _("Not our region")
        AMOUNT = "amount", _("The amount does not fit")
        OTHER = "other", _("Something else")

    match = models.ForeignKey(
        Match, on_delete=models.CASCADE, related_name="decline_reasons", verbose_name=_("match")
    )
    side = models.CharField(_("side"), max_length=10)
    why = models.CharField(_("why"), max_length=10, choices=Why)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("reason for declining")
        verbose_name_plural = _("reasons for declining")
        constraints = [
            models.UniqueConstraint(fields=["match", "side"], name="decline_reason_once_per_side")
        ]

    def __str__(self) -> str:
        return f"{self.match_id} {self.side}: {self.why}"
