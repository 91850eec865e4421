#!/usr/bin/env bash
# Checks the Rust toolchain the generated Rust app builds with: the machine's rustup cargo and rustc,
# new enough for the template's `edition = "2024"` (stable since Rust 1.85). The app's crates (axum 0.8,
# tokio, serde_json; tower and http-body-util for its tests) come from crates.io at the versions its
# Cargo.toml asks for, as for any user; cargo keeps them in its own cache (~/.cargo/registry).
# The tests' build output is kept under the state dir, so a second run recompiles only the app.
set -euo pipefail

MIN_MINOR=85
base="${CAA_TOOLCHAIN_DIR:-$HOME/.cache/create-apprunner-app/toolchains}/rust"

say() { echo "rust toolchain: $*" >&2; }

command -v cargo >/dev/null || { say "cargo is not on PATH (install Rust with rustup first: https://rustup.rs)"; exit 1; }
version="$(rustc --version)" # e.g. "rustc 1.95.0 (59807616e 2026-04-14)"
minor="$(sed -E 's/^rustc 1\.([0-9]+)\..*/\1/' <<<"$version")"
if ! [[ "$minor" =~ ^[0-9]+$ ]] || (( minor < MIN_MINOR )); then
  say "$version is older than 1.$MIN_MINOR, which edition 2024 needs (rustup update stable)"
  exit 1
fi
mkdir -p "$base/target"
say "$version, $(cargo --version); crates from crates.io, build output in $base/target"
