// Go (net/http, standard library only): the README's own commands, run with Debian's backported Go.
// Debian 12's default golang-go is 1.19, which cannot build the app (no log/slog; and its mux treats
// "GET /path" patterns as literal paths that never match). .ci/toolchains/go.sh installs golang-1.N-go
// (N >= 23) from bookworm-backports under /usr/lib/go-1.N, off the default PATH.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { type AppRecipe, toolchainDir } from '../recipe.js';

const MIN_MINOR = 23; // go.mod says `go 1.23`

/** bin folder of the newest installed Debian Go that is new enough. */
function goBin(): string {
  const minors = (existsSync('/usr/lib') ? readdirSync('/usr/lib') : [])
    .map((entry) => /^go-1\.(\d+)$/.exec(entry)?.[1])
    .filter((minor): minor is string => minor !== undefined)
    .map(Number)
    .filter((minor) => minor >= MIN_MINOR && existsSync(`/usr/lib/go-1.${minor}/bin/go`))
    .sort((a, b) => b - a);
  if (minors[0] === undefined) {
    throw new Error(
      `go recipe: no Go >= 1.${MIN_MINOR} under /usr/lib/go-1.N; run \`bash .ci/toolchains/go.sh\` first`,
    );
  }
  return `/usr/lib/go-1.${minors[0]}/bin`;
}

export const recipe: AppRecipe = {
  runtime: 'go',
  env: () => {
    const state = toolchainDir('go');
    return {
      PATH: `${goBin()}:${process.env.PATH ?? ''}`,
      // Offline machine: never fetch a newer toolchain or modules (the app needs none: stdlib only).
      GOTOOLCHAIN: 'local',
      GOPROXY: 'off',
      // Build cache and module cache next to the toolchain state, so repeated runs build in well under a second.
      GOCACHE: join(state, 'gocache'),
      GOPATH: join(state, 'gopath'),
    };
  },
  build: [['go', 'build', '-o', 'bin/server', '.']],
  test: ['go', 'test', './...'],
  // The compiled binary is the server process itself, so SIGTERM reaches it directly.
  start: ['./bin/server'],
};
