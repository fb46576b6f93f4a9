"""Incremental runs after saves in initiatieven, which announces them with Django's own
signals and never imports matching (DESIGN.md, convention 10).

The run is enqueued on commit, so it sees the saved rows and nothing that rolled back.
Handlers only enqueue: the logic lives in ``matching.engine``.
"""

from django.db.models.signals import post_delete, post_save

from initiatieven.models import FundingScheme, Initiative, Need, Offer, Organisation
from netwerkplatform.core import outbox


def _enqueue(**ids) -> None:
    from matching.tasks import incremental_run

    outbox.enqueue(incremental_run, **ids)


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
