// The deploy config is written by our own YAML writer (core/yaml-out.ts) so that a scaffold never loads
// the YAML library. Two checks: for ordinary configs it writes exactly what the library wrote before
// (its Document API, below, is the oracle), and for any value at all the library reads back, in YAML
// 1.1 and 1.2, exactly what was written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Document, isMap, parse, Scalar, visit } from 'yaml';

import {
  type DeployConfig,
  deployConfigComments,
  deployConfigOf,
  renderDeployConfig,
} from '../../generators/core/deploy-config.js';
import { resolveSpec } from '../../generators/core/spec.js';
import { scalar, toYaml, type YamlValue } from '../../generators/core/yaml-out.js';

const specOf = (given: Record<string, string>) => {
  const r = resolveSpec({ directory: 'my-api', ...given }, {}, '/tmp/x');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.spec;
};

/** What renderDeployConfig wrote with the YAML library: the same comments and quoting rule, lineWidth 0. */
function oracle(data: Record<string, unknown>, comments: Record<string, string>, header: string): string {
  const doc = new Document(data);
  doc.commentBefore = header;
  for (const [path, comment] of Object.entries(comments)) {
    const parts = path.split('.');
    const last = parts.pop()!;
    const parent = parts.length ? doc.getIn(parts, true) : doc.contents;
    if (!isMap(parent)) continue;
    const pair = parent.items.find((p) => (p.key as { value?: unknown })?.value === last);
    if (pair) (pair.key as { commentBefore?: string }).commentBefore = comment;
  }
  visit(doc, {
    Scalar(_, node) {
      const v = node.value;
      if (
        typeof v === 'string' &&
        (!/^[A-Za-z/][A-Za-z0-9._/-]*$/.test(v) || /^(y|yes|n|no|true|false|on|off|null)$/i.test(v))
      )
        node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

const ORDINARY = [
  'plain',
  'with space',
  'yes',
  'ON',
  '1.10',
  '0x1F',
  'a: b # c',
  'é ü 日本',
  '"quoted"',
  "it's",
  '/path/x',
  '',
];

function configs(): DeployConfig[] {
  const out: DeployConfig[] = [];
  const sources = { node: ['code', 'image'], python: ['code', 'image'], go: ['image'] };
  for (const [runtime, kinds] of Object.entries(sources))
    for (const source of kinds)
      for (const target of ['apprunner', 'ecs-express']) out.push(deployConfigOf(specOf({ runtime, source, target })));
  const full = deployConfigOf(specOf({ runtime: 'java', source: 'image', target: 'ecs-express' }));
  full.environment = Object.fromEntries(ORDINARY.map((v, i) => [`VAR_${i}`, v]));
  full.environment.ON = 'x';
  full.secrets = { DB_PASSWORD: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf', TOKEN: 'token' };
  full.network = { vpcSubnets: ['subnet-0a1b', 'subnet-2c3d'], vpcSecurityGroups: [] };
  full.domain = 'api.example.com';
  full.observability = { tracing: true };
  full.workshop = { owner: 'alice', expiresAt: '2026-12-04T18:00:00.000Z' };
  full.migratedFrom = {
    apprunnerService: 'arn:aws:apprunner:us-east-1:123456789012:service/old/0123',
    image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/old@sha256:' + 'a'.repeat(64),
    requestsPerTarget: 6000,
  };
  out.push(full);
  return out;
}

describe('the deploy config writer', () => {
  it('writes what the YAML library wrote, byte for byte, for every runtime, source and target', () => {
    for (const config of configs()) {
      const { header, comments } = deployConfigComments(config);
      expect(renderDeployConfig(config)).toBe(oracle(config as never, comments, header));
    }
  });

  it('reads back as written in YAML 1.1 and 1.2, whatever the strings hold', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.constantFrom(...ORDINARY, '\u0085', '\u2028', '\ufeff', '\u007f', '\u0000', '\ud800', '\\', '\t', ' x '),
    );
    const value: fc.Arbitrary<YamlValue> = fc.oneof(
      text,
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
      fc.boolean(),
      fc.array(text, { maxLength: 3 }),
      fc.dictionary(text, text, { maxKeys: 3 }),
    );
    fc.assert(
      fc.property(fc.dictionary(text, value, { maxKeys: 5 }), (data) => {
        const written = toYaml(data, {});
        for (const version of ['1.1', '1.2'] as const) expect(parse(written, { version }) ?? {}).toEqual(data);
      }),
      { numRuns: 2000 },
    );
  });

  it('quotes every string a YAML 1.1 or 1.2 reader would read as something else', () => {
    for (const s of [
      'yes',
      'No',
      'on',
      'OFF',
      'y',
      'null',
      '~',
      '1',
      '1.0',
      '0o17',
      '1:30',
      '2001-12-14',
      '.inf',
      '-x',
      '',
    ])
      expect(scalar(s).startsWith('"')).toBe(true);
    expect(scalar('my-api')).toBe('my-api');
    expect(scalar('/health')).toBe('/health');
    expect(() => scalar(Number.NaN)).toThrow(/not a YAML number/);
  });
});
