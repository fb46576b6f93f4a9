"""Registering, changing and publishing initiatives with their needs and offers."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from initiatieven.models import (
    Initiative,
    Membership,
    Need,
    Offer,
)
from initiatieven.search import initiative_documents
from initiatieven.services.common import (
    InitiativeError,
    ResourceRow,
    can_edit_initiative,
    require_verified,
    unique_slug,
)
from netwerkplatform.core.models import User

_PG_WRITE_SQL = """
UPDATE initiatieven_initiative AS i
   SET search_terms = v.terms, search_title_terms = v.title,
       search_vector = to_tsvector('simple', v.terms)
  FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS v(id, terms, title)
 WHERE i.id = v.id
"""


def initiative_search_refresh(*, ids: list[int]) -> None:
    """Recompute the stored search terms of these initiatives (see initiatieven.search).

    Done here, after the related rows are saved, rather than in a trigger or ``save()``:
    themes, needs and offers live in other tables and are only complete at this point.
    The terms come from the Python analysis, so SQLite and PostgreSQL store the same ones.
    """

    ids = list(ids)
    for begin in range(0, len(ids), 5000):
        documents = initiative_documents(ids[begin : begin + 5000])
        if not documents:
            continue
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    _PG_WRITE_SQL,
                    [
                        [pk for pk, _terms, _title in documents],
                        [terms for _pk, terms, _title in documents],
                        [title for _pk, _terms, title in documents],
                    ],
                )
        else:
            Initiative.objects.bulk_update(
                [
                    Initiative(pk=pk, search_terms=terms, search_title_terms=title)
                    for pk, terms, title in documents
                ],
                ["search_terms", "search_title_terms"],
                batch_size=500,
            )


# --- initiatives --------------------------------------------------------------------


def _save_rows(
    initiative: Initiative, *, needs: list[ResourceRow], offers: list[ResourceRow]
) -> None:
    for row in needs:
        if row.id:
            need = Need.objects.filter(initiative=initiative, pk=row.id).first()
            if need is None:
                continue
            if row.delete:
                need.delete()
                continue
        elif row.delete:
            continue
        else:
            need = Need(initiative=initiative)
        need.kind, need.description, need.status = row.kind, row.description, row.status
        need.amount = row.amount if row.kind == "money" else None
        need.save()
    for row in offers:
        if row.id:
            offer = Offer.objects.filter(initiative=initiative, pk=row.id).first()
            if offer is None:
                continue
            if row.delete:
                offer.delete()
                continue
        elif row.delete:
            continue
        else:
            offer = Offer(initiative=initiative)
        offer.kind, offer.description = row.kind, row.description
        offer.save()


@transaction.atomic
def initiative_create(
    *,
    user: User,
    fields: dict[str, Any],
    themes: list[str],
    needs: list[ResourceRow] = (),
    offers: list[ResourceRow] = (),
) -> Initiative:
    """Register an initiative; its creator becomes its initiator."""
    require_verified(user)
    initiative = Initiative(**fields, created_by=user)
    initiative.slug = unique_slug(Initiative, initiative.name)
    initiative.full_clean(exclude=["search_vector", "search_terms", "search_title_terms"])
    initiative.save()
    initiative.themes.set(themes)
    Membership.objects.create(
        initiative=initiative, user=user, role=Membership.Role.INITIATOR, show_on_profile=True
    )
    _save_rows(initiative, needs=list(needs), offers=list(offers))
    initiative_search_refresh(ids=[initiative.pk])
    return initiative


@transaction.atomic
def initiative_update(
    *,
    user: User,
    initiative: Initiative,
    fields: dict[str, Any],
    themes: list[str],
    needs: list[ResourceRow] = (),
    offers: list[ResourceRow] = (),
) -> Initiative:
    if not can_edit_initiative(user, initiative):
        raise InitiativeError(
            _("Only the initiators and the core team can change this initiative.")
        )
    for name, value in fields.items():
        setattr(initiative, name, value)
    initiative.full_clean(exclude=["search_vector", "search_terms", "search_title_terms", "slug"])
    initiative.save()
    initiative.themes.set(themes)
    _save_rows(initiative, needs=list(needs), offers=list(offers))
    initiative_search_refresh(ids=[initiative.pk])
    return initiative


def initiative_set_visibility(*, user: User, initiative: Initiative, visibility: str) -> Initiative:
    if not can_edit_initiative(user, initiative):
        raise InitiativeError(
            _("Only the initiators and the core team can publish this initiative.")
        )
    if visibility == Initiative.Visibility.PUBLIC and not user.has_verified_email:
        raise InitiativeError(_("Confirm your e-mail address first; then you can publish."))
    initiative.visibility = visibility
    initiative.save(update_fields=["visibility", "updated_at"])
    return initiative
