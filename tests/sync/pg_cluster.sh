#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests (CTest fixture pg_cluster, tests/CMakeLists.txt).
#
#   pg_cluster.sh start   DIR PORT   new cluster in DIR (any old one there is removed), serving 127.0.0.1:PORT
#   pg_cluster.sh stop    DIR PORT   stop it and remove DIR
#   pg_cluster.sh down    DIR PORT   stop the server, keep the data (a test's "PostgreSQL went away")
#   pg_cluster.sh up      DIR PORT   start the kept data again
#   pg_cluster.sh restart DIR PORT   restart the server (every open connection is cut)
#
# Trust authentication, TCP on loopback only, no Unix socket, fsync off: the data is scratch and lives only as long
# as the test run. Connect as postgresql://postgres@127.0.0.1:PORT/postgres. initdb refuses to run as root, so as
# root the server runs as the postgres user (the postgresql-15 package creates it), and its files live in a
# directory of /tmp owned by that user (DIR itself may sit under a home the postgres user cannot enter);
# DIR/home names that directory.
set -euo pipefail

usage() { echo "usage: $0 start|stop|down|up|restart DIR PORT" >&2; exit 2; }
[[ $# -eq 3 ]] || usage
action=$1
dir=$2
port=$3
[[ $port =~ ^[0-9]+$ ]] && ((port > 0 && port < 65536)) || { echo "pg_cluster: '$port' is not a port number" >&2; exit 2; }

bin=${TRIAD_PG_BIN:-/usr/lib/postgresql/15/bin}
if [[ ! -x $bin/initdb ]]; then
  echo "pg_cluster: PostgreSQL 15 is not installed ($bin/initdb is missing); run .ci/install-deps" >&2
  exit 1
fi
as_owner=()
if [[ $(id -u) -eq 0 ]]; then
  as_owner=(runuser -u postgres --)
fi
home=$dir
[[ -f $dir/home ]] && home=$(cat "$dir/home")
pg_ctl() { "${as_owner[@]}" "$bin/pg_ctl" -D "$home/data" -l "$home/server.log" "$@"; }

show_log() {
  echo "pg_cluster: the server log says:" >&2
  tail -n 20 "$home/server.log" >&2 || true
}

require_free_port() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "pg_cluster: port $port on 127.0.0.1 is already in use; pick another" >&2
    exit 1
  fi
}

start_server() {
  require_free_port
  # -w waits until the server accepts connections.
  if ! pg_ctl -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='' -c fsync=off -c full_page_writes=off" \
      start >/dev/null; then
    echo "pg_cluster: PostgreSQL did not start on 127.0.0.1:$port" >&2
    show_log
    exit 1
  fi
}

stop_server() {
  if [[ -f $home/data/postmaster.pid ]]; then
    pg_ctl -w -t 60 -m fast stop >/dev/null || { show_log; exit 1; }
  fi
}

remove_cluster() {
  [[ -d $home/data ]] && stop_server
  [[ $home != "$dir" ]] && rm -rf "$home"
  rm -rf "$dir"
}

case $action in
  start)
    remove_cluster
    require_free_port
    mkdir -p "$dir"
    home=$dir
    if ((${#as_owner[@]})); then
      home=$(mktemp -d /tmp/triad-pg.XXXXXX)
      chown postgres: "$home"
      echo "$home" >"$dir/home"
    fi
    if ! "${as_owner[@]}" "$bin/initdb" --no-sync -A trust -U postgres -E UTF8 --locale=C -D "$home/data" >"$dir/initdb.log" 2>&1; then
      echo "pg_cluster: initdb failed:" >&2
      cat "$dir/initdb.log" >&2
      exit 1
    fi
    start_server
    echo "pg_cluster: PostgreSQL 15 on postgresql://postgres@127.0.0.1:$port/postgres (data in $home)"
    ;;
  stop)
    remove_cluster
    ;;
  down)
    stop_server
    ;;
  up)
    start_server
    ;;
  restart)
    if ! pg_ctl -w -t 60 -m fast restart >/dev/null; then
      echo "pg_cluster: PostgreSQL did not restart" >&2
      show_log
      exit 1
    fi
    ;;
  *)
    usage
    ;;
esac
