"""Dates at events: a sub-package of the ``matching`` app (models keep app label
``matching``; they are imported into ``matching/models/__init__.py``)."""
