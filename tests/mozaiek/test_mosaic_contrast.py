"""Every tile colour of the mosaic carries its text at ≥ 4.5:1 (WCAG 1.4.3), also under
the hatching of a divided block; axe cannot measure text on SVG shapes, so we do."""

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[2] / "static" / "css" / "mozaiek.css").read_text()
HATCH_DARKENING = 0.18  # the hatch pattern: rgba(0,0,0,.18) stripes (includes/mosaic.html)


def _colour(name: str) -> str:
    return re.search(rf"--mz-{name}:\s*(#[0-9a-fA-F]{{6}})", CSS).group(1)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _darkened(hex_colour: str) -> str:
    return "#" + "".join(
        f"{round(int(hex_colour[i : i + 2], 16) * (1 - HATCH_DARKENING)):02x}" for i in (1, 3, 5)
    )


def _text_colour(level: str) -> str:
    dark = re.search(r"\.mz-tile--attention text, \.mz-tile--none text \{ fill: (#\w+)", CSS)
    light = re.search(r"\.mz-tile text \{ fill: (#\w+)", CSS)
    found = (dark if level in ("attention", "none") else light).group(1)
    return "#" + "".join(c * 2 for c in found[1:]) if len(found) == 4 else found


@pytest.mark.parametrize("level", ["strong", "attention", "concern", "none"])
def test_it_gives_tile_text_enough_contrast(level):
    tile, text = _colour(level), _text_colour(level)
    assert _contrast(tile, text) >= 4.5
    assert _contrast(_darkened(tile), text) >= 4.5
