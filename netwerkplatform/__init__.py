"""Netwerkplatform: the platform for Dutch local network builders."""

from netwerkplatform.celery import app as celery_app

__all__ = ["celery_app"]
