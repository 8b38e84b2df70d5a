#!/usr/bin/env bash
# deps.sh installs what kg's local Neo4j and tests need and a fresh machine may
# lack: Go (checked only), Java 17 and Maven (the local Neo4j), and with
# --test also Chromium (the Neo4j Browser test) and Python 3.11+ with venv
# (the notebook), from Debian's packages as root; then the Go modules. It is
# quiet when everything is there.
set -euo pipefail
need=()
command -v go >/dev/null || { echo "deps: Go 1.26 is needed: https://go.dev/dl" >&2; exit 1; }
if ! command -v java >/dev/null || ! java -version 2>&1 | grep -qE 'version "(1[7-9]|2[0-9])'; then
  need+=(openjdk-17-jre-headless)
fi
command -v mvn >/dev/null || need+=(maven)
command -v curl >/dev/null || need+=(curl)
if [ "${1:-}" = --test ]; then
  command -v chromium >/dev/null || need+=(chromium fonts-liberation)
  py=$(command -v python3.11 || command -v python3 || true)
  if [ -z "$py" ] || ! "$py" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    need+=(python3 python3-venv)
  fi
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
    echo "deps: please install ${need[*]} (Java 17 and Maven run the local Neo4j)" >&2; exit 1
  fi
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  echo "deps: installing ${need[*]}" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >&2
fi
go mod download
