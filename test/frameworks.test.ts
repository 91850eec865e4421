// --framework and its question, from the packed CLI: one extra question on a terminal only where the
// runtime has more than one framework (one line each), the choice written and recorded, and a framework
// of another runtime or a typo refused before anything is written.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { RUNTIMES } from '../generators/core/runtimes.js';
import { runCli, runInTerminal, snapshot, tempDir } from './helpers/cli.js';

// Flags that leave the extras checklist out (an extra given as a flag hides it), so the flow is short.
const NO_EXTRAS = ['--no-install', '--no-git', '--iac', 'none', '--ci', 'none', '--secret', '', '--env', ''];
const choices = (of: string) => readFileSync(join(of, '.yo-rc.json'), 'utf8');

describe('the framework question in a terminal', () => {
  it('follows the runtime when it has more than one framework, one line each, and writes the one picked', async () => {
    const cwd = tempDir('caa-fw-tty-');
    const node = RUNTIMES.find((r) => r.id === 'node')!;
    const lines = node.frameworks.map((f) => `${f.id}: ${f.hint}`.replace(/[()]/g, '\\$&'));
    const r = await runInTerminal([...NO_EXTRAS, '--target', 'apprunner', '--source', 'code'], cwd, [
      { expect: 'Where should the app go', send: 'ts-api\r' },
      { expect: 'Which runtime', send: '\r' }, // Node.js
      { expect: `Which framework\\?[\\s\\S]*${lines.join('[\\s\\S]*')}`, send: '\u001b[B\r' }, // the second one
      { expect: 'Use the recommended setup', send: '\r' },
    ]);
    expect(r.code, r.out).toBe(0);
    const dir = join(cwd, 'ts-api');
    expect(existsSync(join(dir, 'tsconfig.json'))).toBe(true);
    expect(existsSync(join(dir, 'server.js'))).toBe(false);
    expect(JSON.parse(choices(dir))['create-apprunner-app'].framework).toBe('express-ts');
    expect(r.out).toContain('Done: Node.js (Express 5, TypeScript) app "ts-api"');
  });

  it('is not asked for a runtime with one framework: four questions', async () => {
    const cwd = tempDir('caa-fw-tty-');
    const r = await runInTerminal(['--no-install', '--no-git'], cwd, [
      { expect: 'Where should the app go', send: 'go-api\r' },
      { expect: 'Which runtime', send: '\u001b[B\u001b[B\u001b[B\r' }, // Go
      { expect: 'Where will it run on AWS', send: '\r' },
      { expect: 'Use the recommended setup', send: '\r' },
    ]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).not.toContain('Which framework');
    expect(JSON.parse(choices(join(cwd, 'go-api')))['create-apprunner-app'].framework).toBe('net-http');
  });
});

describe('--framework', () => {
  it('writes the framework given as a flag and records it', async () => {
    const cwd = tempDir('caa-fw-');
    const r = await runCli(
      ['py-api', '--runtime', 'python', '--framework', 'FastAPI', '--yes', '--no-install', '--no-git'],
      {
        cwd,
      },
    );
    expect(r.code, r.out).toBe(0);
    expect(existsSync(join(cwd, 'py-api', 'server.py'))).toBe(true);
    expect(JSON.parse(choices(join(cwd, 'py-api')))['create-apprunner-app'].framework).toBe('fastapi');
  });

  it.each([
    [
      ['--runtime', 'java', '--framework', 'fastapi'],
      /--framework fastapi is a python framework, not a java one\. Add --runtime python/,
    ],
    [['--framework', 'spring-boot'], /spring-boot is a java framework, not a node one\. Add --runtime java/],
    [
      ['--runtime', 'node', '--framework', 'expres-ts'],
      /Unknown framework "expres-ts" for node\. Did you mean express-ts\?/,
    ],
    [['--runtime', 'go', '--framework', 'gin'], /Unknown framework "gin" for go\. Choose one of: net-http/],
    [['--runtime', 'node', '--framework', 'x\u001b[31m'], /control characters/],
  ])('refuses %j with exit 2, a fix, and nothing written', async (args, message) => {
    const cwd = tempDir('caa-fw-');
    const r = await runCli(['bad-api', ...args, '--yes', '--no-install', '--no-git'], { cwd });
    expect(r.code, r.out).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toContain('\u001b[31m');
    expect(snapshot(cwd)).toEqual([]);
  });
});
