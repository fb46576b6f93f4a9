"""Two beat processes by mistake: each periodic task arrives twice at the same moment, and
both beats relay the outbox. Reminders, evaluation invitations and digests still reach
each person once."""

import collections
import time

from matching.engine import full_run
from matching.engine.corpus import set_corpus
from netwerkplatform.celery import app as celery_app
from tests.bijeenkomsten.factories import EventFactory, _in_days
from tests.core.factories import UserFactory
from tests.initiatieven.factories import FundingSchemeFactory, InitiativeFactory
from tests.matching.places import ensure_places
from tests.stack.harness import wait_until

PERIODIC = [
    "bijeenkomsten.tasks.send_reminders",
    "bijeenkomsten.tasks.invite_evaluations",
    "matching.tasks.weekly_digest",
]


def _registered(event, people):
    from bijeenkomsten.models import Registration

    for person in people:
        Registration.objects.create(event=event, user=person, status="confirmed")


def test_it_sends_each_periodic_mail_once_per_person_with_two_beats(stack):
    ensure_places()
    tomorrow = EventFactory(starts_at=_in_days(1, 13), title="Leerkring morgen")
    yesterday = EventFactory(starts_at=_in_days(-1, 13), title="Beursvloer gisteren")
    coming = [UserFactory(verified=True) for _ in range(5)]
    came = [UserFactory(verified=True) for _ in range(5)]
    _registered(tomorrow, coming)
    _registered(yesterday, came)
    teams = [UserFactory(verified=True) for _ in range(4)]
    for person in teams:
        InitiativeFactory(themes=["wonen"], initiator=person)
    FundingSchemeFactory(themes=["wonen"])
    set_corpus(None)
    full_run()

    stack.start("worker")
    stack.start("beat", name="beat-1")
    stack.start("beat", name="beat-2")
    wait_until(lambda: "ready" in stack.log("worker"), seconds=60, what="the worker")
    celery_app.conf.task_always_eager = False
    with celery_app.connection_for_write(stack.redis.url) as connection:
        for _beat in range(2):
            for name in PERIODIC:
                celery_app.send_task(name, connection=connection)

    expected = (
        {(p.email, "reminder") for p in coming}
        | {(p.email, "evaluation") for p in came}
        | {(p.email, "digest") for p in teams}
    )

    def kind(subject: str) -> str:
        if "Leerkring morgen" in subject:
            return "reminder"
        if "Beursvloer gisteren" in subject:
            return "evaluation"
        return "digest"

    def received():
        return collections.Counter(
            (str(m["To"]), kind(str(m["Subject"]))) for m in stack.smtp.messages
        )

    wait_until(
        lambda: expected <= set(received()),
        seconds=90,
        what=f"every periodic mail\n{stack.log('worker')}",
    )
    time.sleep(4)  # duplicates would arrive now (both beats relay every second)
    counts = received()
    assert set(counts) == expected
    assert set(counts.values()) == {1}
