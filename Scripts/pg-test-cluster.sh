#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the FleetDatabase tests and benchmarks.
#
#   eval "$(Scripts/pg-test-cluster.sh start)"   # initdb + start; prints export lines
#   swift test --filter FleetDatabase
#   Scripts/pg-test-cluster.sh env               # the export lines again (needs MOFKIT_PG_DIR)
#   Scripts/pg-test-cluster.sh stop              # stops the server and removes its directory
#   Scripts/pg-test-cluster.sh pause|resume      # immediate stop / start again, data kept (tests)
#
# The cluster lives in a new temporary directory (MOFKIT_PG_DIR), owned by the `postgres` OS user
# when run as root (PostgreSQL refuses to run as root). It listens on a free 127.0.0.1 port and on
# its own Unix socket directory, never on the system's 5432 socket. Role `mofkit` (password `mofkit`,
# scram-sha-256 over TCP, trust on the socket) owns database `mofkit`. Durability is off (fsync,
# synchronous_commit, full_page_writes): the data is thrown away.
#
# Printed variables: MOFKIT_PG_DIR, MOFKIT_TEST_POSTGRES_URL (TCP, with password),
# MOFKIT_TEST_POSTGRES_SOCKET_URL (Unix socket), MOFKIT_TEST_POSTGRES_PORT.
set -euo pipefail

PG_BIN=${PG_BIN:-}
if [ -z "$PG_BIN" ]; then
    for candidate in /usr/lib/postgresql/*/bin; do
        [ -x "$candidate/initdb" ] && PG_BIN=$candidate
    done
fi

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

print_env() {
    local dir=$1
    cat "$dir/env"
}

start() {
    if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
        echo "pg-test-cluster: no PostgreSQL server binaries (install postgresql, or set PG_BIN)" >&2
        exit 1
    fi
    local dir
    dir=$(mktemp -d "${TMPDIR:-/tmp}/mofkit-pg.XXXXXX")
    chmod 755 "$dir"
    mkdir "$dir/data" "$dir/socket"
    [ "$(id -u)" = 0 ] && chown -R postgres: "$dir"

    local superuser=postgres
    [ "$(id -u)" = 0 ] || superuser=$(id -un)
    as_postgres "$PG_BIN/initdb" -D "$dir/data" -U "$superuser" --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }

    local port
    port=$(free_port)
    cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/socket'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 60
shared_buffers = 128MB
EOF
    as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start </dev/null >/dev/null 2>>"$dir/pg_ctl.log" \
        || { cat "$dir/server.log" >&2; exit 1; }
    as_postgres "$PG_BIN/psql" -h "$dir/socket" -p "$port" -U "$superuser" -d postgres -v ON_ERROR_STOP=1 -q \
        -c "CREATE ROLE mofkit LOGIN PASSWORD 'mofkit' CREATEDB" \
        -c "CREATE DATABASE mofkit OWNER mofkit" >/dev/null
    cat >"$dir/env" <<EOF
export MOFKIT_PG_DIR=$dir
export MOFKIT_TEST_POSTGRES_PORT=$port
export MOFKIT_TEST_POSTGRES_URL=postgresql://mofkit:mofkit@127.0.0.1:$port/mofkit
export MOFKIT_TEST_POSTGRES_SOCKET_URL=postgresql://mofkit@localhost:$port/mofkit?host=$dir/socket
EOF
    print_env "$dir"
}

stop() {
    local dir=${1:-${MOFKIT_PG_DIR:-}}
    if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then
        echo "pg-test-cluster: no cluster to stop (set MOFKIT_PG_DIR or pass its directory)" >&2
        exit 1
    fi
    as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

# pause/resume: stop the server at once (as a crash would) and start it again, keeping the data;
# the tests use them to take the server away in the middle of a scan.
pause() {
    local dir=${1:-${MOFKIT_PG_DIR:-}}
    as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
}

resume() {
    local dir=${1:-${MOFKIT_PG_DIR:-}}
    as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start </dev/null >/dev/null 2>>"$dir/pg_ctl.log"
}

case "${1:-}" in
    start) start ;;
    pause) pause "${2:-}" ;;
    resume) resume "${2:-}" ;;
    stop) stop "${2:-}" ;;
    env)
        dir=${2:-${MOFKIT_PG_DIR:-}}
        [ -n "$dir" ] && [ -f "$dir/env" ] || { echo "pg-test-cluster: no cluster (set MOFKIT_PG_DIR)" >&2; exit 1; }
        print_env "$dir"
        ;;
    *)
        echo "usage: $0 start | stop [DIR] | env [DIR] | pause [DIR] | resume [DIR]" >&2
        exit 2
        ;;
esac
