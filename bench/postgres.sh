#!/usr/bin/env bash
# A throwaway PostgreSQL for the benchmark's ShareDB-on-PostgreSQL run (bench/run.sh, bench/sharedb/load.mjs --db=postgres).
#   bench/postgres.sh start   a fresh cluster in bench/target/postgres/data (any earlier one there is stopped and wiped),
#                             listening on 127.0.0.1 only, port BENCH_POSTGRES_PORT (55432), with a database `bench`;
#                             prints the connection string on stdout (everything else goes to stderr) and writes it to
#                             bench/target/postgres/url
#   bench/postgres.sh stop    stops it (the files stay for a look until the next start); nothing to stop is no error
# The server runs with PostgreSQL's durable defaults, which it leaves alone: fsync=on, synchronous_commit=on (every commit
# waits for its WAL flush). Binaries: the Debian packages' (/usr/lib/postgresql/<newest>/bin) or BENCH_POSTGRES_BIN. When
# they are missing the script stops and says to `apt-get install -y postgresql`; it does not install it itself, because
# the Debian package also creates and starts a system-wide cluster on port 5432, which is for whoever runs the machine to
# decide. initdb and the server refuse to run as root: as root, the cluster belongs to the `postgres` system user (created
# by that package) and every server command runs as it (runuser); as anyone else, to that user.
# The role `postgres` gets a random password (in the connection string and the URL file, mode 600); every connection,
# TCP or the socket in bench/target/postgres/socket, needs it.
set -euo pipefail
cd "$(dirname "$0")/.."
base="$PWD/bench/target/postgres"
data="$base/data"
port="${BENCH_POSTGRES_PORT:-55432}"
say() { echo "[postgres] $*" >&2; }

bin="${BENCH_POSTGRES_BIN:-}"
if [ -z "$bin" ]; then
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
fi
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
  say "no PostgreSQL server binaries (looked for ${bin:-/usr/lib/postgresql/*/bin}/initdb)."
  say "Install them with:  apt-get install -y postgresql   (or point BENCH_POSTGRES_BIN at a bin directory)"
  exit 1
fi

if [ "$(id -u)" = 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    say "running as root, but there is no 'postgres' system user to run the server as (the postgresql package creates it)"
    exit 1
  fi
  owner=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  owner="$(id -un)"
  as_owner() { "$@"; }
fi

stop() {
  if [ -f "$data/postmaster.pid" ]; then
    if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 30 stop >&2 \
        || as_owner "$bin/pg_ctl" -D "$data" -m immediate -w -t 30 stop >&2
    else
      say "no server running for $data (a stale postmaster.pid, left by an interrupted run)"
    fi
  else
    say "not running"
  fi
}

start() {
  stop
  rm -rf "$base"
  mkdir -p "$data" "$base/socket"
  chown "$owner" "$base" "$data" "$base/socket"
  chmod 700 "$data"
  local password
  password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  (umask 077 && printf '%s\n' "$password" > "$base/password")
  chown "$owner" "$base/password"
  as_owner "$bin/initdb" -D "$data" -U postgres --pwfile="$base/password" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$base/initdb.log" 2>&1 \
    || { cat "$base/initdb.log" >&2; exit 1; }
  rm -f "$base/password"
  # Only where it listens; every durability setting stays at its default.
  cat >> "$data/postgresql.conf" <<EOF

# bench/postgres.sh
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$base/socket'
EOF
  if ! as_owner "$bin/pg_ctl" -D "$data" -l "$base/server.log" -w -t 60 start >&2; then
    say "the server did not start (is port $port taken? BENCH_POSTGRES_PORT chooses another); its log:"
    tail -n 20 "$base/server.log" >&2
    exit 1
  fi
  sql() { PGPASSWORD="$password" "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
  sql -d postgres -c 'CREATE DATABASE bench' >&2
  local url="postgres://postgres:$password@127.0.0.1:$port/bench"
  (umask 077 && printf '%s\n' "$url" > "$base/url")
  say "$(sql -d bench -c 'SELECT version()' | cut -d' ' -f1-2) on 127.0.0.1:$port, data in $data," \
      "fsync=$(sql -d bench -c 'SHOW fsync'), synchronous_commit=$(sql -d bench -c 'SHOW synchronous_commit')"
  echo "$url"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
