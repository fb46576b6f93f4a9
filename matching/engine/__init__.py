"""The matching engine: score blocks of initiatives against everything, keep the top 10.

Split by responsibility:
- ``scoring``: the rules (hard rules, weights, reasons, learning from declines), pure;
- ``corpus``: the data as matrices, one per process, kept in memory between runs;
- ``scorers``: the block scorers (matrix arithmetic, no Python loop over pairs) and
  the top-K selection;
- ``explain``: machine-readable reasons, built only for the pairs that were kept;
- ``writes``: the chunk upsert (COPY + one ``INSERT … ON CONFLICT`` per kind) and expiry;
- ``runs``: full runs in chunks, each recorded in ``MatchRun``;
- ``incremental``: the run after a save, recomputing only what the change touches.
"""

from matching.engine.incremental import incremental_run
from matching.engine.runs import full_run, full_run_chunk, full_run_start
from matching.engine.scorers import BLOCK_SIZE, SCORERS, compute, top_k
from matching.engine.writes import CHUNK_SIZE, store

__all__ = [
    "BLOCK_SIZE",
    "CHUNK_SIZE",
    "SCORERS",
    "compute",
    "full_run",
    "full_run_chunk",
    "full_run_start",
    "incremental_run",
    "store",
    "top_k",
]
