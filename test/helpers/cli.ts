// Runs the installed CLI (from the packed tarball) as a user would, with no terminal unless asked.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { execa } from 'execa';
import { inject } from 'vitest';

import { nodeBin } from '../apps/recipes/node.js';

export const cliBin = () => inject('cliBin');

/** Node 22 from the npm registry (installed by .ci/toolchains/node.sh), to run the CLI on a second major. */
export const node22 = () => join(nodeBin(), 'node');

export const tempDir = (prefix = 'caa-') => mkdtempSync(join(tmpdir(), prefix));

/** Same identity for every commit the tests make, so git never stops to ask. */
export const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

/** This process's environment without the test runner's own variables (vitest sets TEST, VITEST*,
 * NODE_ENV=test), which the generated apps' tools would read: rake takes TEST as the test file to run. */
export function userEnv(): Record<string, string | undefined> {
  const env = { ...process.env };
  for (const key of Object.keys(env))
    if (key === 'TEST' || key === 'NODE_ENV' || key.startsWith('VITEST')) delete env[key];
  return env;
}

export interface RunOptions {
  cwd: string;
  node?: string;
  env?: Record<string, string | undefined>;
}

export async function runCli(args: string[], { cwd, node = process.execPath, env = {} }: RunOptions) {
  const result = await execa(node, [cliBin(), ...args], {
    cwd,
    reject: false,
    stdin: 'ignore',
    all: true,
    env: {
      ...userEnv(),
      ...GIT_ENV,
      CI: undefined,
      AWS_REGION: undefined,
      AWS_DEFAULT_REGION: undefined,
      AWS_PROFILE: undefined,
      AWS_CONFIG_FILE: '/dev/null',
      ...env,
    },
    extendEnv: false,
    timeout: 240_000,
  });
  return { code: result.exitCode, out: result.all ?? '', stdout: result.stdout, stderr: result.stderr };
}

/** Every path under dir (folders too), to prove that a refused run changed nothing. */
export function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: false }).map(String).sort();
}

/** Drives the CLI in a pseudo-terminal, typing `steps` at its prompts. */
export async function runInTerminal(
  args: string[],
  cwd: string,
  steps: { expect: string; send: string }[],
  node = process.execPath,
  env: Record<string, string> = {},
) {
  const result = await execa(
    'python3',
    [join(import.meta.dirname, 'pty_run.py'), JSON.stringify(steps), cwd, node, cliBin(), ...args],
    {
      reject: false,
      env: {
        ...userEnv(),
        ...GIT_ENV,
        CI: undefined,
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        ...env,
      },
      extendEnv: false,
      timeout: 120_000,
    },
  );
  return { code: result.exitCode, out: result.stdout };
}
