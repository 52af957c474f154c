# syntax=docker/dockerfile:1
# Mentoring's production image. `docker compose up` (compose.yaml) and the Kubernetes manifests (deploy/k8s) run
# it with the Procfile's commands; the image's default command is the Procfile's `web`.
#
#   docker build -t mentoring .
#
# Two stages: the first installs requirements.txt (what production runs, no test tools) into a virtualenv, the
# second copies that virtualenv and the code into a clean image, collects the static files, and runs as an
# unprivileged user. psycopg's binary wheel carries libpq, so no system packages are needed.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt

FROM ${PYTHON_IMAGE} AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=mentoring.settings \
    PORT=8000 \
    CELERY_BEAT_SCHEDULE_FILENAME=/tmp/celerybeat-schedule
RUN groupadd --system --gid 10001 mentoring \
 && useradd --system --uid 10001 --gid mentoring --home-dir /app --shell /usr/sbin/nologin mentoring
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --chown=mentoring:mentoring . .
# Static files are collected into the image (whitenoise serves them, compressed and with hashed names). The key is
# a throw-away one for this step only: the settings refuse to load without one when DJANGO_DEBUG is off.
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=collectstatic-at-build-time-only python manage.py collectstatic --noinput \
 && mkdir -p /app/var/media \
 && chown -R mentoring:mentoring /app/staticfiles /app/var
USER mentoring:mentoring
EXPOSE 8000
CMD ["gunicorn", "--config", "gunicorn.conf.py", "mentoring.wsgi"]
