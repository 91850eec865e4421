// Go (net/http, standard library only): the README's own commands. .ci/toolchains/go.sh makes sure a
// Go >= 1.23 is there: the one on PATH when it is new enough, else Debian's backported golang-1.N-go
// under /usr/lib/go-1.N (Debian 12's default golang-go is 1.19, which cannot build the app: no log/slog,
// and its mux treats "GET /path" patterns as literal paths that never match).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { type AppRecipe, toolchainDir } from '../recipe.js';

const MIN_MINOR = 23; // go.mod says `go 1.23`

/** Minor version of the `go` in bin (26 for go1.26.8), or undefined when there is none. */
function minorOf(go: string): number | undefined {
  try {
    const version = execFileSync(go, ['env', 'GOVERSION'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const minor = /^go1\.(\d+)/.exec(version)?.[1];
    return minor === undefined ? undefined : Number(minor);
  } catch {
    return undefined;
  }
}

/** bin folder of the Go to use: the one on PATH if new enough, else the newest Debian backport. */
function goBin(): string {
  const onPath = (process.env.PATH ?? '').split(':').find((dir) => dir && existsSync(join(dir, 'go')));
  if (onPath && (minorOf(join(onPath, 'go')) ?? 0) >= MIN_MINOR) return onPath;
  const minors = (existsSync('/usr/lib') ? readdirSync('/usr/lib') : [])
    .map((entry) => /^go-1\.(\d+)$/.exec(entry)?.[1])
    .filter((minor): minor is string => minor !== undefined)
    .map(Number)
    .filter((minor) => minor >= MIN_MINOR && existsSync(`/usr/lib/go-1.${minor}/bin/go`))
    .sort((a, b) => b - a);
  if (minors[0] === undefined) {
    throw new Error(
      `go recipe: no Go >= 1.${MIN_MINOR} on PATH or under /usr/lib/go-1.N; run \`bash .ci/toolchains/go.sh\` first`,
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
      // The Go found above builds the app: go.mod's `go 1.23` never makes it fetch another toolchain.
      // Modules (the app has none today) come through the Go module proxy, GOPROXY's default.
      GOTOOLCHAIN: 'local',
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
