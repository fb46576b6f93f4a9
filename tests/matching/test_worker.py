"""Two real Celery workers on Redis share one full run, chunk by chunk."""

import time

import pytest

from matching.models import Match, MatchRun
from netwerkplatform.celery import app as celery_app
from tests.celery_worker import running_worker
from tests.initiatieven.factories import FundingSchemeFactory, InitiativeFactory, NeedFactory
from tests.matching.places import ensure_places

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_it_shares_a_full_run_between_two_real_workers(real_broker):
    ensure_places()
    initiatives = [InitiativeFactory(themes=["wonen"]) for _ in range(12)]
    for initiative in initiatives:  # a fund only suits initiatives that ask for money
        NeedFactory(initiative=initiative, kind="money", amount=2000)
    FundingSchemeFactory(themes=["wonen"])
    from matching.tasks import full_run

    with running_worker(name="matching-a"), running_worker(name="matching-b"):
        celery_app.conf.task_always_eager = False
        full_run.delay(chunk_size=2)
        deadline = time.monotonic() + 90
        run = None
        while time.monotonic() < deadline:
            run = MatchRun.objects.filter(kind="full").first()
            if run and run.finished_at:
                break
            time.sleep(0.3)
    assert run is not None and run.status == "succeeded", run and run.error
    assert run.chunks_done == run.chunks_total >= 6
    workers = {chunk.scope["worker"].split("@")[0] for chunk in run.chunks.all()}
    assert workers == {"matching-a", "matching-b"}
    assert set(Match.objects.filter(kind="scheme").values_list("initiative_id", flat=True)) == {
        i.pk for i in initiatives
    }
