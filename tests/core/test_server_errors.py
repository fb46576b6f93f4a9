"""An unreachable database is an outage (503, try again), any other error a 500."""

from django.db import OperationalError

from netwerkplatform.core.views import server_error


def test_it_answers_503_with_retry_after_when_the_database_is_unreachable(rf):
    try:
        raise OperationalError("connection to server at 127.0.0.1 failed")
    except OperationalError:
        response = server_error(rf.get("/initiatieven/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Het platform is zo weer terug" in response.content.decode()


def test_it_answers_500_for_any_other_error(rf):
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/initiatieven/"))
    assert response.status_code == 500
    assert "Retry-After" not in response
