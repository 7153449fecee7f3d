#!/usr/bin/env bash
# make cluster: a redis-server, SILOS silo processes and the API as their Orleans client, all on
# loopback. Prints every process with its PID; Ctrl-C (or any process dying) stops them all.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
SILOS=${SILOS:-2}
PORT=${PORT:-8080}
REDIS_PORT=${REDIS_PORT:-6380}
CONFIGURATION=${CONFIGURATION:-Release}
SILO_PORT=${SILO_PORT:-11111}
GATEWAY_PORT=${GATEWAY_PORT:-30000}
bin="bin/$CONFIGURATION/net10.0"

pids=()      # every process started here; pids[0] is Redis
any_alive() { local pid; for pid; do kill -0 "$pid" 2>/dev/null && return 0; done; return 1; }
stop_all() {
  trap - EXIT INT TERM
  local services=("${pids[@]:1}")
  echo "stopping ${pids[*]}"
  # The API and the silos first, while Redis still holds the membership they leave; each by its PID.
  kill -TERM "${services[@]}" 2>/dev/null || true
  for _ in $(seq 40); do
    any_alive "${services[@]}" || break
    sleep 1
  done
  kill -KILL "${services[@]}" 2>/dev/null || true
  kill -TERM "${pids[0]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop_all EXIT INT TERM

start() { # name, then the command; runs it in the background and records its PID
  local name=$1; shift
  # Its own session, so a Ctrl-C reaches only this script, which then stops everything in order.
  setsid "$@" &
  pids+=($!)
  printf '%-8s pid %-7s %s\n' "$name" "$!" "$*"
}

start redis redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --loglevel warning
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

export ConnectionStrings__redis="127.0.0.1:$REDIS_PORT"
for ((i = 0; i < SILOS; i++)); do
  start "silo$i" env Cluster__SiloPort=$((SILO_PORT + i)) Cluster__GatewayPort=$((GATEWAY_PORT + i)) \
    dotnet "$root/Silo/$bin/OrleansQr.Silo.dll" --contentRoot "$root/Silo/$bin"
done
# The API's client picks its gateways when it connects, and a silo's gateway port opens before the silo
# is Active: wait until every silo is Active in the membership table, or one silo may get no work.
members="${Cluster__ServiceId:-orleansqr}/members/${Cluster__ClusterId:-orleansqr}"
for _ in $(seq 240); do
  active=$(redis-cli -p "$REDIS_PORT" hgetall "$members" | grep -c '"Status":3' || true)
  [ "$active" -ge "$SILOS" ] && break
  sleep 0.5
done
echo "$active of $SILOS silos active"

start api env Cluster__Mode=Client dotnet "$root/Api/$bin/OrleansQr.Api.dll" --contentRoot "$root/Api/$bin" --urls "http://127.0.0.1:$PORT"

echo "serving http://127.0.0.1:$PORT/qrcode?text=... through $SILOS silos; Ctrl-C stops everything"
wait -n
