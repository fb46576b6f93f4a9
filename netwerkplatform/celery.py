"""The Celery application, configured from Django settings (the ``CELERY_*`` names).

Without ``REDIS_URL`` the settings make every task run eagerly in-process, so the
development server needs no worker. Retry, time-limit and acknowledgement policy
is documented next to each setting in settings.py.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netwerkplatform.settings")

app = Celery("netwerkplatform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
