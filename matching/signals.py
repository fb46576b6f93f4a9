"""Incremental runs after saves in initiatieven, which announces them with Django's own
signals and never imports matching (DESIGN.md, convention 10).

One transaction enqueues one run: saving an initiative with two needs and an offer
fires four signals, whose ids are collected into a single outbox row (written in that
same transaction, so the run exists exactly when the change commits, and is relayed
even if the broker was down at that moment). The run sees the saved rows and nothing
that rolled back. Handlers only enqueue: the logic lives in ``matching.engine``.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from initiatieven.models import FundingScheme, Initiative, Need, Offer, Organisation
from matching.tasks import incremental_run
from netwerkplatform.core import outbox
from netwerkplatform.core.models import OutboxMessage

ID_KINDS = ("initiative_ids", "scheme_ids", "partner_ids")


def _kwargs(ids: dict) -> dict:
    return {kind: sorted(set(ids.get(kind, ()))) for kind in ID_KINDS}


def _still_pending(pending: dict | None) -> bool:
    """Whether this transaction's outbox row still exists unpublished: it is gone when
    its savepoint rolled back, and published once its transaction committed."""
    return (
        pending is not None
        and OutboxMessage.objects.filter(
            pk=pending["message"], key=pending["key"], published_at__isnull=True
        ).exists()
    )


def _enqueue(**ids) -> None:
    """Add ids to this transaction's one outbox row (created by the first save).

    Ids saved in a rolled-back savepoint of a transaction that commits may ride along:
    harmless, the run re-reads them and finds them unchanged or gone.
    """

    connection = transaction.get_connection()
    if not connection.in_atomic_block:  # autocommit: this save is its own transaction
        outbox.enqueue(incremental_run, **_kwargs(ids))
        return
    pending = getattr(connection, "_matching_pending", None)
    if not _still_pending(pending):
        message = outbox.enqueue(incremental_run, **_kwargs(ids))
        pending = {"message": message.pk, "key": message.key, **_kwargs(ids)}
        connection._matching_pending = pending
        transaction.on_commit(lambda: setattr(connection, "_matching_pending", None))
        return
    for kind in ID_KINDS:
        pending[kind] = sorted(set(pending[kind]) | set(ids.get(kind, ())))
    OutboxMessage.objects.filter(pk=pending["message"]).update(
        kwargs={kind: pending[kind] for kind in ID_KINDS}
    )
    # Relaying is idempotent (the row is claimed once): whichever on-commit callback runs
    # first publishes the row with every id collected so far.
    transaction.on_commit(lambda pk=pending["message"]: outbox.relay(pk))


def _initiative_changed(sender, instance, **kwargs):
    _enqueue(initiative_ids=[instance.pk])


def _need_changed(sender, instance, **kwargs):
    _enqueue(initiative_ids=[instance.initiative_id])


def _offer_changed(sender, instance, **kwargs):
    if instance.initiative_id:
        _enqueue(initiative_ids=[instance.initiative_id])
    elif instance.organisation_id:
        _enqueue(partner_ids=[instance.organisation_id])


def _scheme_changed(sender, instance, **kwargs):
    _enqueue(scheme_ids=[instance.pk])


def _organisation_changed(sender, instance, created=False, **kwargs):
    """Approval or a new region changes what its schemes and offers reach."""
    if created:
        return
    scheme_ids = list(instance.schemes.values_list("pk", flat=True))
    _enqueue(scheme_ids=scheme_ids, partner_ids=[instance.pk])


def connect() -> None:
    post_save.connect(_initiative_changed, sender=Initiative, dispatch_uid="matching-initiative")
    for sender, handler in ((Need, _need_changed), (Offer, _offer_changed)):
        post_save.connect(handler, sender=sender, dispatch_uid=f"matching-{sender.__name__}")
        post_delete.connect(handler, sender=sender, dispatch_uid=f"matching-del-{sender.__name__}")
    post_save.connect(_scheme_changed, sender=FundingScheme, dispatch_uid="matching-scheme")
    post_delete.connect(_scheme_changed, sender=FundingScheme, dispatch_uid="matching-del-scheme")
    post_save.connect(_organisation_changed, sender=Organisation, dispatch_uid="matching-org")
