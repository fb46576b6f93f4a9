"""The directories: initiatives (full text in Dutch) and organisations/schemes.

PostgreSQL searches the stored, GIN-indexed ``search_vector`` with the ``dutch``
configuration (so "moestuinen" finds "moestuin"); SQLite, the development default,
falls back to icontains so the page still works there.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from initiatieven import selectors
from initiatieven.models import Initiative, Need, Offer, Organisation

CARD_FIELDS = (
    "name",
    "slug",
    "pitch",
    "kind",
    "stage",
    "neighbourhood",
    "created_at",
    "visibility",
    "municipality__name",
)


def _open_needs() -> Prefetch:
    return Prefetch(
        "needs",
        queryset=Need.objects.filter(status=Need.Status.OPEN).order_by("pk"),
        to_attr="open_needs",
    )


def initiative_search(
    *,
    q: str = "",
    theme: str = "",
    province=None,
    municipality=None,
    stage: str = "",
    needs: str = "",
    legal_form: str = "",
    kind: str = "",
    sort: str = "",
) -> QuerySet[Initiative]:
    """Public initiatives matching the filters; cards need no further queries per row."""
    initiatives = selectors.public_initiatives()
    q = " ".join(q.split())
    ranked = False
    if q:
        if connection.vendor == "postgresql":
            query = SearchQuery(q, config="dutch", search_type="websearch")
            initiatives = initiatives.filter(search_vector=query).annotate(
                rank=SearchRank(F("search_vector"), query)
            )
            ranked = True
        else:
            initiatives = initiatives.filter(
                Q(name__icontains=q) | Q(pitch__icontains=q) | Q(description__icontains=q)
            )
    if theme:
        initiatives = initiatives.filter(themes__name=theme)
    if municipality is not None:
        initiatives = initiatives.filter(municipality=municipality)
    elif province is not None:
        initiatives = initiatives.filter(municipality__province=province)
    if stage:
        initiatives = initiatives.filter(stage=stage)
    if legal_form:
        initiatives = initiatives.filter(legal_form=legal_form)
    if kind:
        initiatives = initiatives.filter(kind=kind)
    if needs:
        open_need = Need.objects.filter(
            initiative=OuterRef("pk"), kind=needs, status=Need.Status.OPEN
        )
        initiatives = initiatives.filter(Exists(open_need))
    if ranked and sort != "newest":
        initiatives = initiatives.order_by("-rank", "-created_at", "pk")
    else:
        initiatives = initiatives.order_by("-created_at", "pk")
    return initiatives.select_related("municipality__province").prefetch_related(
        "themes", _open_needs()
    )


def fund_search(*, theme: str = "", province=None, amount=None, informal: bool = False) -> QuerySet:
    """Approved funds with at least one open scheme that fits the filters."""
    schemes = selectors.open_schemes()
    if theme:
        schemes = schemes.filter(Q(themes__name=theme) | Q(organisation__themes__name=theme))
    if amount is not None:
        schemes = schemes.filter(
            Q(min_amount__isnull=True) | Q(min_amount__lte=amount),
            Q(max_amount__isnull=True) | Q(max_amount__gte=amount),
        )
    if informal:
        schemes = schemes.filter(requires_legal_entity=False)
    if province is not None:
        schemes = schemes.filter(
            _works_in_province(province, prefix="")
            | Q(scope="", organisation__in=_orgs_in(province))
        )
    funds = selectors.approved_organisations().filter(kind=Organisation.Kind.FUND)
    filtered = bool(theme or amount is not None or informal or province is not None)
    if filtered:
        funds = funds.filter(Exists(schemes.filter(organisation=OuterRef("pk"))))
    shown_schemes = schemes.distinct().order_by("name").prefetch_related("themes")
    return funds.prefetch_related(
        "themes", Prefetch("schemes", queryset=shown_schemes, to_attr="open_schemes")
    )


def _works_in_province(province, *, prefix: str) -> Q:
    """Scope national, or the province, or a municipality inside it."""
    return (
        Q(**{f"{prefix}scope": "national"})
        | Q(**{f"{prefix}scope": "provinces", f"{prefix}provinces": province})
        | Q(**{f"{prefix}scope": "municipalities", f"{prefix}municipalities__province": province})
    )


def _orgs_in(province) -> QuerySet:
    return Organisation.objects.filter(_works_in_province(province, prefix="")).values("pk")


def partner_search(*, theme: str = "", province=None, offers: str = "", kind: str = "") -> QuerySet:
    partners = selectors.approved_organisations().exclude(kind=Organisation.Kind.FUND)
    if theme:
        partners = partners.filter(themes__name=theme)
    if province is not None:
        partners = partners.filter(pk__in=_orgs_in(province))
    if offers:
        partners = partners.filter(
            Exists(Offer.objects.filter(organisation=OuterRef("pk"), kind=offers))
        )
    if kind:
        partners = partners.filter(kind=kind)
    return partners.prefetch_related("themes", "offers")
