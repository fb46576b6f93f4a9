"""Benchmark runner: ``python -m tests.bench [name]`` (``make bench [BENCH=name]``).

Each ``tests/bench/bench_<name>.py`` defines ``run(*, small: bool = False) -> dict``
returning ``{"<name>.<figure>": (value, "unit")}``. The runner migrates the database it is
given (make bench starts a throwaway PostgreSQL and Redis), runs the benchmarks, prints
each figure as ``name value unit`` and writes them all to bench-results.json.
"""

import importlib
import json
import os
import pkgutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def available() -> list[str]:
    folder = Path(__file__).parent
    return sorted(
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules([str(folder)])
        if m.name.startswith("bench_")
    )


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netwerkplatform.settings")
    # Benchmarks drive pages through Django's test client, whose host is "testserver".
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    if not settings.USES_POSTGRES:
        print("Benchmarks need PostgreSQL: run them with `make bench`.", file=sys.stderr)
        return 1
    wanted = argv or available()
    unknown = set(wanted) - set(available())
    if unknown:
        print(
            f"Unknown benchmark(s): {', '.join(sorted(unknown))}; have: {', '.join(available())}",
            file=sys.stderr,
        )
        return 2
    call_command("migrate", verbosity=0)
    out = ROOT / "bench-results.json"
    # Running some benchmarks keeps the figures of the others from an earlier run.
    results: dict[str, dict] = json.loads(out.read_text()) if argv and out.exists() else {}
    for name in wanted:
        module = importlib.import_module(f"tests.bench.bench_{name}")
        started = time.monotonic()
        figures = module.run()
        for figure, (value, unit) in figures.items():
            print(f"{figure} {value} {unit}", flush=True)
            results[figure] = {"value": value, "unit": unit}
        print(f"# {name} took {time.monotonic() - started:.1f} s", flush=True)
    out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
