# Trợ lý Sáng kiến — the server image (docs/trien-khai.md tells how to run it).
# Build: docker compose build   (or: docker build -t sangkien .)
# Only Debian's packages and PyPI are reached while building; nothing else is downloaded.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cli ./cli
COPY scheduler ./scheduler
COPY storage ./storage
COPY webhook ./webhook
RUN python -m venv /opt/sangkien && /opt/sangkien/bin/pip install --no-compile .

FROM python:3.11-slim-bookworm
# pg_dump / pg_restore for `sangkien backup` and `sangkien restore` (PostgreSQL 15, as in
# compose.yaml: pg_dump refuses a server newer than itself).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client-15 tzdata \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 sangkien \
    && useradd --system --uid 10001 --gid sangkien --home-dir /var/lib/sangkien \
       --shell /usr/sbin/nologin sangkien \
    && mkdir -p /var/lib/sangkien \
    && chown sangkien:sangkien /var/lib/sangkien
COPY --from=build /opt/sangkien /opt/sangkien
ENV PATH=/opt/sangkien/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    TZ=Asia/Ho_Chi_Minh \
    SANGKIEN_SERVER__HOST=0.0.0.0 \
    SANGKIEN_SERVER__PORT=8000 \
    SANGKIEN_SERVER__DATA_DIR=/var/lib/sangkien \
    SANGKIEN_LOGGING__FORMAT=json
WORKDIR /var/lib/sangkien
VOLUME ["/var/lib/sangkien"]
USER 10001:10001
EXPOSE 8000
# Liveness: the process answers HTTP. Readiness (database, migrations) is /readyz, which the
# reverse proxy checks before sending traffic.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; u.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('SANGKIEN_SERVER__PORT', '8000'), timeout=4)"]
ENTRYPOINT ["sangkien"]
CMD ["serve"]
