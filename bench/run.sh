#!/usr/bin/env bash
# make bench: installs what the benchmark needs and is missing, builds the runner, runs it.
# Parameters (make variables or environment; see bench/README.md):
#   QUICK=1  DURATION=s  WARMUP=s  CONNECTIONS=n  THREADS=n  CONFIGURATIONS=a,b  WORKLOADS=a,b  RESTART=workload|configuration  MICRO=0
# Anything after the script's name goes to the runner as is (bench/run.sh --help).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
CONFIGURATION=${CONFIGURATION:-Release}

# make's variables, under the runner's names (BENCH_* wins when both are set).
export QUICK=${QUICK:-}
export BENCH_DURATION=${BENCH_DURATION:-${DURATION:-}}
export BENCH_WARMUP=${BENCH_WARMUP:-${WARMUP:-}}
export BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-${CONNECTIONS:-}}
export BENCH_THREADS=${BENCH_THREADS:-${THREADS:-}}
export BENCH_CONFIGURATIONS=${BENCH_CONFIGURATIONS:-${CONFIGURATIONS:-}}
export BENCH_WORKLOADS=${BENCH_WORKLOADS:-${WORKLOADS:-}}
export BENCH_MICRO=${BENCH_MICRO:-${MICRO:-}}
export BENCH_RESTART=${BENCH_RESTART:-${RESTART:-}}
export CONFIGURATION

# The command line the report shows: how to run exactly this again.
if [ -z "${BENCH_COMMAND:-}" ]; then
  if [ -n "${MAKELEVEL:-}" ]; then
    BENCH_COMMAND="make bench"
    for var in QUICK DURATION WARMUP CONNECTIONS THREADS CONFIGURATIONS WORKLOADS RESTART MICRO; do
      [ -n "${!var:-}" ] && BENCH_COMMAND+=" $var=${!var}"
    done
  else
    BENCH_COMMAND="bench/run.sh${*:+ $*}"
    for var in QUICK BENCH_DURATION BENCH_WARMUP BENCH_CONNECTIONS BENCH_THREADS BENCH_CONFIGURATIONS BENCH_WORKLOADS BENCH_RESTART BENCH_MICRO; do
      [ -n "${!var:-}" ] && BENCH_COMMAND="$var=${!var} $BENCH_COMMAND"
    done
  fi
fi
export BENCH_COMMAND

for tool in wrk redis-server redis-cli node npm dotnet; do
  command -v "$tool" >/dev/null || { echo "bench: '$tool' is missing (deploy/install-deps.sh installs wrk and redis-server)" >&2; exit 1; }
done

# The service itself: `make bench` has built it; a direct call builds it when it is missing.
if [ ! -f "Api/bin/$CONFIGURATION/net10.0/OrleansQr.Api.dll" ] || [ ! -f "native/target/release/qr-server" ]; then
  make build CONFIGURATION="$CONFIGURATION"
fi

# The Node.js baseline's packages, exactly as locked.
if [ ! -d bench/peers/node/node_modules ]; then
  (cd bench/peers/node && npm ci --no-audit --no-fund --loglevel=error)
fi

# The Rust core crate's benchmark (its own example), built like the rest of the workspace.
if [ "${BENCH_MICRO:-1}" != "0" ]; then
  CARGO=${CARGO:-$(command -v cargo || echo /usr/bin/cargo)}
  export CARGO
  (cd native && "$CARGO" build --config debian-registry.toml --release -j2 --example bench -p qr-core --quiet)
fi

# The runner and the BenchmarkDotNet project (not in OrleansQr.sln).
mkdir -p bench/results/tmp
for project in bench/OrleansQr.Bench bench/OrleansQr.Benchmarks; do
  if ! dotnet build "$project" -c Release -v q -nologo >bench/results/tmp/build.log 2>&1; then
    cat bench/results/tmp/build.log >&2
    echo "bench: building $project failed" >&2
    exit 1
  fi
done

exec dotnet bench/OrleansQr.Bench/bin/Release/net10.0/OrleansQr.Bench.dll "$@"
