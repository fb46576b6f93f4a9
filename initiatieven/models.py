"""Initiatives, funds and partners: the people and organisations everything connects.

Glossary (DESIGN.md): Initiative = initiatief/netwerk, Need = behoefte, Offer = aanbod,
Organisation = fonds/partner, FundingScheme = regeling.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from netwerkplatform.core.models import Municipality, Province
from netwerkplatform.core.vocabulary import ResourceKind


class Stage(models.TextChoices):
    IDEA = "idea", _("idea")
    START = "start", _("starting")
    GROWTH = "growth", _("growing")
    CONSOLIDATION = "consolidation", _("consolidating")


class LegalForm(models.TextChoices):
    INFORMAL = "informal", _("informal (no legal entity)")
    FOUNDATION = "foundation", _("foundation (stichting)")
    ASSOCIATION = "association", _("association (vereniging)")
    COOPERATIVE = "cooperative", _("cooperative")
    OTHER = "other", _("other")


class Scope(models.TextChoices):
    """Where an organisation or scheme works (a scheme with no scope uses its fund's)."""

    NATIONAL = "national", _("the whole country")
    PROVINCES = "provinces", _("certain provinces")
    MUNICIPALITIES = "municipalities", _("certain municipalities")


class Initiative(models.Model):
    class Kind(models.TextChoices):
        INITIATIVE = "initiative", _("initiative")
        NETWORK = "network", _("network of organisations")

    class Visibility(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLIC = "public", _("public")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.INITIATIVE)
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=170, unique=True)
    pitch = models.CharField(
        _("pitch"), max_length=280, help_text=_("One or two sentences: what you do and for whom.")
    )
    description = models.TextField(_("description"), blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("municipality"),
    )
    neighbourhood = models.CharField(_("neighbourhood"), max_length=100, blank=True)
    themes = TaggableManager(_("themes"), blank=True, related_name="initiatives")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage, default=Stage.IDEA)
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm, default=LegalForm.INFORMAL
    )
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(
        _("contact e-mail"),
        help_text=_("Never shown publicly; shared only with a confirmed match."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility, default=Visibility.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Search terms from the Dutch analysis in netwerkplatform.core.search (stems, compound
    # parts, accents folded), stored the same on SQLite and PostgreSQL by
    # services.initiative_search_refresh after every change: " term term ". The title
    # terms (name, themes, places) weigh more. On PostgreSQL ``search_vector`` holds the
    # same terms as a GIN-indexed tsvector ('simple' configuration) for speed.
    search_terms = models.TextField(
        blank=True, default="", editable=False, verbose_name=_("search terms")
    )
    search_title_terms = models.TextField(
        blank=True, default="", editable=False, verbose_name=_("search title terms")
    )
    search_vector = SearchVectorField(
        null=True, blank=True, editable=False, verbose_name=_("search vector")
    )

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["name"]
        indexes = [models.Index(fields=["visibility", "-created_at"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    @property
    def province(self) -> Province:
        return self.municipality.province


class Need(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        MET = "met", _("met")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="needs", verbose_name=_("initiative")
    )
    kind = models.CharField(_("what kind"), max_length=20, choices=ResourceKind)
    description = models.CharField(_("description"), max_length=500)
    amount = models.DecimalField(
        _("amount in euros"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Only for money."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gt=0), name="need_amount_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"


class Organisation(models.Model):
    """A fund or partner. Public, and able to act, only once staff approved it."""

    class Kind(models.TextChoices):
        FUND = "fund", _("fund")
        MUNICIPALITY = "municipality", _("municipality")
        HOUSING = "housing", _("housing corporation")
        WELFARE = "welfare", _("welfare organisation")
        BUSINESS = "business", _("business")
        ASSOCIATION = "association", _("association")
        EDUCATION = "education", _("education")
        VOLUNTEER_CENTRE = "volunteer_centre", _("volunteer centre")
        NETWORK = "network", _("network organisation")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=170, unique=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # Shared only with a confirmed match (matching.services.contact_of); never replaced
    # by a member's login address.
    contact_email = models.EmailField(
        _("contact e-mail for matches"),
        blank=True,
        help_text=_(
            "Never shown publicly; shared only with an initiative once you both said yes "
            "to a match. Empty: your public e-mail address is used."
        ),
    )
    scope = models.CharField(_("works in"), max_length=20, choices=Scope, default=Scope.NATIONAL)
    provinces = models.ManyToManyField(
        Province, blank=True, related_name="+", verbose_name=_("provinces")
    )
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="+", verbose_name=_("municipalities")
    )
    themes = TaggableManager(_("themes"), blank=True, related_name="organisations")
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class Offer(models.Model):
    """What an initiative or an organisation offers; exactly one of the two owns it."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("initiative"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("what kind"), max_length=20, choices=ResourceKind)
    description = models.CharField(_("description"), max_length=500)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(initiative__isnull=False, organisation__isnull=True)
                    | Q(initiative__isnull=True, organisation__isnull=False)
                ),
                name="offer_has_exactly_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"


class Membership(models.Model):
    class Role(models.TextChoices):
        INITIATOR = "initiator", _("initiator")
        CORE = "core", _("core team")
        MEMBER = "member", _("member")

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("initiative"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="initiative_memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.MEMBER)
    show_on_profile = models.BooleanField(_("show me on the public profile"), default=False)
    created_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="membership_unique_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.initiative} ({self.get_role_display()})"


class OrganisationMember(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("administrator")
        MEMBER = "member", _("member")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.MEMBER)
    created_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("organisation member")
        verbose_name_plural = _("organisation members")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="orgmember_unique_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation}"


class FundingScheme(models.Model):
    """A fund's regeling. Its region is the fund's unless ``scope`` says otherwise."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="schemes", verbose_name=_("fund")
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"))
    themes = TaggableManager(_("themes"), blank=True, related_name="funding_schemes")
    # The themes the fund names as what this scheme is really about; its other themes
    # are side themes (see matching.engine.scoring.fund_subject). Empty: not stated.
    main_themes = models.JSONField(
        _("main subject"),
        default=list,
        blank=True,
        help_text=_("The themes this scheme is mainly about; empty when they weigh equally."),
    )
    min_amount = models.DecimalField(
        _("minimum amount"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    max_amount = models.DecimalField(
        _("maximum amount"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    requires_legal_entity = models.BooleanField(
        _("only for legal entities"),
        default=False,
        help_text=_("Informal initiatives can then apply through a fiscal host (penvoerder)."),
    )
    eligible_stages = models.JSONField(
        _("eligible stages"), default=list, blank=True, help_text=_("Empty means every stage.")
    )
    scope = models.CharField(
        _("region"),
        max_length=20,
        choices=Scope,
        blank=True,
        help_text=_("Leave empty to use the fund's own region."),
    )
    provinces = models.ManyToManyField(
        Province, blank=True, related_name="+", verbose_name=_("provinces")
    )
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="+", verbose_name=_("municipalities")
    )
    opens_on = models.DateField(_("open from"), null=True, blank=True)
    closes_on = models.DateField(
        _("deadline"), null=True, blank=True, help_text=_("Leave empty for a rolling scheme.")
    )
    url = models.URLField(_("link"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("funding scheme")
        verbose_name_plural = _("funding schemes")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_amount__isnull=True)
                | Q(max_amount__isnull=True)
                | Q(min_amount__lte=models.F("max_amount")),
                name="scheme_min_not_above_max",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.name}"

    @property
    def stated_main_themes(self) -> list[str]:
        """The main themes the fund stated that the scheme still carries."""
        names = {tag.name for tag in self.themes.all()}
        return [theme for theme in self.main_themes or [] if theme in names]

    @property
    def side_themes(self) -> list[str]:
        """Its other themes (all of them when no main subject is stated)."""
        main = set(self.main_themes or [])
        return sorted(tag.name for tag in self.themes.all() if tag.name not in main)

    def is_open_on(self, day) -> bool:
        if not self.is_active:
            return False
        if self.opens_on and day < self.opens_on:
            return False
        return not (self.closes_on and day > self.closes_on)


class ShortlistEntry(models.Model):
    """An initiative a fund or partner keeps an eye on; notes are private to the organisation."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="shortlist",
        verbose_name=_("organisation"),
    )
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="+", verbose_name=_("initiative")
    )
    note = models.TextField(_("note"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("shortlist entry")
        verbose_name_plural = _("shortlist entries")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "initiative"], name="shortlist_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.initiative}"


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """An e-mailed invitation to join an initiative or an organisation.

    The link works once, expires, and only for the account that verified the invited
    address (core.selectors). Where the inviter ticked ``allow_other_address`` (someone
    who uses another address for the platform), a logged-in person may instead accept
    explicitly "as myself"; that is logged and ``accepted_by`` records who it was.
    """

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("initiative"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=10, default="member")
    allow_other_address = models.BooleanField(
        _("may be accepted with another address"),
        default=False,
        help_text=_(
            "Tick this if the person uses another e-mail address on the platform: they can "
            "then accept explicitly with their own account."
        ),
    )
    token = models.CharField(
        max_length=64, unique=True, default=_new_token, editable=False, verbose_name=_("token")
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    VALID_DAYS = 30

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(initiative__isnull=False, organisation__isnull=True)
                    | Q(initiative__isnull=True, organisation__isnull=False)
                ),
                name="invitation_has_exactly_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.initiative or self.organisation}"

    @property
    def target(self):
        return self.initiative or self.organisation

    @property
    def is_expired(self) -> bool:
        return self.created_at < timezone.now() - timedelta(days=self.VALID_DAYS)
