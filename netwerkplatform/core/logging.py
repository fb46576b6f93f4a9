"""Logging filters."""

import logging


class ForbiddenWithoutTraceback(logging.Filter):
    """A refused request (403) is an expected event, not a crash: keep Django's one-line
    "Forbidden (Permission denied): /path" and drop the traceback it attaches, which
    otherwise fills the log with one stack per refusal."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
