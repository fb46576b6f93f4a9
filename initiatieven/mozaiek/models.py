"""The Netwerkmozaïek self-assessment: rounds, personal invitations, responses, answers.

Glossary (DESIGN.md): zelfscan / ronde = ``Assessment``, bouwsteen = a catalogue block.
Privacy is the point of the design: answers hang off a response, a response off an
invitation; pages only ever show aggregates of at least ``results.MIN_RESPONSES``
submitted responses (see ``results.py``).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatieven.models import Initiative
from initiatieven.mozaiek.catalogue import CURRENT_VERSION, catalogue


def new_token() -> str:
    """32 random bytes: unguessable, so a link is as good as a password for one response."""
    return secrets.token_urlsafe(32)


class Assessment(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="mozaiek_assessments",
        verbose_name=_("network"),
    )
    title = models.CharField(_("title"), max_length=150)
    deadline = models.DateField(
        _("deadline"), help_text=_("The last day on which partners can answer.")
    )
    catalogue_version = models.PositiveSmallIntegerField(
        _("catalogue version"), default=CURRENT_VERSION
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    show_summary_on_profile = models.BooleanField(
        _("show a summary on the public profile"),
        default=False,
        help_text=_(
            "Only the scores per building block, and only with at least three answers. "
            "Funds and partners can then see it."
        ),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    created_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # The answers the results are computed from, frozen (see ``results.py``): they
    # refresh only in batches of new answers or when the round closes, so that two
    # looks at the results never differ by one person. {"ids": [...], "rows": [...]}.
    results_snapshot = models.JSONField(
        default=dict, blank=True, editable=False, verbose_name=_("results snapshot")
    )
    results_refreshed_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("results refreshed at")
    )

    class Meta:
        verbose_name = _("self-assessment round")
        verbose_name_plural = _("self-assessment rounds")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative"],
                condition=Q(status="open"),
                name="mozaiek_one_open_round_per_network",
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("mozaiek:round", args=[self.pk])

    @property
    def catalogue(self):
        return catalogue(self.catalogue_version)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def accepts_answers_on(self, day) -> bool:
        """Open, and the deadline day itself still counts."""
        return self.is_open and day <= self.deadline


class Invitation(models.Model):
    """A personal link to answer one round; no account needed.

    Logged-in members get an invitation too (created when they start), so answering,
    resuming and submitting work the same way for everyone.
    """

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("assessment"),
    )
    email = models.EmailField(_("e-mail"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mozaiek_invitations",
        verbose_name=_("user"),
    )
    token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False, verbose_name=_("token")
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited"), default=timezone.now)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "email"], name="mozaiek_one_invitation_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} · {self.assessment}"

    def get_absolute_url(self) -> str:
        return reverse("mozaiek:answer", args=[self.token])


class PartnerKind(models.TextChoices):
    CORE = "kern", _("core partner")
    ADVISORY = "advies", _("advisory partner")
    AMBASSADOR = "ambassadeur", _("ambassador")
    OTHER = "anders", _("other")


class Response(models.Model):
    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="response", verbose_name=_("invitation")
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="responses", verbose_name=_("assessment")
    )
    partner_kind = models.CharField(
        _("kind of partner"), max_length=12, choices=PartnerKind, blank=True
    )
    # Set when the response starts: the person coordinates this network (initiator or
    # core team), so results can compare coordinators with partners.
    is_coordinator = models.BooleanField(default=False, verbose_name=_("is coordinator"))
    show_name = models.BooleanField(_("show my name to the coordinator"), default=False)
    display_name = models.CharField(_("name"), max_length=150, blank=True)
    started_at = models.DateTimeField(default=timezone.now, verbose_name=_("started at"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["pk"]
        indexes = [models.Index(fields=["assessment", "submitted_at"])]

    def __str__(self) -> str:
        return f"#{self.pk} · {self.assessment}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Answer(models.Model):
    """One score for one statement; ``value`` None means "weet ik niet"."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    statement_key = models.CharField(max_length=60, verbose_name=_("statement key"))
    value = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("value"))
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "statement_key"], name="mozaiek_one_answer_per_statement"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=1, value__lte=5),
                name="mozaiek_answer_value_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.statement_key}: {self.value if self.value is not None else '?'}"
