"""The directories: initiatives (stored Dutch search terms) and organisations/schemes.

Every text goes through the one Dutch analysis in ``netwerkplatform.core.search``
(accents folded, compounds split, Snowball stems), so "moestuinen" finds "Buurtmoestuin"
and "cooperatie" finds "Energiecoöperatie". Initiatives store their terms (refreshed by
``services.initiative_search_refresh``), identically on SQLite and PostgreSQL;
PostgreSQL also keeps them in a GIN-indexed tsvector. Funds, partners and their schemes
are few, so they are matched in Python with the same analysis.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from taggit.models import TaggedItem

from initiatieven import selectors
from initiatieven.models import FundingScheme, Initiative, Need, Offer, Organisation
from netwerkplatform.core.search import as_stored, parse_query, terms
from netwerkplatform.core.search.orm import filter_terms, rank_expression
from netwerkplatform.core.search.places import place_text
from netwerkplatform.core.search.rows import matching_ids

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


def _grouped(rows) -> dict[int, list[str]]:
    result: dict[int, list[str]] = {}
    for key, text in rows:
        if text:
            result.setdefault(key, []).append(text)
    return result


def initiative_documents(ids: list[int]) -> list[tuple[int, str, str]]:
    """(id, all terms, title terms) per initiative, as stored for search.

    Title fields weigh more in the ranking: the name, the themes (curated and own) and
    the place (neighbourhood, municipality, province). The pitch, description, needs and
    offers are body text.
    """
    if not ids:
        return []
    content_type = ContentType.objects.get_for_model(Initiative)
    themes = _grouped(
        TaggedItem.objects.filter(content_type=content_type, object_id__in=ids).values_list(
            "object_id", "tag__name"
        )
    )
    needs = _grouped(
        Need.objects.filter(initiative_id__in=ids).values_list("initiative_id", "description")
    )
    offers = _grouped(
        Offer.objects.filter(initiative_id__in=ids).values_list("initiative_id", "description")
    )
    rows = Initiative.objects.filter(pk__in=ids).values_list(
        "pk",
        "name",
        "pitch",
        "description",
        "neighbourhood",
        "municipality__name",
        "municipality__province__name",
    )
    documents = []
    for pk, name, pitch, description, neighbourhood, municipality, province in rows:
        title = terms(
            " ".join([name, *themes.get(pk, []), neighbourhood, place_text(municipality, province)])
        )
        body = terms(" ".join([pitch, description, *needs.get(pk, []), *offers.get(pk, [])]))
        documents.append((pk, as_stored(title | body), as_stored(title)))
    return documents


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
    query = parse_query(q)
    if q.strip() and not query:
        return initiatives.none()  # only stop words: nothing to look for
    if query:
        initiatives = filter_terms(
            initiatives, query, field="search_terms", vector_field="search_vector"
        ).annotate(rank=rank_expression(query, title_field="search_title_terms"))
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
    if query and sort != "newest":
        initiatives = initiatives.order_by("-rank", "-created_at", "pk")
    else:
        initiatives = initiatives.order_by("-created_at", "pk")
    return initiatives.select_related("municipality__province").prefetch_related(
        "themes", _open_needs()
    )


def _by_text(queryset: QuerySet, ids: list[int]) -> QuerySet:
    """Only these rows, in this order (best match first)."""
    if not ids:
        return queryset.none()
    order = Case(
        *[When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)], output_field=IntegerField()
    )
    return queryset.filter(pk__in=ids).order_by(order, "pk")


def _organisation_rows(organisations: QuerySet) -> list[tuple[int, str, str]]:
    """(id, name and themes, description) per organisation: the name and themes weigh more."""
    content_type = ContentType.objects.get_for_model(Organisation)
    pks = list(organisations.values_list("pk", flat=True))
    themes = _grouped(
        TaggedItem.objects.filter(content_type=content_type, object_id__in=pks).values_list(
            "object_id", "tag__name"
        )
    )
    return [
        (pk, " ".join([name, *themes.get(pk, [])]), description)
        for pk, name, description in organisations.values_list("pk", "name", "description")
    ]


def _fund_ids_matching(query, funds: QuerySet, schemes: QuerySet) -> list[int]:
    """Funds whose own text or one of whose open schemes matches: a fund for "energie"
    is found through its "Energieregeling" too."""
    rows = _organisation_rows(funds)
    content_type = ContentType.objects.get_for_model(FundingScheme)
    scheme_rows = list(schemes.values_list("pk", "organisation_id", "name", "description"))
    scheme_themes = _grouped(
        TaggedItem.objects.filter(
            content_type=content_type, object_id__in=[row[0] for row in scheme_rows]
        ).values_list("object_id", "tag__name")
    )
    for pk, organisation_id, name, description in scheme_rows:
        rows.append((organisation_id, " ".join([name, *scheme_themes.get(pk, [])]), description))
    return matching_ids(rows, query)


def fund_search(
    *, q: str = "", theme: str = "", province=None, amount=None, informal: bool = False
) -> QuerySet:
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
    query = parse_query(q)
    if q.strip():
        funds = _by_text(funds, _fund_ids_matching(query, funds, shown_schemes) if query else [])
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


def partner_search(
    *, q: str = "", theme: str = "", province=None, offers: str = "", kind: str = ""
) -> QuerySet:
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
    query = parse_query(q)
    if q.strip():
        ids = []
        if query:
            rows = _organisation_rows(partners)
            rows += [
                (organisation_id, "", description)
                for organisation_id, description in Offer.objects.filter(
                    organisation__in=partners.values("pk")
                ).values_list("organisation_id", "description")
            ]
            ids = matching_ids(rows, query)
        partners = _by_text(partners, ids)
    return partners.prefetch_related("themes", "offers")
