"""Keyboard users see where they are on a date or time input (issue 14): Chromium makes
the calendar button inside the input a focus stop of its own, after the day, month, year
(and hour, minute) parts; tabbing onto it must show a clear outline.

The button lives in the input's closed user-agent shadow tree, out of reach of page
scripts, so its computed style is read through the DevTools protocol.
"""

import pytest

from tests.core.factories import UserFactory
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

INDICATOR = "-webkit-calendar-picker-indicator"


def _indicator_outline(page, cdp, input_index: int) -> dict[str, str]:
    """The outline of the calendar button of the ``input_index``-th date/time input."""
    root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    found = []

    def walk(node):
        attributes = node.get("attributes", [])
        pairs = dict(zip(attributes[::2], attributes[1::2], strict=True))
        if pairs.get("pseudo") == INDICATOR:
            found.append(node["nodeId"])
        for child in node.get("children", []) + node.get("shadowRoots", []):
            walk(child)

    walk(root)
    style = cdp.send("CSS.getComputedStyleForNode", {"nodeId": found[input_index]})
    return {p["name"]: p["value"] for p in style["computedStyle"]}


def _contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two ``rgb(...)``/``rgba(...)`` colours."""

    def luminance(colour: str) -> float:
        channels = [float(c) / 255 for c in colour[colour.index("(") + 1 : -1].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(first), luminance(second)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_it_outlines_the_calendar_button_of_a_date_time_input_on_tab(page):
    log_in(page, UserFactory(verified=True))
    page.goto("/bijeenkomsten/nieuw/")
    field = page.locator("input[type=datetime-local]").first
    index = page.locator("input[type=date], input[type=datetime-local], input[type=time]")
    position = index.evaluate_all("(all, first) => all.indexOf(first)", field.element_handle())
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    before = _indicator_outline(page, cdp, position)
    field.focus()

    outlines = []  # the button's outline after each Tab, while focus stays in the input
    for _ in range(8):
        page.keyboard.press("Tab")
        if not field.evaluate("(el) => el === document.activeElement"):
            break
        outlines.append(_indicator_outline(page, cdp, position))

    assert before["outline-style"] == "none"
    shown = [o for o in outlines if o["outline-style"] not in ("none", "hidden")]
    assert shown, "tabbing through the input never outlined its calendar button"
    outline = shown[-1]
    assert float(outline["outline-width"].removesuffix("px")) >= 3, outline["outline-width"]
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert _contrast(outline["outline-color"], background) >= 3, outline["outline-color"]
