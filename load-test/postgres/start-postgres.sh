#!/usr/bin/env bash
# Starts a throwaway PostgreSQL from Debian's binaries (package postgresql) on 127.0.0.1:PORT with its data in
# WORKDIR, for the domain benchmark; as root it runs as the postgres user. Prints the JDBC URL.
# Usage: start-postgres.sh WORKDIR [PORT]; stop with: pg_ctl -D WORKDIR/data stop (as the same user)
set -euo pipefail
dir="${1:?usage: start-postgres.sh WORKDIR [PORT]}"
port="${2:-55432}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "start-postgres: Debian's postgresql package is not installed" >&2; exit 2; }
mkdir -p "$dir"
as_pg=()
if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$dir"; as_pg=(runuser -u postgres --); fi
"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -w -l "$dir/log" \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
echo "jdbc:postgresql://127.0.0.1:$port/postgres"
