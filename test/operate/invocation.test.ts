// The commands the tool prints at the end of a run work the way the tool was run: the packed tarball
// through npx (npm create's path) and as a global install. The app's files never say how: they name the
// pinned release (a Node.js app, its pinned devDependency). From the real tarball, npm's cache in a temp folder.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { execa } from 'execa';
import { describe, expect, inject, it } from 'vitest';

import { GIT_ENV, tempDir, userEnv } from '../helpers/cli.js';

const env = () => ({
  ...userEnv(),
  ...GIT_ENV,
  CI: undefined,
  AWS_CONFIG_FILE: '/dev/null',
  npm_config_cache: tempDir('caa-npmcache-'),
  npm_config_update_notifier: 'false',
});
const make = ['web', '--runtime', 'go', '--yes', '--no-install'];
const version = () => JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')).version;

describe('printed commands follow how the tool was run', () => {
  it('npx of the tarball: the app points npx at the same tarball, and that command runs', async () => {
    const tarball = inject('tarball');
    const cwd = tempDir('caa-npx-');
    const e = env();
    // As people type it: a relative path (npx takes an absolute one for a program to run).
    const made = await execa('npx', ['--yes', relative(cwd, tarball), ...make], {
      cwd,
      env: e,
      extendEnv: false,
      reject: false,
      all: true,
      timeout: 180_000,
    });
    expect(made.exitCode, made.all).toBe(0);
    const printed = `npx --yes --package ${tarball} create-apprunner-app`;
    // Prose is wrapped, the command never is.
    expect(made.all.split('\n')).toContain(`${printed} cost`);
    // The app's own files name the release, not this tarball.
    const readme = readFileSync(join(cwd, 'web', 'README.md'), 'utf8');
    expect(readme).toContain(`npx create-apprunner-app@${version()} deploy`);
    expect(readme).not.toContain(tarball);
    // The printed command itself, run as printed.
    const [bin, ...args] = `${printed} status --help`.split(' ');
    const again = await execa(bin!, args, {
      cwd: join(cwd, 'web'),
      env: e,
      extendEnv: false,
      reject: false,
      all: true,
      timeout: 180_000,
    });
    expect(again.exitCode, again.all).toBe(0);
    expect(again.stdout).toContain('create-apprunner-app status [--json]');
  });

  it('a global install: the app runs the command on PATH', async () => {
    const tarball = inject('tarball');
    const prefix = tempDir('caa-global-');
    const e = env();
    const installed = await execa(
      'npm',
      ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', tarball],
      { env: e, extendEnv: false, reject: false, all: true },
    );
    expect(installed.exitCode, installed.all).toBe(0);
    const cwd = tempDir('caa-global-app-');
    const made = await execa(join(prefix, 'bin', 'create-apprunner-app'), make, {
      cwd,
      env: { ...e, PATH: `${join(prefix, 'bin')}:${process.env.PATH}` },
      extendEnv: false,
      reject: false,
      all: true,
    });
    expect(made.exitCode, made.all).toBe(0);
    expect(made.all).toMatch(/^ {2}create-apprunner-app deploy +create the App Runner service/m);
    expect(readFileSync(join(cwd, 'web', 'README.md'), 'utf8')).toContain(
      `npx create-apprunner-app@${version()} delete        # removes the service`,
    );
  });
});
