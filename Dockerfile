# nkc-kg as a container: the wheel (the ontology, shapes, queries and curated data are inside it) and the
# locked runtime dependencies on python:3.11-slim, served by a user without privileges.
#
#   docker build -t nkc-kg .
#   docker run --rm -p 8000:8000 nkc-kg                      # http://127.0.0.1:8000/
#   docker run --rm -p 8000:8000 -e NKC_KG_STORE=remote -e NKC_KG_ENDPOINT=http://store:7878/query nkc-kg
#   docker run --rm -p 8000:8000 -v "$PWD/releases:/home/nkc/releases:ro" nkc-kg nkc-kg serve --host 0.0.0.0 --releases releases
#
# More in docs/install.md.

FROM python:3.11-slim AS build
RUN pip install --no-cache-dir --disable-pip-version-check uv
WORKDIR /src
COPY . .
# the exact versions of uv.lock, with their hashes; then the wheel itself
RUN uv export --frozen --no-dev --no-emit-project --output-file requirements.txt \
 && uv build --wheel --out-dir dist

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY --from=build /src/requirements.txt /src/dist/ /tmp/nkc-kg/
RUN pip install --no-cache-dir --require-hashes -r /tmp/nkc-kg/requirements.txt \
 && pip install --no-cache-dir --no-deps /tmp/nkc-kg/*.whl \
 && rm -rf /tmp/nkc-kg \
 && useradd --create-home --uid 10001 nkc
USER nkc
# the build cache goes to ~/.cache/nkc-kg, `nkc-kg publish` writes ./releases: both under /home/nkc
WORKDIR /home/nkc
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4).status != 200)"]
CMD ["nkc-kg", "serve", "--host", "0.0.0.0", "--port", "8000"]
