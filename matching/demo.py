"""Demo: run a full match over whatever demo initiatives and funds were loaded before us
(initiatieven's loader runs earlier). Idempotent, like every run."""

from matching import engine


def load() -> list[tuple[str, str]]:
    engine.full_run()
    return []
