import datetime

import pytest
from django.core import mail
from freezegun import freeze_time

from initiatieven.mozaiek import services, tasks
from initiatieven.mozaiek.models import Invitation, Response
from tests.mozaiek.factories import AssessmentFactory, InvitationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation():
    with freeze_time("2026-03-01 10:00"):
        assessment = AssessmentFactory(deadline=datetime.date(2026, 3, 31))
        return InvitationFactory(assessment=assessment)


def _run(when, django_capture_on_commit_callbacks):
    with freeze_time(when), django_capture_on_commit_callbacks(execute=True):
        tasks.send_due_reminders()


def test_it_waits_three_days_after_the_invitation(invitation, django_capture_on_commit_callbacks):
    _run("2026-03-03 10:00", django_capture_on_commit_callbacks)
    assert mail.outbox == []
    _run("2026-03-04 10:00", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1 and invitation.token in mail.outbox[0].body


def test_it_sends_at_most_two_reminders_three_days_apart(
    invitation, django_capture_on_commit_callbacks
):
    for day in ("04", "05", "06", "07", "10", "13", "20"):
        _run(f"2026-03-{day} 10:00", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert Invitation.objects.get(pk=invitation.pk).reminders_sent == 2


def test_it_sends_nothing_twice_when_the_task_reruns(
    invitation, django_capture_on_commit_callbacks
):
    _run("2026-03-04 10:00", django_capture_on_commit_callbacks)
    _run("2026-03-04 10:05", django_capture_on_commit_callbacks)
    with freeze_time("2026-03-04 10:06"):
        assert services.invitation_remind(invitation_id=invitation.pk) is False
    assert len(mail.outbox) == 1


def test_it_stops_reminding_after_submission(invitation, django_capture_on_commit_callbacks):
    Response.objects.create(
        invitation=invitation,
        assessment=invitation.assessment,
        submitted_at=datetime.datetime(2026, 3, 2, tzinfo=datetime.UTC),
    )
    _run("2026-03-05 10:00", django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_it_stops_reminding_after_the_deadline(django_capture_on_commit_callbacks):
    with freeze_time("2026-03-01 10:00"):
        InvitationFactory(assessment=AssessmentFactory(deadline=datetime.date(2026, 3, 3)))
    _run("2026-03-04 10:00", django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_it_stops_reminding_when_the_round_is_closed(
    invitation, django_capture_on_commit_callbacks
):
    invitation.assessment.status = "closed"
    invitation.assessment.save()
    _run("2026-03-05 10:00", django_capture_on_commit_callbacks)
    assert mail.outbox == []
