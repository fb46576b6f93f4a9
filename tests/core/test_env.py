import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from netwerkplatform.env import env_bool, env_int, env_list, env_str, env_url


@pytest.mark.parametrize("value", ["maybe", "2", "tru"])
def test_it_rejects_a_malformed_boolean_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv("NP_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="NP_FLAG"):
        env_bool("NP_FLAG", default=False)


@pytest.mark.parametrize(
    ("value", "expected"), [("true", True), ("OFF", False), ("1", True), ("no", False)]
)
def test_it_reads_booleans_in_the_usual_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("NP_FLAG", value)
    assert env_bool("NP_FLAG", default=not expected) is expected


def test_it_uses_the_default_when_the_variable_is_unset_or_blank(monkeypatch):
    monkeypatch.delenv("NP_NUMBER", raising=False)
    assert env_int("NP_NUMBER", 7) == 7
    monkeypatch.setenv("NP_NUMBER", "  ")
    assert env_int("NP_NUMBER", 7) == 7


def test_it_rejects_a_number_that_is_not_whole_or_too_small(monkeypatch):
    monkeypatch.setenv("NP_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="NP_NUMBER must be a whole number"):
        env_int("NP_NUMBER", 1)
    monkeypatch.setenv("NP_NUMBER", "-5")
    with pytest.raises(ImproperlyConfigured, match="NP_NUMBER must be at least 0"):
        env_int("NP_NUMBER", 1, minimum=0)


def test_it_rejects_a_list_with_an_empty_item(monkeypatch):
    monkeypatch.setenv("NP_HOSTS", "a.nl,,b.nl")
    with pytest.raises(ImproperlyConfigured, match="NP_HOSTS has an empty item"):
        env_list("NP_HOSTS", [])
    monkeypatch.setenv("NP_HOSTS", "a.nl, b.nl")
    assert env_list("NP_HOSTS", []) == ["a.nl", "b.nl"]


@pytest.mark.parametrize(
    "value", ["mysql://db/x", "postgres://host:notaport/db", "just-text", "redis://"]
)
def test_it_rejects_urls_with_a_wrong_scheme_port_or_host(monkeypatch, value):
    monkeypatch.setenv("NP_URL", value)
    with pytest.raises(ImproperlyConfigured, match="NP_URL"):
        env_url("NP_URL", schemes={"postgres", "redis"})


def test_it_requires_a_variable_without_default(monkeypatch):
    monkeypatch.delenv("NP_SECRET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="NP_SECRET"):
        env_str("NP_SECRET")


def _import_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import netwerkplatform.settings"],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_refuses_to_start_in_production_without_a_secret_key():
    result = _import_settings(DEBUG="false", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_names_the_variable_when_settings_get_a_bad_value():
    result = _import_settings(DATABASE_URL="mysql://db/netwerk")
    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_URL" in result.stderr


def test_it_starts_with_no_variables_at_all():
    assert _import_settings().returncode == 0
