# OrleansQr entry points (DESIGN.md "Contracts"). Each target installs what it is missing first.
SHELL := /bin/bash
PORT ?= 8080
CONFIGURATION ?= Release

# rustup's toolchain when there is one, Debian's otherwise; Debian's registry either way (native/README.md).
CARGO ?= $(shell command -v cargo || echo /usr/bin/cargo)
CARGO_FLAGS := --config debian-registry.toml --release -j2
# The wasm32 build needs a standard library for that target: rustup's if it has one, else Debian's rustc 1.63.
WASM_CARGO := $(shell rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown && echo "$(CARGO)" || echo "RUSTC=/usr/bin/rustc /usr/bin/cargo")
WASM_MODULE := native/target-wasm/wasm32-unknown-unknown/release/qr_wasm.wasm

API_DLL := Api/bin/$(CONFIGURATION)/net10.0/OrleansQr.Api.dll

.PHONY: deps native dotnet build test test-native test-dotnet run cluster bench clean

deps:
	@deploy/install-deps.sh

## native: tiers 1-4 for this machine and the wasm32 module of tier 2.
native: deps
	cd native && $(CARGO) build $(CARGO_FLAGS) -p qr-core -p qr-cli -p qr-ffi -p qr-server
	cd native/qr-wasm && $(WASM_CARGO) build --config ../debian-registry.toml --release -j2 --target wasm32-unknown-unknown --target-dir ../target-wasm

dotnet: native
	dotnet build OrleansQr.sln -c $(CONFIGURATION) -v q -nologo

build: native dotnet

## test: every test, Rust and .NET. CI runs exactly this.
test: build test-native test-dotnet

test-native:
	cd native && $(CARGO) test $(CARGO_FLAGS) -p qr-core -p qr-cli -p qr-ffi -p qr-server

test-dotnet:
	dotnet test OrleansQr.sln -c $(CONFIGURATION) --no-build -nologo

## run: the embedded default on http://127.0.0.1:$(PORT), in the foreground (Ctrl-C stops it).
run: build
	exec dotnet $(API_DLL) --contentRoot $(abspath $(dir $(API_DLL))) --urls http://127.0.0.1:$(PORT)

## cluster: Redis, $(SILOS) silo processes and the API as their client (SILOS=2 by default).
cluster: build
	SILOS=$(or $(SILOS),2) PORT=$(PORT) CONFIGURATION=$(CONFIGURATION) deploy/cluster.sh

## bench: the study's table on this machine (QUICK=1 for a two-minute smoke run).
bench: build
	CONFIGURATION=$(CONFIGURATION) QUICK=$(QUICK) bench/run.sh

clean:
	rm -rf native/target native/target-wasm
	dotnet clean OrleansQr.sln -v q -nologo
