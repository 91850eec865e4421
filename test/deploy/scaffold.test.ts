// `--deploy` when scaffolding: the app is written, then deployed in the same run; a code app, which
// has no pushed repository yet, is written and deploy explains what to do first.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { runCli, tempDir } from '../helpers/cli.js';
import { deployEnv, fakeDockerBin, useBackends } from './harness.js';

const b = useBackends();

describe('create-apprunner-app --deploy', () => {
  it('writes an image app, builds and pushes it, and creates the service in one run', async () => {
    const cwd = tempDir();
    const docker = fakeDockerBin();
    const r = await runCli(['shop-api', '--runtime', 'go', '--yes', '--no-install', '--deploy'], {
      cwd,
      env: deployEnv(b, { PATH: `${docker.bin}${delimiter}${process.env.PATH}` }),
    });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('Done: Go');
    expect(b.standIn.inputsOf('CreateService')).toHaveLength(1);
    expect(b.standIn.findService('shop-api')?.service.Status).toBe('RUNNING');
    expect(r.out).toMatch(/awsapprunner\.com/);
  });

  it('writes a code app, then says the repository must be pushed first, with a non-zero exit', async () => {
    const cwd = tempDir();
    const r = await runCli(['web-api', '--runtime', 'node', '--yes', '--no-install', '--deploy'], {
      cwd,
      env: deployEnv(b),
    });
    // Not bad usage: a fresh code app needs its repository first; deploy says the steps in order (exit 1).
    expect(r.code, r.out).toBe(1);
    expect(existsSync(join(cwd, 'web-api', 'apprunner.yaml'))).toBe(true);
    expect(r.stderr).toMatch(/1\. Create an empty repository on GitHub[\s\S]*2\. git remote add origin/);
    expect(r.stderr).toMatch(/To retry: cd web-api && node \S+\/bin\/create-apprunner-app\.js deploy/);
    expect(b.standIn.inputsOf('CreateService')).toHaveLength(0);
  });
});
