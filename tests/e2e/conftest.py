"""Browser journeys: Playwright driving Debian's Chromium against Django's live server.

Screenshots of failing journeys land in test-artifacts/ (CI keeps them in its log dir).
"""

import os
import re
from pathlib import Path

import pytest
from django.core import mail

from tests.browser import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402,F401 - used by the journeys

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Playwright's sync API runs an event loop in this thread; Django's ORM guard would
# then refuse the test's own database calls, which are safe here (one thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        page = item.funcargs.get("page")
        if page is not None:
            ARTIFACTS.mkdir(exist_ok=True)
            with_name = re.sub(r"[^\w.-]", "_", item.nodeid)
            page.screenshot(path=str(ARTIFACTS / f"{with_name}.png"), full_page=True)


@pytest.fixture
def page(browser, live_server, settings):
    """A fresh browser context on a phone-sized screen, pointed at the live server."""
    settings.ALLOWED_HOSTS = ["*"]
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="nl-NL"
    )
    # Generous: a loaded 2-core CI machine can take several seconds for a page.
    context.set_default_timeout(30_000)
    context.set_default_navigation_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


def log_in(page, person) -> None:
    """Log in through the form with the factories' password (``person``: a user or an
    e-mail address) and wait for "Mijn overzicht", where logging in lands."""
    from tests.core.factories import DEFAULT_PASSWORD

    page.goto("/account/login/")
    page.get_by_label("E-mailadres").fill(getattr(person, "email", person))
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/mijn/")


def log_out(page) -> None:
    page.get_by_role("button", name="Uitloggen").first.click()


def link_in_mail(pattern: str) -> str:
    """The first URL in the outbox matching ``pattern`` (newest mail first)."""
    for message in reversed(mail.outbox):
        for url in re.findall(r"https?://\S+", message.body):
            if re.search(pattern, url):
                return url
    raise AssertionError(f"no link matching {pattern!r} in {len(mail.outbox)} e-mails")


def code_in_mail() -> str:
    """The login code of allauth's newest "sign-in code" e-mail."""
    for message in reversed(mail.outbox):
        found = re.search(r"^\s*([0-9]{6})\s*$", message.body, re.MULTILINE)
        if found:
            return found.group(1)
    raise AssertionError("no login code in the outbox")
