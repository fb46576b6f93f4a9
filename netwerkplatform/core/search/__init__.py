"""Search that speaks Dutch: the one analysis every directory and the header search use.

``analysis`` turns text into terms (folding, decompounding, stemming); ``orm`` filters
and ranks stored terms the same way on SQLite and PostgreSQL; ``rows`` searches small
tables in Python with the same analysis; ``suggest`` offers "Bedoelde je …?";
``sections`` is the registry through which apps contribute to the header search.
The matching engine may share the tokenizer: ``tokens`` and ``terms``.
"""

from netwerkplatform.core.search.analysis import (
    Query,
    as_stored,
    fold,
    highlight_spans,
    parse_query,
    terms,
    tokens,
)

__all__ = ["Query", "as_stored", "fold", "highlight_spans", "parse_query", "terms", "tokens"]
