// Every runtime's generated app, end to end, with its real toolchain: generate it with the packed CLI,
// install and build it, run its own tests, start it, probe `/`, the health path and a 404 (status AND
// body), run the HTTP contract (test/apps/contract.ts) against it over fetch and raw sockets, check a bad
// PORT ends it with exit 1 and one JSON line, check its log lines are JSON, then SIGTERM it and expect a
// clean exit 0.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

import { VARIANTS } from '../generators/core/runtimes.js';
import { checkBadPort, checkContract } from './apps/contract.js';
import type { AppRecipe } from './apps/recipe.js';
import { GIT_ENV, runCli, tempDir, userEnv } from './helpers/cli.js';
import { freePort, get, waitHealthy } from './helpers/http.js';
import { useTarball } from './helpers/tarball.js';

const HEALTH = '/healthz';

// Every framework of every runtime; its recipe is named after its template folder (node, node-express-ts, ...).
describe.each(VARIANTS)('$id $framework app', (runtime) => {
  it('generates, installs, builds, passes its own tests, answers its health check and stops cleanly on SIGTERM', async () => {
    const { recipe } = (await import(`./apps/recipes/${runtime.templates}.ts`)) as { recipe: AppRecipe };
    const env = { ...userEnv(), ...GIT_ENV, ...recipe.env?.() };
    const cwd = tempDir(`caa-${runtime.templates}-`);
    const name = `${runtime.templates}-e2e-app`.slice(0, 40);
    // Node.js and Python: the CLI's own install (npm / a .venv) is part of what is tested; the others
    // install and build with the recipe, which knows where this machine differs from a user's.
    const cliInstalls = runtime.id === 'node' || runtime.id === 'python';
    const args = [name, '--runtime', runtime.id, '--framework', runtime.framework, '--health-path', HEALTH, '--yes'];
    const options = { cwd, env: { ...env, npm_config_user_agent: 'npm/11.0.0 node/v22' } };
    if (runtime.packageManaged) {
      // The tool pins itself as a devDependency; pointed at the packed tarball (helpers/tarball.ts), the
      // same command again runs the CLI's own install and first commit, as the re-run of a stopped run does.
      const written = await runCli([...args, '--no-install', '--no-git'], options);
      expect(written.code, written.out).toBe(0);
      useTarball(join(cwd, name));
    }
    const created = await runCli([...args, ...(cliInstalls ? [] : ['--no-install'])], options);
    expect(created.code, created.out).toBe(0);
    // pip reached its index at once: an index it cannot reach prints a `WARNING: Retrying` per attempt.
    expect(created.out).not.toContain('Retrying');
    const dir = join(cwd, name);
    // The first commit is there, holding the generated files but not what was installed.
    const log = await execa('git', ['log', '--oneline'], { cwd: dir });
    expect(log.stdout).toMatch(/Initial commit from create-apprunner-app/);
    const tracked = (await execa('git', ['ls-files'], { cwd: dir })).stdout.split('\n');
    expect(tracked).toContain('apprunner.deploy.yaml');
    expect(tracked.some((f) => /^(node_modules|\.venv)\//.test(f))).toBe(false);
    if (runtime.id === 'node') expect(existsSync(join(dir, 'node_modules', 'express'))).toBe(true);
    if (runtime.id === 'python') expect(existsSync(join(dir, '.venv', 'bin', 'pytest'))).toBe(true);

    await recipe.prepare?.(dir);
    for (const [file, ...args] of cliInstalls ? (recipe.afterInstall ?? []) : recipe.build)
      await execa(file!, args, { cwd: dir, env, extendEnv: false, stdio: 'inherit' });
    recipe.verifyBuild?.(dir);
    const [testFile, ...testArgs] = recipe.test;
    const tests = await execa(testFile!, testArgs, { cwd: dir, env, extendEnv: false, all: true, reject: false });
    expect(tests.exitCode, tests.all).toBe(0);

    const port = await freePort();
    const [startFile, ...startArgs] = recipe.start;
    const app = execa(startFile!, startArgs, {
      cwd: dir,
      env: { ...env, PORT: String(port) },
      extendEnv: false,
      reject: false,
      buffer: true,
    });
    let output = '';
    app.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    app.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let exited = false;
    void app.finally(() => {
      exited = true;
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitHealthy(`${base}${HEALTH}`, () => exited);
      expect(await get(`${base}/`)).toEqual({
        status: 200,
        type: expect.stringContaining('application/json'),
        body: { service: name, runtime: runtime.id, message: 'Hello from AWS App Runner' },
      });
      expect(await get(`${base}${HEALTH}`)).toEqual({
        status: 200,
        type: expect.stringContaining('application/json'),
        body: { status: 'ok' },
      });
      expect(await get(`${base}/no-such-page`)).toMatchObject({ status: 404, body: { error: 'not found' } });
      // The default health path is not served: the chosen one replaced it.
      expect((await fetch(`${base}/health`)).status).toBe(404);
      expect(
        await checkContract({
          port,
          healthPath: HEALTH,
          output: () => output,
          oversizedHeaderCloses: recipe.contractGaps?.oversizedHeaderCloses,
        }),
      ).toEqual([]);
    } finally {
      app.kill('SIGTERM');
    }
    const done = await Promise.race([app, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 20_000))]);
    if (done === 'hung') {
      app.kill('SIGKILL');
      throw new Error('the app did not exit within 20 s of SIGTERM');
    }
    expect({ code: done.exitCode, signal: done.signal ?? undefined }, done.stderr).toEqual({
      code: 0,
      signal: undefined,
    });
    const lines = String(done.stdout)
      .split('\n')
      .filter((l) => l.trim() !== '');
    const records = lines.map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`log line is not JSON: ${line}`);
      }
    });
    expect(records.some((r) => r.msg === 'listening')).toBe(true);
    expect(records.some((r) => r.path === HEALTH && r.status === 200)).toBe(true);

    // Point 8 of the contract: a PORT that is not 1..65535 stops the app at start with one JSON line.
    const badPort = async (value: string) => {
      const run = await execa(startFile!, startArgs, {
        cwd: dir,
        env: { ...env, PORT: value },
        extendEnv: false,
        reject: false,
        all: true,
        timeout: 60_000,
      });
      return { code: run.exitCode, output: String(run.all) };
    };
    expect(await checkBadPort(badPort)).toEqual([]);
  });
});
