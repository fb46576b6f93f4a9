import pytest

from netwerkplatform.core import health
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_reports_healthy_when_everything_is_up(client):
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}


def test_it_answers_503_naming_the_failing_part(client, monkeypatch):
    def broken():
        raise ConnectionError("no route")

    monkeypatch.setitem(health.CHECKS, "cache", broken)
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["cache"]
    assert body["checks"]["cache"] == "error: ConnectionError"
    assert body["checks"]["database"] == "ok"


def test_it_reaches_the_real_broker_when_one_is_configured(settings):
    if settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("no broker configured (embedded defaults)")
    health.check_broker()  # raises when Redis is unreachable
