"""Crawl every page kind as each role and measure what a Dutch public site must pass.

One crawl, four measures (issue 14): axe-core violations (WCAG 2.1 A/AA), Nu Html Checker
errors (vnu.jar, one Java process over all saved pages), pages that scroll sideways at
320 and 640 px, and English giveaway words in the Dutch UI. A *page kind* is a URL
pattern; each is visited once per role that can reach it by following links (plus the
token links people get by e-mail), so a new page is covered without editing a list. A
redirect (to the login page) or a 403/404 counts as the page shown, not the one asked
for. Some kinds are measured a second time in another state (``variants``: empty, no
results).

Also usable against a running server: ``python -m tests.e2e.quality http://127.0.0.1:8000``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
VNU_JAR = Path(
    os.environ.get("VNU_JAR", ROOT / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
)
WIDTHS = (320, 640)
START_PATHS = (
    "/",
    "/mijn/",
    "/mijn/account/",
    "/initiatieven/",
    "/fondsen/",
    "/partners/",
    "/bijeenkomsten/",
    "/bijeenkomsten/mijn/",
    "/matches/",
    "/mozaiek/",
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
    "/deze-pagina-bestaat-niet/",
)
# Not pages: downloads, actions, the admin (Django's own markup) and the language switch.
SKIP = re.compile(
    r"^/(beheer|i18n|static|media|health)/|/account/logout/|\.(ics|csv|xlsx|json|svg|png|pdf)$"
)
# Kinds whose content depends on who looks: visited once per role, the rest once overall.
PER_ROLE = {"core:mijn", "matching:index", "bijeenkomsten:mine", "mozaiek:index"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ENGLISH = re.compile(
    r"\b(the|and|with|your|Your|you|Please|please|Cancel|Save|Submit|Search|Error|required|"
    r"optional|Sign up|Password|password|This field|Enter a|Data|Uw|uw|"
    r"January|February|March|April|June|July|August|October|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    # Django's permission names and admin widgets left untranslated.
    r"Can (?:add|change|delete|view)|Hold down|Available|Chosen|Choose all|Remove all|Lookup)\b"
    # An abbreviated month after a day number: Dutch writes "16 dec", "3 mrt", "1 mei".
    r"|\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
    # September, November and December are Dutch too, capitalised at the start of a label
    # ("December 2026" in the admin's date filter); next to a day number they are English.
    r"|\b\d{1,2} (?:September|November|December)\b|\b(?:September|November|December) \d{1,2}\b"
)
VISIBLE_DUTCH_TEXT = """() => {
  const clone = document.body.cloneNode(true);
  clone.querySelectorAll('script, style, template, [lang]:not([lang="nl"])')
    .forEach((el) => el.remove());
  return clone.textContent.replace(/\\s+/g, ' ');
}"""


@dataclass
class Visit:
    role: str
    url: str
    kind: str
    status: int
    axe: list[str] = field(default_factory=list)
    sideways: list[int] = field(default_factory=list)
    english: list[str] = field(default_factory=list)
    html_file: Path | None = None


@dataclass
class Crawl:
    visits: list[Visit] = field(default_factory=list)
    nu_errors: list[str] | None = None  # None: the Nu Html Checker did not run

    @property
    def axe_violations(self) -> list[str]:
        return [f"{v.role} {v.url}: {a}" for v in self.visits for a in v.axe]

    @property
    def sideways(self) -> list[str]:
        return [f"{v.role} {v.url} at {w}px" for v in self.visits for w in v.sideways]

    @property
    def english(self) -> list[str]:
        return [f"{v.role} {v.url}: {', '.join(v.english)}" for v in self.visits if v.english]

    @property
    def server_errors(self) -> list[str]:
        return [f"{v.role} {v.url}: {v.status}" for v in self.visits if v.status >= 500]

    def summary(self) -> str:
        kinds = {v.kind for v in self.visits}
        return (
            f"pages {len(self.visits)} (page kinds {len(kinds)}); "
            f"axe violations {len(self.axe_violations)}; "
            f"Nu errors {'not run' if self.nu_errors is None else len(self.nu_errors)}; "
            f"sideways at 320/640 px {len(self.sideways)}; English words {len(self.english)}"
        )


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def page_kind(path: str) -> str | None:
    from django.urls import Resolver404, resolve

    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return "404"
    return match.view_name


def _internal_paths(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    paths = []
    for href in parser.hrefs:
        href = urldefrag(href)[0]
        parts = urlsplit(href)
        if parts.netloc and not parts.netloc.startswith(("127.0.0.1", "localhost")):
            continue
        if parts.scheme and parts.scheme not in ("http", "https"):
            continue
        if not parts.path.startswith("/") or SKIP.search(parts.path):
            continue
        paths.append(parts.path)
    return paths


def visit(page, role: str, path: str, kind: str, out_dir: Path, n: int) -> Visit:
    response = page.goto(path, wait_until="load")
    status = response.status if response else 0
    result = Visit(role=role, url=path, kind=kind, status=status)
    if not response or "text/html" not in response.headers.get("content-type", ""):
        return result
    result.html_file = out_dir / f"{n:03d}.html"
    result.html_file.write_text(response.text(), encoding="utf-8")
    page.add_script_tag(path=str(AXE_JS))
    found = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']}).then((r) => r.violations.map("
        " (v) => v.id + ' ' + v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')))",
        AXE_TAGS,
    )
    result.axe = list(found)
    result.english = english_words(page)
    viewport = page.viewport_size
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 1:
            result.sideways.append(width)
    page.set_viewport_size(viewport)
    return result


def _log_in(page, email: str, password: str) -> None:
    page.goto("/account/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main button[type=submit]").first.click()
    page.wait_for_load_state("load")


def english_words(page, extra: re.Pattern | None = None) -> list[str]:
    """The English giveaway words in the page's visible Dutch text (and ``extra``'s)."""
    text = page.evaluate(VISIBLE_DUTCH_TEXT)
    found = {m.group(0) for pattern in (ENGLISH, extra) if pattern for m in pattern.finditer(text)}
    return sorted(found)


def dutch_check(
    browser, base_url: str, login: tuple[str, str], paths: list[str], extra=None
) -> list[str]:
    """Only the Dutch-words measure, for pages whose markup is not ours (Django's admin):
    one line per page that shows English (``ENGLISH`` or ``extra``) or does not open."""
    context = browser.new_context(base_url=base_url, locale="nl-NL")
    context.set_default_timeout(30_000)
    page = context.new_page()
    _log_in(page, *login)
    found = []
    for path in paths:
        response = page.goto(path, wait_until="load")
        if not response or response.status >= 400:
            found.append(f"{path}: status {response.status if response else 0}")
            continue
        words = english_words(page, extra)
        if words:
            found.append(f"{path}: {', '.join(words)}")
    context.close()
    return found


def html_page_names(exclude) -> set[str]:
    """Every URL name a person can open as a page: all named patterns of every urls.py
    (allauth's included), except Django's admin and the names in ``exclude`` (not
    HTML: downloads, redirects, POST-only actions)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def names(resolver, namespace=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace == "admin":
                    continue
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from names(entry, inner)
            elif isinstance(entry, URLPattern) and entry.name:
                yield f"{namespace}{entry.name}"

    return set(names(get_resolver())) - set(exclude)


def _landed_kind(page, path: str, status: int) -> str | None:
    """The kind of page actually shown when it is not the one asked for: the login page
    (or any other) after a redirect, or the 403/404 page; None when it is."""
    if status in (403, 404):
        return str(status)
    landed = urlsplit(page.url).path
    return page_kind(landed) if landed != urlsplit(path).path else None


def crawl(
    browser,
    base_url: str,
    logins: list[tuple[str, str, str]],
    extra_paths: list[str],
    out_dir,
    run_nu: bool = True,
    hubs: dict[str, list[str]] | None = None,
    variants: dict[str, str] | None = None,
) -> Crawl:
    """``logins``: (role, e-mail, password); role "anoniem" with no e-mail is anonymous.
    ``hubs``: per role, pages of its own (its initiative, fund, event) to look for links on
    even when that page kind was measured already. ``variants``: path -> a name for a
    second state of a page kind measured on its own (its empty state, a form's error
    page), e.g. ``{"/bijeenkomsten/leeg/badges/": "leeg"}``.

    Long because it is one walk: log in, visit, measure, in that order for every role.
    """
    hubs = hubs or {}
    variants = variants or {}
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    result = Crawl()
    seen_kinds: set[str] = set()
    for role, email, password in logins:
        # axe-core is injected as a script, which the site's CSP rightly forbids; the
        # CSP itself is checked page by page in test_csp.py.
        context = browser.new_context(
            base_url=base_url,
            viewport={"width": 1024, "height": 800},
            locale="nl-NL",
            bypass_csp=True,
        )
        context.set_default_timeout(30_000)
        page = context.new_page()
        if email:
            _log_in(page, email, password)
        queue = deque([*START_PATHS, *hubs.get(role, []), *extra_paths])
        seen_paths: set[str] = set()
        role_kinds: set[str] = set()
        while queue:
            path = queue.popleft()
            if path in seen_paths:
                continue
            seen_paths.add(path)
            kind = page_kind(path)
            if path in variants:
                kind = f"{kind} ({variants[path]})"
            if kind in role_kinds:
                continue
            role_kinds.add(kind)
            key = f"{role}:{kind}" if kind in PER_ROLE else kind
            if key in seen_kinds:
                # Measured already; on the role's own things, look for the links it sees
                # there (edit, team, dashboard, ...).
                if path in hubs.get(role, ()):
                    response = page.request.get(path)
                    if "text/html" in response.headers.get("content-type", ""):
                        queue.extend(_internal_paths(response.text()))
                continue
            seen_kinds.add(key)
            found = visit(page, role, path, kind, out_dir, len(result.visits))
            landed = _landed_kind(page, path, found.status)
            if landed:
                # Sent to the login page or turned away: that is not this kind's page,
                # which a later role (one allowed to see it) measures instead.
                seen_kinds.discard(key)
                role_kinds.discard(kind)
                if landed in seen_kinds:
                    continue
                seen_kinds.add(landed)
                found.kind = landed
            result.visits.append(found)
            if found.html_file:
                queue.extend(_internal_paths(found.html_file.read_text(encoding="utf-8")))
        context.close()
    if not run_nu:
        return result
    urls = {v.html_file.name: f"{v.role} {v.url}" for v in result.visits if v.html_file}
    result.nu_errors = [
        f"{urls.get(name, name)}{rest}"
        for name, rest in (
            error.split(":", 1) for error in run_vnu([out_dir / name for name in urls])
        )
    ]
    return result


def nu_available() -> bool:
    return bool(shutil.which("java")) and VNU_JAR.exists()


def run_vnu(files: list[Path]) -> list[str]:
    java = shutil.which("java")
    if not java or not VNU_JAR.exists():
        raise FileNotFoundError(
            f"Nu Html Checker needs java and {VNU_JAR}: run .ci/run's tool step "
            "(apt-get install default-jre-headless; npm install vnu-jar into .cache/vnu)"
        )
    done = subprocess.run(
        [
            java,
            "-Xss1m",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    return [
        f"{Path(m.get('url', '')).name}: line {m.get('lastLine', '?')}: {m.get('message')}"
        for m in messages
        if m.get("type") == "error"
    ]


if __name__ == "__main__":  # pragma: no cover - a tool for looking at a running server
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netwerkplatform.settings")
    django.setup()
    from playwright.sync_api import sync_playwright

    from netwerkplatform.core.demo import DEMO_PASSWORD
    from tests.e2e.conftest import CHROMIUM, CHROMIUM_FLAGS

    base = sys.argv[1]
    people = [("anoniem", "", "")] + [
        (email.split("@")[0], email, DEMO_PASSWORD) for email in sys.argv[2:]
    ]
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        outcome = crawl(chromium, base, people, [], "/tmp/quality-crawl")
        chromium.close()
    found = outcome.axe_violations + (outcome.nu_errors or []) + outcome.sideways + outcome.english
    for line in found:
        print(line)
    for v in outcome.visits:
        print("visited", v.status, v.role, v.url, v.kind)
    print(outcome.summary())
