"""`python -m tests.bench [name]`: run benchmarks (tests/bench/bench_<name>.py, each with
``main() -> {figure: (value, unit)}``) and write them all to bench-results.json."""

import importlib
import json
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    names = sorted(
        m.name[len("bench_") :]
        for m in pkgutil.iter_modules([str(here)])
        if m.name.startswith("bench_")
    )
    wanted = argv or names
    results: dict[str, dict] = {}
    out = Path("bench-results.json")
    if out.exists() and argv:
        results = json.loads(out.read_text())
    for name in wanted:
        module = importlib.import_module(f"tests.bench.bench_{name}")
        for figure, (value, unit) in module.main().items():
            results[figure] = {"value": value, "unit": unit}
    out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
