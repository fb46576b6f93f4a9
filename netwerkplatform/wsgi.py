"""WSGI entry point (gunicorn netwerkplatform.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netwerkplatform.settings")
application = get_wsgi_application()
