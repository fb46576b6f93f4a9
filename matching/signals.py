"""Incremental runs after saves in initiatieven, which announces them with Django's own
signals and never imports matching (DESIGN.md, convention 10).

The run is enqueued on commit, so it sees the saved rows and nothing that rolled back.
One transaction enqueues one run: saving an initiative with two needs and an offer
fires four signals, whose ids are collected and sent together when it commits.
Handlers only enqueue: the logic lives in ``matching.engine``.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from initiatieven.models import FundingScheme, Initiative, Need, Offer, Organisation

ID_KINDS = ("initiative_ids", "scheme_ids", "partner_ids")


def _send(pending: dict) -> None:
    from matching.tasks import incremental_run

    incremental_run.delay(**{kind: sorted(pending[kind]) for kind in ID_KINDS})


def _enqueue(**ids) -> None:
    """Add ids to this transaction's collection; the first of its on-commit callbacks to
    run sends them all as one run, the others find nothing left to send.

    A collection whose callbacks were all dropped (its savepoint rolled back) is
    abandoned. Ids saved in a rolled-back savepoint of a transaction that commits still
    ride along: harmless, the run re-reads them and finds them unchanged or gone.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:  # autocommit: this save is its own transaction
        _send({kind: set(ids.get(kind, ())) for kind in ID_KINDS})
        return
    pending = getattr(connection, "_matching_pending", None)
    alive = (
        pending is not None
        and not pending["sent"]
        and any(
            entry[1] is callback
            for entry in connection.run_on_commit
            for callback in pending["callbacks"]
        )
    )
    if not alive:
        pending = {kind: set() for kind in ID_KINDS}
        pending.update(sent=False, callbacks=[])
        connection._matching_pending = pending
    for kind in ID_KINDS:
        pending[kind].update(ids.get(kind, ()))

    def flush(pending=pending):
        if pending["sent"]:
            return
        pending["sent"] = True
        if getattr(connection, "_matching_pending", None) is pending:
            connection._matching_pending = None
        _send(pending)

    pending["callbacks"].append(flush)
    transaction.on_commit(flush)


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
