#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the storage plugin's tests and print its URL.
#
# Run as root on Debian (CI sets CI=true).  Installs the server with apt-get when initdb
# is missing, creates a cluster under /tmp owned by the "postgres" user with trust
# authentication on 127.0.0.1 only, starts it on a free port, creates the database
# "goldenthread_test" and prints, as its last line:
#
#     GOLDENTHREAD_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:PORT/goldenthread_test
#
# The server is left running for the test run; its data folder is printed on stderr and
# "pg_ctl -D DIR stop" stops it.
set -euo pipefail

log() { printf 'postgres.sh: %s\n' "$*" >&2; }

find_bin() {
    # The newest installed server's bin folder (Debian keeps them apart from PATH).
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            printf '%s\n' "$dir"
            return 0
        fi
    done
    return 1
}

if ! bin=$(find_bin); then
    if [ "${CI:-}" != "true" ] || [ "$(id -u)" != "0" ]; then
        log "no PostgreSQL server installed; run as root with CI=true to install it"
        exit 1
    fi
    log "installing PostgreSQL with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
    bin=$(find_bin)
fi

# The server refuses to run as root: use the postgres user (created by the Debian
# package), or run as ourselves when we are not root.
if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    as_db() { runuser -u postgres -- "$@"; }
else
    as_db() { "$@"; }
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
data=$(mktemp -d /tmp/goldenthread-pg.XXXXXX)
chmod 700 "$data"
if [ "$(id -u)" = "0" ]; then chown postgres "$data"; fi

log "initdb in $data"
as_db "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C >/dev/null
as_db "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off" start >&2

as_db "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres goldenthread_test
log "server running on 127.0.0.1:$port (stop: pg_ctl -D $data stop)"
echo "GOLDENTHREAD_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:$port/goldenthread_test"
