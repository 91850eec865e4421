// Rust (axum + tokio): the README's own cargo commands, built offline. crates.io is unreachable here,
// so .ci/toolchains/rust.sh unpacks Debian 13's `librust-*-dev` packages (axum 0.7.9, tokio 1.43,
// serde_json, tower, http-body-util and their dependencies) into a cargo directory registry, and
// prepare() points the app's cargo at it. rustc and cargo are the machine's own (rustup).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type AppRecipe, toolchainDir } from '../recipe.js';

/** The Debian crates as a cargo directory registry (one folder per crate version). */
function registry(): string {
  const crates = join(toolchainDir('rust'), 'crates');
  const dir = join(crates, 'usr', 'share', 'cargo', 'registry');
  if (!existsSync(join(crates, '.complete'))) {
    throw new Error(`rust recipe: no offline crates at ${dir}; run \`bash .ci/toolchains/rust.sh\` first`);
  }
  return dir;
}

export const recipe: AppRecipe = {
  runtime: 'rust',
  env: () => {
    try {
      execFileSync('cargo', ['--version'], { stdio: 'ignore' });
    } catch {
      throw new Error('rust recipe: cargo is not on PATH; install Rust (rustup) first');
    }
    registry();
    // Offline machine: never try crates.io, even for commands that ignore .cargo/config.toml's [net].
    return { CARGO_NET_OFFLINE: 'true', CARGO_TERM_COLOR: 'never' };
  },
  prepare: (dir) => {
    // 1. Cargo takes every crate from the Debian directory registry instead of crates.io.
    mkdirSync(join(dir, '.cargo'), { recursive: true });
    writeFileSync(
      join(dir, '.cargo', 'config.toml'),
      [
        '[source.crates-io]',
        'replace-with = "debian"',
        '[source.debian]',
        `directory = ${JSON.stringify(registry())}`,
        '[net]',
        'offline = true',
        '',
      ].join('\n'),
    );
    // 2. The app asks for axum 0.8; Debian has 0.7.9, the nearest release. The app only uses API
    //    both share (Router::route without path parameters, middleware::from_fn, axum::serve with
    //    graceful shutdown), so the same source compiles against either.
    const manifest = join(dir, 'Cargo.toml');
    const text = readFileSync(manifest, 'utf8');
    const pinned = text.replace(/^(axum\s*=\s*(?:\{\s*version\s*=\s*)?)"0\.8"/m, '$1"0.7"');
    if (pinned === text)
      throw new Error('rust recipe: no `axum = "0.8"` dependency in Cargo.toml to point at Debian\'s 0.7');
    writeFileSync(manifest, pinned);
  },
  build: [['cargo', 'build', '--release']],
  // --release reuses the dependencies the build just compiled; a plain `cargo test` (the README's)
  // would compile them all again in the dev profile, about ten times slower here.
  test: ['cargo', 'test', '--release'],
  // `cargo run` execs the built binary in place of itself on Unix (no child process), so SIGTERM
  // reaches the server; the build above is fresh, so it starts at once.
  start: ['cargo', 'run', '--release', '--quiet'],
};
