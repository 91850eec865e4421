// Builds, tests and starts the generated Python (Flask 3 + gunicorn) app with the README's own commands and
// the machine's python3. The pinned Flask, gunicorn and pytest releases come from the real index (PyPI),
// as for any user: the recipe only keeps the machine's own pip settings from pointing anywhere else.
import { execFileSync } from 'node:child_process';
import { devNull } from 'node:os';

import type { AppRecipe } from '../recipe.js';

function works(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const recipe: AppRecipe = {
  runtime: 'python',
  env: () => {
    if (!works('python3', ['-c', 'import venv, ensurepip'])) {
      throw new Error(
        'python recipe: python3 with venv and ensurepip is missing; run `bash .ci/toolchains/python.sh` first',
      );
    }
    return {
      PIP_DISABLE_PIP_VERSION_CHECK: '1',
      PIP_NO_INPUT: '1',
      // pip's defaults, i.e. PyPI only: no pip.conf is read (pip documents os.devnull for that), and no
      // index or wheel folder set in the environment is used. PIP_CERT stays: HTTPS may need the machine's CA.
      PIP_CONFIG_FILE: devNull,
      PIP_INDEX_URL: undefined,
      PIP_EXTRA_INDEX_URL: undefined,
      PIP_FIND_LINKS: undefined,
      PIP_NO_INDEX: undefined,
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
