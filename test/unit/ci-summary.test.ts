// .ci/summary.mjs: the closing line of .ci/run, and the rule that a skipped test fails CI unless
// .ci/skips-allowed names it with a cause.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { tempDir } from '../helpers/cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SUMMARY = join(ROOT, '.ci', 'summary.mjs');

function summarize(tests: { title: string; status: string }[], allowed: string) {
  const dir = tempDir('caa-summary-');
  const report = {
    numPassedTests: tests.filter((t) => t.status === 'passed').length,
    numFailedTests: tests.filter((t) => t.status === 'failed').length,
    numFailedTestSuites: 0,
    testResults: [
      {
        name: join(ROOT, 'test', 'x.test.ts'),
        assertionResults: tests.map((t) => ({ ...t, ancestorTitles: ['group'] })),
      },
    ],
  };
  writeFileSync(join(dir, 'report.json'), JSON.stringify(report));
  writeFileSync(join(dir, 'allowed'), allowed);
  const run = spawnSync('node', [SUMMARY, join(dir, 'report.json'), join(dir, 'allowed')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: run.status, lines: run.stdout.trim().split('\n') };
}

describe('.ci/summary.mjs', () => {
  it('passes with the closing line when nothing failed and every skip is allowed with a cause', () => {
    const result = summarize(
      [
        { title: 'a', status: 'passed' },
        { title: 'b', status: 'skipped' },
      ],
      '# comment\ntest/x.test.ts > group > b -- waits for a feature\n',
    );
    expect(result).toEqual({ code: 0, lines: ['1 passed, 0 failed, 1 skipped'] });
  });

  it('fails on a skip the allow-list does not name, names it, and counts it as failed', () => {
    const result = summarize(
      [
        { title: 'a', status: 'passed' },
        { title: 'b', status: 'skipped' },
        { title: 'c', status: 'todo' },
      ],
      '',
    );
    expect(result.code).toBe(1);
    expect(result.lines).toHaveLength(3);
    expect(result.lines[0]).toMatch(/^skipped, and not allowed with a cause in .*: test\/x\.test\.ts > group > b$/);
    expect(result.lines[1]).toMatch(/: test\/x\.test\.ts > group > c$/);
    expect(result.lines[2]).toBe('1 passed, 2 failed, 2 skipped');
  });

  it('fails on an allow-list line without a cause', () => {
    const result = summarize([{ title: 'b', status: 'skipped' }], 'test/x.test.ts > group > b\n');
    expect(result.code).toBe(1);
    expect(result.lines.at(-1)).toBe('0 passed, 2 failed, 1 skipped');
  });

  it('fails with one failure when there is no report', () => {
    const run = spawnSync('node', [SUMMARY, join(tempDir(), 'none.json'), join(ROOT, '.ci', 'skips-allowed')], {
      encoding: 'utf8',
    });
    expect({ code: run.status, out: run.stdout.trim() }).toEqual({ code: 1, out: '0 passed, 1 failed, 0 skipped' });
  });
});
