"""The Celery application, configured from Django settings (the ``CELERY_*`` names).

Without ``REDIS_URL`` the settings make every task run eagerly in-process, so the
development server needs no worker. Retry, time-limit and acknowledgement policy
is documented next to each setting in settings.py.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netwerkplatform.settings")
# One BLAS/OpenMP thread per process, set before numpy loads. Our parallelism is processes
# (a worker process per core, gunicorn workers); OpenBLAS's own threads on top of that
# oversubscribe the CPU, and its idle threads spin-wait: with other processes busy, a
# matching full run took 33x longer for 4x the load. (This module is imported first:
# netwerkplatform/__init__.py.) An operator can still set these variables.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

app = Celery("netwerkplatform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
