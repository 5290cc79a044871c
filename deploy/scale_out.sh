#!/usr/bin/env bash
# Scale-out on one machine, loopback only: `chroma run` + N app.py workers sharing it + a proxy.
#   deploy/scale_out.sh [--workers 2] [--port 8080] [--data DIR]      then open http://127.0.0.1:8080/ui/
# Ctrl-C stops every process. See deploy/README.md; the production layout is deploy/docker-compose.yml.
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${PYTHON:-.venv/bin/python}" -m bench.scaleout "$@"
