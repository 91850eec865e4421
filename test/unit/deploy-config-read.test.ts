// The one reader of the deploy config (readDeployConfig), on hostile files: every refusal is a
// UsageError (exit 2) that names the problem, never the parser's own error or a stack; a 1 MB file is
// the limit, and reading one is timed (printed, not asserted).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { MAX_DEPLOY_CONFIG_BYTES, readDeployConfig } from '../../generators/core/deploy-config-file.js';
import { UsageError } from '../../generators/core/errors.js';
import { checkDeployConfig } from '../../generators/platforms/shared/config.js';
import { tempDir } from '../helpers/cli.js';

const GOOD =
  `service:\n  name: shop-api\n  region: us-east-1\nsource:\n  kind: image\n  ecrRepository: shop-api\n  port: 8080\n` +
  'instance:\n  cpu: 1\n  memory: 2\nhealthCheck:\n  protocol: HTTP\n  path: /health\n  interval: 5\n  timeout: 2\n  healthyThreshold: 1\n  unhealthyThreshold: 5\n' +
  'autoScaling:\n  minSize: 1\n  maxSize: 2\n  maxConcurrency: 100\n';

function refusal(contents: string | Buffer): UsageError {
  const file = join(tempDir('caa-config-'), 'apprunner.deploy.yaml');
  writeFileSync(file, contents);
  try {
    readDeployConfig(file);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as Error).message).not.toMatch(/\n\s+at /);
    return error as UsageError;
  }
  throw new Error('the file was read without a refusal');
}

describe('readDeployConfig refuses hostile files with exit 2 and a sentence', () => {
  it('invalid YAML, with the line', () => {
    expect(refusal(`${GOOD}environment: [unclosed\n`).message).toMatch(/is not valid YAML \(line \d+, column \d+\)/);
  });

  it('duplicate keys', () => {
    expect(refusal(`${GOOD}service:\n  name: other\n`).message).toMatch(/not valid YAML.*unique/i);
  });

  it('an alias bomb (billion laughs)', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    expect(refusal(`${GOOD}environment:\n${levels.map((l) => `  ${l}`).join('\n')}\n`).message).toMatch(
      /aliases .* more than 100 times/,
    );
  });

  it('more than 1 MB', () => {
    const big = `${GOOD}environment:\n${'  # padding\n'.repeat(MAX_DEPLOY_CONFIG_BYTES / 12 + 10)}`;
    expect(refusal(big).message).toMatch(/at most 1 MB/);
  });

  it('bytes that are not UTF-8 (Latin-1 é), said so, with the line, never read as U+FFFD', () => {
    const latin1 = Buffer.concat([
      Buffer.from(`${GOOD}environment:\n  GREETING: "caf`),
      Buffer.from([0xe9]),
      Buffer.from('"\n'),
    ]);
    const message = refusal(latin1).message;
    expect(message).toMatch(/not UTF-8 text \(line 23 /);
    expect(message).not.toContain('\uFFFD');
  });

  it('reads a good file, a BOM and real UTF-8 included', () => {
    const file = join(tempDir('caa-config-'), 'apprunner.deploy.yaml');
    writeFileSync(file, `\uFEFF${GOOD}environment:\n  GREETING: "café ${'${AWS::Region}'}"\n  VERSION: 1.10\n`);
    const { config, errors } = checkDeployConfig(readDeployConfig(file));
    expect(errors).toEqual([]);
    expect(config?.environment).toEqual({ GREETING: 'café ${AWS::Region}', VERSION: '1.10' });
  });

  it('reads a config of just under 1 MB (many variables) well inside a second (time printed)', () => {
    const lines: string[] = [];
    // The size is counted as lines are added: joining them all on every step took minutes.
    for (let i = 0, bytes = 0; bytes < MAX_DEPLOY_CONFIG_BYTES - 60_000; i++) {
      lines.push(`  VAR_${i}: "value number ${i}"`);
      bytes += Buffer.byteLength(lines.at(-1)!) + 1;
    }
    const file = join(tempDir('caa-config-'), 'apprunner.deploy.yaml');
    writeFileSync(file, `${GOOD}environment:\n${lines.join('\n')}\n`);
    const start = process.hrtime.bigint();
    const { config, errors } = checkDeployConfig(readDeployConfig(file));
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    console.log(
      `readDeployConfig + checkDeployConfig: ${lines.length} variables, ${(Buffer.byteLength(lines.join('\n')) / 1024).toFixed(0)} KiB in ${ms.toFixed(0)} ms`,
    );
    expect(errors).toEqual([]);
    expect(Object.keys(config!.environment)).toHaveLength(lines.length);
  });
});
