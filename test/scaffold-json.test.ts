// `--json` for the scaffold, from the packed tarball: stdout holds exactly one JSON object (what was
// written, the app's identity, the next commands), every human line and the installer's output go to
// stderr, and a failure is a JSON error with the exit code. `cost --json` fails as JSON too.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { PLATFORMS } from '../generators/platforms/registry.js';
import { runCli, tempDir } from './helpers/cli.js';

/** stdout as the one JSON line it must be. */
function onlyJson(stdout: string): Record<string, any> {
  const lines = stdout.split('\n').filter(Boolean);
  expect(lines, stdout).toHaveLength(1);
  return JSON.parse(lines[0]!);
}

describe('create --json', () => {
  it.each(PLATFORMS.map((p) => p.id))('reports what it wrote for %s, with git, words on stderr', async (target) => {
    const cwd = tempDir('caa-json-');
    const r = await runCli(['json-api', '--runtime', 'go', '--target', target, '--yes', '--no-install', '--json'], {
      cwd,
    });
    expect(r.code, r.out).toBe(0);
    const json = onlyJson(r.stdout);
    const dir = join(cwd, 'json-api');
    const onDisk = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !join(e.parentPath, e.name).includes('/.git/'))
      .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
      .sort();
    const config = parse(readFileSync(join(dir, 'apprunner.deploy.yaml'), 'utf8'));
    expect(json).toMatchObject({
      ok: true,
      written: true,
      dryRun: false,
      directory: 'json-api',
      path: dir,
      files: onDisk,
      name: 'json-api',
      runtime: 'go',
      platform: target,
      source: 'image',
      region: 'us-east-1',
      appId: config.app.id,
      installed: false,
    });
    expect(json.next[0]).toEqual({ command: 'cd json-api', why: '' });
    expect(json.next.map((n: { command: string }) => n.command)).toContain('go test ./...');
    expect(json.next.at(-1).command).toMatch(/ deploy$/);
    expect(r.stderr).toContain('Creating a Go');
    expect(r.stderr).toContain('Next:');
    expect(existsSync(join(dir, '.git'))).toBe(true);
  });

  it('--dry-run lists the files and writes none', async () => {
    const cwd = tempDir('caa-json-');
    const r = await runCli(['dry-api', '--runtime', 'node', '--yes', '--dry-run', '--json'], { cwd });
    expect(r.code, r.out).toBe(0);
    const json = onlyJson(r.stdout);
    expect(json).toMatchObject({ ok: true, written: false, dryRun: true, runtime: 'node', source: 'code' });
    expect(json.files).toEqual(expect.arrayContaining(['package.json', 'AGENTS.md', 'apprunner.yaml']));
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('a failed install: exit 1, a JSON error naming what was written, the installer on stderr', async () => {
    const cwd = tempDir('caa-json-');
    const r = await runCli(['web-api', '--runtime', 'node', '--yes', '--no-git', '--json'], {
      cwd,
      env: { npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0' },
    });
    expect(r.code, r.out).toBe(1);
    const json = onlyJson(r.stdout);
    expect(json).toMatchObject({ ok: false, written: true, installed: false, error: { exitCode: 1 } });
    expect(json.error.message).toContain('Installing dependencies failed');
    expect(json.next.map((n: { command: string }) => n.command)).toContain('npm install');
    expect(r.stderr).toMatch(/npm error/);
  });

  it.each([
    [['--runtime', 'cobol'], 'Unknown runtime "cobol"'],
    [['--runtime', 'go', '--deploy'], '--json and --deploy do not go together'],
    [['--runtime', 'go'], 'No terminal to ask on'],
  ])('bad usage %j: exit 2, a JSON error, nothing written', async (flags, message) => {
    const cwd = tempDir('caa-json-');
    const r = await runCli(['bad-api', ...flags, ...(flags.includes('--deploy') ? ['--yes'] : []), '--json'], { cwd });
    expect(r.code, r.out).toBe(2);
    expect(onlyJson(r.stdout)).toEqual({
      ok: false,
      error: { message: expect.stringContaining(message), exitCode: 2 },
    });
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('cost --json', () => {
  it('fails as JSON: outside an app, and with a bad assumption', async () => {
    const outside = await runCli(['cost', '--json'], { cwd: tempDir('caa-json-') });
    expect(outside.code).toBe(2);
    expect(onlyJson(outside.stdout)).toMatchObject({ ok: false, error: { exitCode: 2 } });
    const cwd = tempDir('caa-json-');
    expect((await runCli(['c-api', '--runtime', 'go', '--yes', '--no-install', '--no-git'], { cwd })).code).toBe(0);
    const bad = await runCli(['cost', '--json', '--busy-hours', 'lots'], { cwd: join(cwd, 'c-api') });
    expect(bad.code).toBe(2);
    expect(onlyJson(bad.stdout).error.message).toContain('--busy-hours lots');
  });
});
