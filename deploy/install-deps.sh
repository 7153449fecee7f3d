#!/usr/bin/env bash
# Installs the Debian packages OrleansQr builds and tests with, only those that are missing, so a
# second run costs a few dpkg queries. The Rust crates come from Debian too (see native/README.md):
# crates.io is not needed on a Debian machine.
set -euo pipefail

packages=(
  # Debian's Rust 1.63 with the wasm32 standard library: rustup cannot fetch that target offline.
  # lld-14 is the wasm32 linker (rust-lld); Debian only recommends it, and recommends are skipped here.
  rustc cargo libstd-rust-dev-wasm32 lld-14
  # The crates of the Rust workspace, as a local registry under /usr/share/cargo/registry.
  librust-qrcodegen-dev librust-miniz-oxide-dev librust-crc32fast-dev librust-quickcheck-dev
  librust-tokio-dev librust-hyper-dev librust-percent-encoding-dev librust-form-urlencoded-dev
  # The shared cache and cluster membership store, and the load generator of the benchmarks.
  redis-server wrk
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

command -v dotnet >/dev/null || { echo "the .NET 10 SDK is required (https://dot.net); it is not a Debian package" >&2; exit 1; }
