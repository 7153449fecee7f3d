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

pids=()
stop_all() {
  trap - EXIT INT TERM
  echo "stopping ${pids[*]}"
  # The API first, so it stops taking requests, then the silos, then Redis: each by the PID we started.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -TERM "${pids[i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT INT TERM

start() { # name, then the command; runs it in the background and records its PID
  local name=$1; shift
  "$@" &
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
start api env Cluster__Mode=Client dotnet "$root/Api/$bin/OrleansQr.Api.dll" --contentRoot "$root/Api/$bin" --urls "http://127.0.0.1:$PORT"

echo "serving http://127.0.0.1:$PORT/qrcode?text=... through $SILOS silos; Ctrl-C stops everything"
wait -n
