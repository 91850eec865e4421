// CloudFormation and CDK keep values literal: a `${…}` in a variable reaches the stack exactly as typed,
// cfn-lint finds nothing, and `cdk synth` succeeds on values that look like CDK tokens. The round-trip
// of the CloudFormation escaper is a property over arbitrary strings; the templates come from the packed CLI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { execa } from 'execa';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CollectionTag, parse, type ScalarTag } from 'yaml';

import { cfn } from '../../generators/core/escape.js';
import { linkInfraModules } from '../helpers/cdk-infra.js';
import { runCli, tempDir } from '../helpers/cli.js';

type Json = any;
const VALUES = {
  MSG: 'x ${AWS::Region} y',
  S: '${AWS::StackName}',
  D: '${Token[TOKEN.123]}',
  E: '$${!x} ${} $',
  PLAIN: 'a $ b {c}',
};
const envFlags = Object.entries(VALUES).flatMap(([k, v]) => ['--env', `${k}=${v}`]);

/** What CloudFormation makes of a value: Fn::Join evaluated, Fn::Sub refused (none may be left). */
function evaluate(node: Json): Json {
  if (node && typeof node === 'object' && 'Fn::Join' in node) {
    const [sep, parts] = node['Fn::Join'];
    return parts.map(evaluate).join(sep);
  }
  if (node && typeof node === 'object' && ('Fn::Sub' in node || 'Ref' in node))
    throw new Error(`not literal: ${JSON.stringify(node)}`);
  if (typeof node === 'string' && /\$\{/.test(node))
    throw new Error(`a plain string CloudFormation tooling reads as a reference: ${node}`);
  return node;
}

const joinTag: CollectionTag = {
  tag: '!Join',
  collection: 'seq',
  resolve: (seq: unknown) => ({ 'Fn::Join': (seq as { toJSON(): unknown }).toJSON() }),
} as never;
const cfnTags = [
  joinTag,
  ...[
    '!Sub',
    '!Ref',
    '!GetAtt',
    '!If',
    '!Equals',
    '!Not',
    '!Split',
    '!Select',
    '!ImportValue',
    '!FindInMap',
    '!GetAZs',
    '!Base64',
    '!Cidr',
    '!And',
    '!Or',
    '!Condition',
  ].flatMap((tag) => [
    { tag, resolve: (v: string) => ({ [`Fn::${tag.slice(1)}`]: v }) } as ScalarTag,
    {
      tag,
      collection: 'seq',
      resolve: (v: { toJSON(): unknown }) => ({ [`Fn::${tag.slice(1)}`]: v.toJSON() }),
    } as never,
  ]),
];

describe('CloudFormation values stay literal', () => {
  it('round-trips any string (property): what CloudFormation evaluates is exactly the value', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc
            .array(fc.constantFrom('$', '{', '}', '!', '${', 'AWS::Region', 'Token[TOKEN.1]', '"', '\\', ' ', 'é'))
            .map((p) => p.join('')),
        ),
        (s) => {
          const doc = parse(`Value: ${cfn(s)}\n`, { customTags: cfnTags as never }) as { Value: Json };
          expect(evaluate(doc.Value)).toBe(s);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('cfn-lint finds nothing in either template with ${…} values, which hold exactly the typed text', async () => {
    const work = tempDir('caa-iac-');
    const files: string[] = [];
    for (const [id, extra] of [
      ['ar', []],
      ['ecs', ['--target', 'ecs-express']],
    ] as const) {
      const gen = await runCli(
        [
          id,
          '--yes',
          '--no-install',
          '--no-git',
          '--runtime',
          'node',
          '--source',
          'image',
          '--iac',
          'cloudformation',
          ...extra,
          ...envFlags,
        ],
        { cwd: work },
      );
      expect(gen.code, gen.out).toBe(0);
      const file = join(work, id, 'infra', id === 'ar' ? 'apprunner.cfn.yaml' : 'ecs-express.cfn.yaml');
      files.push(file);
      const template = parse(readFileSync(file, 'utf8'), { customTags: cfnTags as never }) as Json;
      const resources = Object.values(template.Resources) as Json[];
      const vars =
        id === 'ar'
          ? resources.find((r) => r.Type === 'AWS::AppRunner::Service').Properties.SourceConfiguration.ImageRepository
              .ImageConfiguration.RuntimeEnvironmentVariables
          : resources.find((r) => r.Type === 'AWS::ECS::ExpressGatewayService').Properties.PrimaryContainer.Environment;
      expect(Object.fromEntries(vars.map((v: Json) => [v.Name, evaluate(v.Value)]))).toEqual(VALUES);
    }
    const run = await execa('cfn-lint', ['--format', 'json', '--include-checks', 'I', '--', ...files], {
      reject: false,
    });
    if (run.stdout === '' && run.exitCode !== 0) throw new Error(`cfn-lint did not run: ${run.stderr}`);
    expect(JSON.parse(run.stdout || '[]')).toEqual([]);
  }, 300_000);

  it('cdk synth succeeds on token-like values and the template holds exactly the typed values', async () => {
    const work = tempDir('caa-cdk-hostile-');
    const gen = await runCli(
      ['app', '--yes', '--no-install', '--no-git', '--runtime', 'go', '--iac', 'cdk', ...envFlags],
      { cwd: work },
    );
    expect(gen.code, gen.out).toBe(0);
    const infra = join(work, 'app', 'infra');
    const modules = await linkInfraModules(infra, readFileSync(join(infra, 'package.json'), 'utf8'));
    const env: Record<string, string> = {
      PATH: process.env.PATH!,
      HOME: work,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
      CDK_DISABLE_CLI_TELEMETRY: 'true',
    };
    await execa(join(modules, '.bin', 'cdk'), ['synth', '--quiet', '--no-notices'], {
      cwd: infra,
      env,
      extendEnv: false,
    });
    const template = JSON.parse(readFileSync(join(infra, 'cdk.out', 'apprunner-app-app.template.json'), 'utf8'));
    const service = (Object.values(template.Resources) as Json[]).find((r) => r.Type === 'AWS::AppRunner::Service');
    const vars = service.Properties.SourceConfiguration.ImageRepository.ImageConfiguration.RuntimeEnvironmentVariables;
    expect(Object.fromEntries(vars.map((v: Json) => [v.Name, evaluate(v.Value)]))).toEqual(VALUES);
    const lint = await execa(
      'cfn-lint',
      ['--format', 'json', '--include-checks', 'I', '--', join(infra, 'cdk.out', 'apprunner-app-app.template.json')],
      { reject: false },
    );
    expect(JSON.parse(lint.stdout || '[]').filter((f: Json) => /E1029|W1020/.test(f.Rule?.Id ?? ''))).toEqual([]);
  }, 600_000);
});
