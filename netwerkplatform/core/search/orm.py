"""Turning a parsed query into database filters that mean the same on every database.

Stored terms are a text column " term term " (see ``analysis.as_stored``). A group of the
query matches when one of its alternatives has all its terms; all groups must match.
On SQLite that is ``LIKE '% term %'``; on PostgreSQL the same terms also sit in a
GIN-indexed tsvector ('simple' configuration: no further processing), queried with the
equivalent tsquery. Ranking uses the same expression on both.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from netwerkplatform.core.search.analysis import Query


def _has_term(field: str, term: str) -> Q:
    return Q(**{f"{field}__contains": f" {term} "})


def _group_q(field: str, group) -> Q:
    result = Q()
    for alternative in group:
        both = Q()
        for term in alternative:
            both &= _has_term(field, term)
        result |= both
    return result


def matches_q(query: Query, field: str) -> Q:
    """All groups of the query in this stored-terms column (portable LIKE version)."""
    result = Q()
    for group in query.groups:
        result &= _group_q(field, group)
    return result


def tsquery(query: Query) -> SearchQuery:
    """The same condition as ``matches_q`` as a raw 'simple' tsquery for PostgreSQL."""
    groups = []
    for group in query.groups:
        alternatives = ["(" + " & ".join(alt) + ")" for alt in group]
        groups.append("(" + " | ".join(alternatives) + ")")
    return SearchQuery(" & ".join(groups), config="simple", search_type="raw")


def filter_terms(
    queryset: QuerySet, query: Query, *, field: str, vector_field: str | None = None
) -> QuerySet:
    """Rows whose stored terms match; uses the tsvector on PostgreSQL when there is one."""
    if vector_field and connection.vendor == "postgresql":
        return queryset.filter(**{vector_field: tsquery(query)})
    return queryset.filter(matches_q(query, field))


def rank_expression(query: Query, *, title_field: str):
    """3 points for each query word found in the title terms, 1 for one found elsewhere."""
    parts = [
        Case(When(_group_q(title_field, group), then=Value(3)), default=Value(1))
        for group in query.groups
    ]
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return Coalesce(total, Value(0), output_field=IntegerField())
