# Sourced by .ci/run (as root, on a fresh Debian machine) before `make test`:
# a throwaway PostgreSQL on loopback for the store tests. Exports
# MARSAD_TEST_POSTGRES (the URL the tests use) and CI_REQUIRE_POSTGRES=1 (a
# missing server fails the tests instead of skipping them), and stops the
# server when the calling shell exits.

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    echo "installing postgresql" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
MARSAD_PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
MARSAD_PG_DIR=$(mktemp -d /tmp/marsad-pg.XXXXXX)
chown postgres:postgres "$MARSAD_PG_DIR"
MARSAD_PG_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
runuser -u postgres -- "$MARSAD_PG_BIN/initdb" -D "$MARSAD_PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$MARSAD_PG_BIN/pg_ctl" -D "$MARSAD_PG_DIR/data" -l "$MARSAD_PG_DIR/log" -w \
    -o "-h 127.0.0.1 -p $MARSAD_PG_PORT -k $MARSAD_PG_DIR -c fsync=off -c full_page_writes=off -c synchronous_commit=off" start >/dev/null
runuser -u postgres -- "$MARSAD_PG_BIN/createdb" -h 127.0.0.1 -p "$MARSAD_PG_PORT" -U postgres marsad_test

marsad_pg_stop() {
    runuser -u postgres -- "$MARSAD_PG_BIN/pg_ctl" -D "$MARSAD_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$MARSAD_PG_DIR"
}
# Keep any EXIT trap set before this script (run it after ours).
MARSAD_PG_PREV_TRAP=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT\$/\1/")
trap "marsad_pg_stop; ${MARSAD_PG_PREV_TRAP}" EXIT

export MARSAD_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$MARSAD_PG_PORT/marsad_test"
export CI_REQUIRE_POSTGRES=1
echo "PostgreSQL on 127.0.0.1:$MARSAD_PG_PORT (data in $MARSAD_PG_DIR)" >&2
