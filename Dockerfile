# One image for web (gunicorn), worker and beat (celery); see docker-compose.yml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 netwerk

WORKDIR /app
COPY pyproject.toml README.md ./
COPY netwerkplatform ./netwerkplatform
COPY initiatieven ./initiatieven
COPY bijeenkomsten ./bijeenkomsten
COPY matching ./matching
RUN pip install .
COPY . .

# Static files and translations are built into the image (production settings need
# the whitenoise manifest); the key below exists only during the build.
RUN DEBUG=false SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput -v 0 \
    && python manage.py compilemessages --ignore=.venv -v 0

USER netwerk
EXPOSE 8000
CMD ["gunicorn", "netwerkplatform.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
