"""Reading numbers that people (or forged requests) put in a URL or a form by hand.

``int(request.GET["x"])`` and ``filter(pk=request.POST["x"])`` give a 500 on "abc",
on a number too big for the database, or on a NUL byte. Views read hand-made
parameters through these helpers and treat ``None`` as "not given".
"""

MAX_ID = 2**63 - 1  # the largest BigAutoField; also keeps PostgreSQL from overflowing


def parse_int(value, *, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """The whole number in ``value`` if it is one within [minimum, maximum], else None."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = str(value or "").strip()
        if not text or len(text) > 20 or not text.lstrip("-").isdigit() or not text.isascii():
            return None
        number = int(text)
    return number if minimum <= number <= maximum else None


def parse_id(value) -> int | None:
    """A primary key as found in a form or URL: a positive whole number, else None."""
    return parse_int(value, minimum=1)
