// Builds, tests and starts the generated Python (Flask 3 + gunicorn) app with the README's own commands and
// the machine's python3. Only the pip index differs (see env): the pinned Flask, gunicorn and pytest releases
// are in the machine's local index, so nothing is substituted.
import { execFileSync } from 'node:child_process';

import type { AppRecipe } from '../recipe.js';

function run(cmd: string, args: string[]): string | undefined {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export const recipe: AppRecipe = {
  runtime: 'python',
  env: () => {
    if (run('python3', ['-c', 'import venv, ensurepip']) === undefined) {
      throw new Error(
        'python recipe: python3 with venv and ensurepip is missing; run `bash .ci/toolchains/python.sh` first',
      );
    }
    // Offline machine: pip's config lists a local package index as an extra index, next to the
    // unreachable public one that pip would retry for every package (6 s becomes over a minute).
    // Making the first local index THE index keeps pip off the network. Read at run time, never stored.
    const extra = run('python3', ['-m', 'pip', 'config', 'get', 'global.extra-index-url']);
    const local = extra?.split(/\s+/).find(Boolean);
    return {
      PIP_DISABLE_PIP_VERSION_CHECK: '1',
      PIP_NO_INPUT: '1',
      ...(local ? { PIP_INDEX_URL: local } : {}),
    };
  },
  build: [
    ['python3', '-m', 'venv', '.venv'],
    ['.venv/bin/pip', 'install', '-r', 'requirements-dev.txt'],
  ],
  test: ['.venv/bin/python', '-m', 'pytest'],
  // gunicorn's console script is the master process itself (no shell, no wrapper), so SIGTERM reaches it.
  start: ['.venv/bin/gunicorn', '-c', 'gunicorn.conf.py', 'app:app'],
};
