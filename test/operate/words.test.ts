// The packed CLI inside an app's folder: a mistyped command is not a new app's name, a new app inside an
// app needs --force, and each command run inside an app has a help of its own.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { runCli, runInTerminal, snapshot, tempDir } from '../helpers/cli.js';

async function app(): Promise<string> {
  const cwd = tempDir('caa-words-');
  const r = await runCli(['web', '--runtime', 'node', '--yes', '--no-install'], { cwd });
  expect(r.code, r.out).toBe(0);
  return join(cwd, 'web');
}

describe('words inside an app', () => {
  it('stops a mistyped command with "did you mean" and a new app without --force, writing nothing', async () => {
    const dir = await app();
    const before = snapshot(dir);
    const typo = await runCli(['delet'], { cwd: dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('"delet" is not a command. Did you mean: create-apprunner-app delete');
    const other = await runCli(['other-api', '--yes'], { cwd: dir });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('This folder is already an app (it has apprunner.deploy.yaml)');
    expect(other.stderr).toContain('add --force');
    expect(snapshot(dir)).toEqual(before);
    const forced = await runCli(['other-api', '--yes', '--no-install', '--force'], { cwd: dir });
    expect(forced.code, forced.out).toBe(0);
    expect(existsSync(join(dir, 'other-api', 'apprunner.deploy.yaml'))).toBe(true);
  });

  it('asks first on a terminal before creating an app inside an app; no writes nothing', async () => {
    const dir = await app();
    const before = snapshot(dir);
    const r = await runInTerminal(['other-api', '--no-install'], dir, [
      { expect: 'already an app \\(it has apprunner\\.deploy\\.yaml\\)', send: 'n\r' },
    ]);
    expect(r.code, r.out).toBe(1);
    expect(r.out.match(/Cancelled\. Nothing was written\./g)).toHaveLength(1);
    expect(snapshot(dir)).toEqual(before);
  });

  it('gives the generated app commands that run its pinned copy of the tool, and an Operate it section', async () => {
    const dir = await app();
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.scripts.deploy).toBe('create-apprunner-app deploy');
    const tool = 'npx create-apprunner-app';
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('## Operate it');
    for (const c of ['status', 'logs --follow', 'pause', 'resume', 'delete']) expect(readme).toContain(`${tool} ${c}`);
    // An App Runner app's README speaks of App Runner only: the other platform's notes live in its own words.
    expect(readme).toContain('pause         # no instances billed while paused');
    expect(readme).toContain('`delete` lists what it removes (the service, its custom domain association');
    expect(readme).not.toContain('Express Mode has no pause');
  });

  it("prints each command's own help", async () => {
    const cwd = tempDir('caa-words-');
    const help = await runCli(['delete', '--help'], { cwd });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('create-apprunner-app delete [--yes] [--keep-image]');
    expect(help.stdout).toContain('--keep-image');
    expect(help.stdout).not.toContain('--runtime');
    expect(help.stdout).not.toContain('--follow');
    const general = await runCli(['--help'], { cwd });
    for (const c of ['deploy', 'cost', 'status', 'logs', 'pause', 'resume', 'delete'])
      expect(general.stdout).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
  });
});
