// Rust (axum 0.8 + tokio): the README's own cargo commands with the machine's rustup toolchain
// (.ci/toolchains/rust.sh checks it). The crates come from crates.io at the versions the generated
// Cargo.toml asks for, exactly as for a user; nothing in the app is changed.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { type AppRecipe, toolchainDir } from '../recipe.js';

export const recipe: AppRecipe = {
  runtime: 'rust',
  env: () => {
    try {
      execFileSync('cargo', ['--version'], { stdio: 'ignore' });
    } catch {
      throw new Error(
        'rust recipe: cargo is not on PATH; install Rust (rustup), then run `bash .ci/toolchains/rust.sh`',
      );
    }
    return {
      CARGO_TERM_COLOR: 'never',
      // One build folder for every run: the dependencies compile once, later runs rebuild only the app.
      CARGO_TARGET_DIR: join(toolchainDir('rust'), 'target'),
    };
  },
  build: [['cargo', 'build', '--release']],
  // --release reuses the dependencies the build just compiled; a plain `cargo test` (the README's)
  // would compile them all again in the dev profile, about ten times slower here.
  test: ['cargo', 'test', '--release'],
  // `cargo run` execs the built binary in place of itself on Unix (no child process), so SIGTERM
  // reaches the server; the build above is fresh, so it starts at once.
  start: ['cargo', 'run', '--release', '--quiet'],
};
