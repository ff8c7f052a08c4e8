#!/usr/bin/env bash
# Installs what the warehouse tests start themselves (tests/IcpKit.Tests/Loading/Warehouse): PostgreSQL 15 and
# ClickHouse 18.16 from Debian's packages, only when missing. The tests create their own data directories on
# free loopback ports and stop the servers at the end; nothing here starts a server.
set -euo pipefail
missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v clickhouse-server >/dev/null || [ -x /usr/sbin/clickhouse-server ] || missing+=(clickhouse-server clickhouse-client)
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
