#!/usr/bin/env python3
"""Write htmx attributes as valid HTML: ``hx-get="…"`` → ``data-hx-get="…"``.

htmx reads both spellings; only the ``data-`` one is valid HTML (the Nu Html Checker
reports every ``hx-*`` attribute). Rewrites, in place, the templates and any HTML
written in Python (widget attrs such as ``{"hx-get": ...}`` and literal markup). Run it
again after merging work that adds ``hx-*`` attributes; it changes nothing twice.

    python scripts/data_hx.py           # rewrite, list the files changed
    python scripts/data_hx.py --check   # exit 1 when something is left to rewrite
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {".venv", "staticfiles", "node_modules", ".cache", ".git", "vendor", "migrations"}
# An attribute in markup: whitespace, hx-name, then "=" (or the end of a bare attribute).
MARKUP = re.compile(r"(?<=\s)hx-([a-z][a-z-]*)(?=\s*=|[\s>/])")
# A key in a Python dict of widget attributes: "hx-name": / 'hx-name':
PY_KEY = re.compile(r"""(["'])hx-([a-z][a-z-]*)\1(?=\s*:)""")


def files() -> list[Path]:
    found = []
    for pattern in ("templates/**/*.html", "**/templates/**/*.html", "**/*.py"):
        for path in ROOT.glob(pattern):
            parts = set(path.relative_to(ROOT).parts)
            if parts & SKIP_DIRS or "tests" in parts or path.name == "data_hx.py":
                continue
            found.append(path)
    return sorted(set(found))


def rewrite(text: str, python: bool) -> str:
    if python:
        text = PY_KEY.sub(lambda m: f"{m.group(1)}data-hx-{m.group(2)}{m.group(1)}", text)
    return MARKUP.sub(r"data-hx-\1", text)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    changed = []
    for path in files():
        text = path.read_text(encoding="utf-8")
        new = rewrite(text, python=path.suffix == ".py")
        if new != text:
            changed.append(path.relative_to(ROOT))
            if not check:
                path.write_text(new, encoding="utf-8")
    for path in changed:
        print(path)
    if check and changed:
        print(f"{len(changed)} file(s) still use hx-* attributes: run scripts/data_hx.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
