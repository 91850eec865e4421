// Property-based: arbitrary strings for every free value (service name, health path, env names and
// values, secret names and sources, domain, region) go through resolve + render for every runtime and
// source kind, with the CloudFormation and GitHub Actions extras on. Each value must either be refused
// (the CLI then exits 2 and writes nothing: checked on a sample through the packed CLI below) or read
// back EXACTLY from every file it lands in: YAML by yaml in 1.1 and 1.2 mode, JSON by JSON.parse, and
// code literals by the language itself (one batched program per language, see helpers/literals.ts).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { execa } from 'execa';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, type YAMLSeq } from 'yaml';

import { DEPLOY_CONFIG_FILE } from '../generators/core/deploy-config.js';
import type { Values } from '../generators/core/options.js';
import { VARIANTS } from '../generators/core/runtimes.js';
import { resolveSpec } from '../generators/core/spec.js';
import { runCli, snapshot, tempDir } from './helpers/cli.js';
import { codePoints, evaluate, type Language } from './helpers/literals.js';
import { renderApp } from './helpers/render.js';

type Json = any; // parsed YAML/JSON, checked field by field below

// CloudFormation's short-form tags as their long forms, so the template parses as data.
const FUNCTIONS = ['Ref', 'Sub', 'GetAtt', 'If', 'Not', 'Equals', 'Join', 'Select', 'Split'];
const fnKey = (n: string) => (n === 'Ref' ? 'Ref' : `Fn::${n}`);
const customTags = FUNCTIONS.flatMap((n) => [
  { tag: `!${n}`, resolve: (v: string) => ({ [fnKey(n)]: v }) },
  { tag: `!${n}`, collection: 'seq' as const, resolve: (seq: YAMLSeq) => ({ [fnKey(n)]: seq.toJSON() }) },
]);
const VERSIONS = ['1.1', '1.2'] as const;
const readYaml = (text: string, version: '1.1' | '1.2'): Json => parse(text, { version, customTags });

const TRICKY = [
  'yes',
  'off',
  'ON',
  'y',
  'null',
  '~',
  '1:30',
  '2001-12-14',
  '0x1F',
  '0o17',
  '1_000',
  '1e10',
  ' padded ',
  '${AWS::AccountId}',
  '#{`id`}',
  '\\u0022',
  '"',
  "'",
  '\\',
  'a: b # c',
  '- x',
  '*a',
  '!tag',
  '%',
  '@',
  'é',
  '😀',
  '\u2028',
  '\t',
  '\x7f',
  '\x85',
  '',
];
const STRING = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 4 }),
);
// Repeated --env/--secret flags reach the core joined by newlines (the CLI refuses a newline inside a value).
const LINE = STRING.map((s) => s.replace(/\n/g, ''));
// Mostly valid values, so most runs get through to the files; the rest check the refusals.
const often = <T>(valid: fc.Arbitrary<T>, ...others: fc.Arbitrary<T>[]) =>
  fc.oneof({ arbitrary: valid, weight: 12 * others.length }, ...others);
const ENV_NAME = often(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/),
  fc.constantFrom('ON', 'Y', 'NO', 'NULL', 'PORT', 'NODE_ENV', '1X'),
  LINE,
);
const NAME = often(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{3,20}$/),
  fc.constantFrom('null', 'true', 'NULL', '0x1F', '1e10', '1_000', '2001-12-14', '0o17', 'yes_', 'http'),
  STRING,
);
const HEALTH = often(
  fc.stringMatching(/^\/[A-Za-z0-9._~-]{1,12}$/),
  fc.constantFrom('/yes', '/~', '/1:30', '/a/../b', '/0x1F', '/null'),
  STRING,
);
const SECRET_SOURCE = often(
  fc
    .tuple(LINE, LINE, LINE)
    .map(([a, b, c]) =>
      `arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:${a}:${b}:${c}`.replace(
        /:([^:]*):([^:]*):([^:]*):.*$/,
        ':$1:$2:$3',
      ),
    ),
  fc.stringMatching(/^\/[A-Za-z0-9_.-]{1,10}(\/[A-Za-z0-9_.-]{1,10})?$/),
  fc.constant('arn:aws:ssm:us-east-1:123456789012:parameter/shop/token'),
  LINE,
);
const DOMAIN = often(fc.oneof(fc.constant(''), fc.stringMatching(/^[a-z0-9]{1,8}\.[a-z]{2,6}$/)), STRING);
const REGION = often(fc.constantFrom('us-east-1', 'eu-west-3'), fc.constantFrom('yes', 'us-east-01'), STRING);
const INPUT = fc.record({
  app: fc.constantFrom(
    ...VARIANTS.flatMap((r) =>
      r.sources.map((source) => ({ runtime: r.id, framework: r.framework, templates: r.templates, source })),
    ),
  ),
  name: NAME,
  healthPath: HEALTH,
  region: REGION,
  domain: DOMAIN,
  env: fc.uniqueArray(fc.tuple(ENV_NAME, LINE), { maxLength: 3, selector: ([n]) => n }),
  secrets: fc.uniqueArray(fc.tuple(ENV_NAME, SECRET_SOURCE), { maxLength: 2, selector: ([n]) => n }),
});
type Input = typeof INPUT extends fc.Arbitrary<infer T> ? T : never;

// Where name and health path land in code, per template folder: the file, the literal's pattern, its language.
const LITERALS: Record<string, { file: string; pattern: RegExp; value: 'name' | 'healthPath'; language: Language }[]> =
  {
    node: [
      { file: 'src/app.js', pattern: /^export const SERVICE = (.*);$/m, value: 'name', language: 'js' },
      { file: 'src/app.js', pattern: /^export const HEALTH_PATH = (.*);$/m, value: 'healthPath', language: 'js' },
      { file: 'test/app.test.js', pattern: /^const HEALTH_PATH = (.*);$/m, value: 'healthPath', language: 'js' },
      { file: 'test/app.test.js', pattern: /body: \{ service: (.*), runtime: 'node'/, value: 'name', language: 'js' },
    ],
    'node-express-ts': [
      { file: 'src/app.ts', pattern: /^export const SERVICE = (.*);$/m, value: 'name', language: 'js' },
      { file: 'src/app.ts', pattern: /^export const HEALTH_PATH = (.*);$/m, value: 'healthPath', language: 'js' },
      { file: 'test/app.test.ts', pattern: /^const HEALTH_PATH = (.*);$/m, value: 'healthPath', language: 'js' },
      { file: 'test/app.test.ts', pattern: /body: \{ service: (.*), runtime: 'node'/, value: 'name', language: 'js' },
    ],
    'python-fastapi': [
      { file: 'app.py', pattern: /^SERVICE_NAME = (.*)$/m, value: 'name', language: 'python' },
      { file: 'app.py', pattern: /^HEALTH_PATH = (.*)$/m, value: 'healthPath', language: 'python' },
    ],
    'java-spring-boot': [
      {
        file: 'src/main/java/com/example/app/Routes.java',
        pattern: /static final String SERVICE = (.*);$/m,
        value: 'name',
        language: 'java',
      },
      {
        file: 'src/test/java/com/example/app/AppTest.java',
        pattern: /static final String HEALTH_PATH = (.*);$/m,
        value: 'healthPath',
        language: 'java',
      },
    ],
    python: [
      { file: 'app.py', pattern: /^SERVICE_NAME = (.*)$/m, value: 'name', language: 'python' },
      { file: 'app.py', pattern: /^HEALTH_PATH = (.*)$/m, value: 'healthPath', language: 'python' },
    ],
    go: [
      { file: 'config.go', pattern: /^\tserviceName = (.*)$/m, value: 'name', language: 'go' },
      { file: 'config.go', pattern: /^\thealthPath = (.*)$/m, value: 'healthPath', language: 'go' },
    ],
    rust: [
      { file: 'src/lib.rs', pattern: /^pub const SERVICE: &str = (.*);$/m, value: 'name', language: 'rust' },
      { file: 'src/lib.rs', pattern: /^pub const HEALTH_PATH: &str = (.*);$/m, value: 'healthPath', language: 'rust' },
    ],
    java: [
      {
        file: 'src/main/java/com/example/app/App.java',
        pattern: /static final String SERVICE = (.*);$/m,
        value: 'name',
        language: 'java',
      },
      {
        file: 'src/main/java/com/example/app/App.java',
        pattern: /static final String HEALTH_PATH = (.*);$/m,
        value: 'healthPath',
        language: 'java',
      },
    ],
    ruby: [
      { file: 'app.rb', pattern: /^ {2}SERVICE = (.*)$/m, value: 'name', language: 'ruby' },
      { file: 'app.rb', pattern: /^ {2}HEALTH_PATH = (.*)$/m, value: 'healthPath', language: 'ruby' },
      { file: 'test/app_test.rb', pattern: /"service" => (.*), "runtime"/, value: 'name', language: 'ruby' },
      {
        file: 'test/app_test.rb',
        pattern: /def test_health_check\n {4}get (.*)$/m,
        value: 'healthPath',
        language: 'ruby',
      },
    ],
  };

const given = (input: Input): Partial<Values> => ({
  directory: 'app',
  runtime: input.app.runtime,
  framework: input.app.framework,
  source: input.app.source,
  name: input.name,
  healthPath: input.healthPath,
  region: input.region,
  domain: input.domain,
  iac: 'cloudformation',
  ci: 'github',
  env: input.env.map(([n, v]) => `${n}=${v}`).join('\n'),
  secrets: input.secrets.map(([n, v]) => `${n}=${v}`).join('\n'),
});

/** What CloudFormation makes of a value: a string, or the Fn::Join that keeps a `${` literal (escape.ts cfn). */
function cfnString(v: Json): string {
  if (typeof v === 'string') return v;
  const join = (v as { 'Fn::Join'?: [string, Json[]] })['Fn::Join'];
  if (!join) throw new Error(`not a literal CloudFormation string: ${JSON.stringify(v)}`);
  return join[1].map(cfnString).join(join[0]);
}

/** Checks every YAML and JSON file of an accepted input; code literals are queued for their language. */
function checkFiles(
  input: Input,
  files: Map<string, string>,
  queue: Map<Language, { literal: string; expected: string }[]>,
): void {
  const env = Object.fromEntries(input.env);
  const secrets = Object.fromEntries(input.secrets);
  const image = input.app.source === 'image';
  for (const version of VERSIONS) {
    const config = readYaml(files.get(DEPLOY_CONFIG_FILE)!, version);
    expect(config.service, `deploy config, YAML ${version}`).toEqual({ name: input.name, region: input.region });
    expect(config.healthCheck.path).toBe(input.healthPath);
    expect(config.environment).toEqual(image ? env : {});
    expect(config.secrets ?? {}).toEqual(secrets);
    expect(config.domain ?? '').toBe(input.domain);

    const cfn = readYaml(files.get('infra/apprunner.cfn.yaml')!, version);
    const service = cfn.Resources.Service.Properties;
    expect(service.ServiceName, `CloudFormation, YAML ${version}`).toBe(input.name);
    expect(service.HealthCheckConfiguration.Path).toBe(input.healthPath);
    if (image) {
      const vars = service.SourceConfiguration.ImageRepository.ImageConfiguration.RuntimeEnvironmentVariables ?? [];
      expect(Object.fromEntries(vars.map((v: Json) => [v.Name, cfnString(v.Value)]))).toEqual(env);
      const refs = service.SourceConfiguration.ImageRepository.ImageConfiguration.RuntimeEnvironmentSecrets ?? [];
      for (const ref of refs) {
        const source = secrets[ref.Name]!;
        if (source.startsWith('arn:')) expect(ref.Value).toBe(source);
        else
          expect(ref.Value['Fn::Sub']).toBe(
            `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/${source.replace(/^\//, '').replace(/\$\{/g, '${!')}`,
          );
      }
    } else {
      const run = readYaml(files.get('apprunner.yaml')!, version).run;
      const vars = Object.fromEntries((run.env as Json[]).map((v) => [v.name, v.value]));
      expect(vars, `apprunner.yaml, YAML ${version}`).toMatchObject(env);
      expect(Object.fromEntries((run.secrets ?? []).map((v: Json) => [v.name, v['value-from']]))).toEqual(secrets);
    }
    const workflow = readYaml(files.get('.github/workflows/ci.yml')!, version);
    if (image)
      expect(workflow.jobs.deploy.steps.find((s: Json) => s.with?.['aws-region'])?.with['aws-region']).toBe(
        input.region,
      );
  }
  if (input.app.runtime === 'node')
    expect(JSON.parse(files.get('package.json')!).description).toMatch(
      new RegExp(`^${input.name.replace(/[^\w]/g, '\\$&')}: `),
    );
  for (const spot of LITERALS[input.app.templates] ?? []) {
    const match = spot.pattern.exec(files.get(spot.file)!);
    expect(match, `${spot.file} ${spot.pattern}`).not.toBeNull();
    const list = queue.get(spot.language) ?? [];
    list.push({ literal: match![1]!, expected: input[spot.value] });
    queue.set(spot.language, list);
  }
}

describe('every value from the user reads back exactly, or is refused', () => {
  it('through resolve + render, for every runtime and source kind (fast-check, 500 runs)', async () => {
    const queue = new Map<Language, { literal: string; expected: string }[]>();
    let accepted = 0;
    let refused = 0;
    const cfnTemplates: string[] = [];
    fc.assert(
      fc.property(INPUT, (input) => {
        const resolved = resolveSpec(given(input), {}, tempRoot);
        if (!resolved.ok) {
          refused++;
          expect(resolved.errors.length).toBeGreaterThan(0);
          return;
        }
        accepted++;
        const files = renderApp(resolved.spec);
        checkFiles(input, files, queue);
        if (input.env.length || input.secrets.length) cfnTemplates.push(files.get('infra/apprunner.cfn.yaml')!);
      }),
      { numRuns: 500, seed: 20261202 },
    );
    // Both outcomes must really be exercised, or the property says little.
    expect(accepted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
    // cfn-lint (which reads YAML with its own loader) accepts the templates holding the odd values: up to 25 of them.
    const dir = tempDir('caa-values-cfn-');
    const templates = cfnTemplates.slice(0, 25).map((text, i) => {
      const file = join(dir, `t${i}.yaml`);
      writeFileSync(file, text);
      return file;
    });
    const lint = await execa('cfn-lint', ['--format', 'json', '--', ...templates], { reject: false });
    if (lint.stdout === '' && lint.exitCode !== 0) throw new Error(`cfn-lint did not run: ${lint.stderr}`);
    expect(
      JSON.parse(lint.stdout || '[]').map(
        (f: Json) => `${f.Filename}:${f.Location.Start.LineNumber} ${f.Rule.Id} ${f.Message}`,
      ),
    ).toEqual([]);
    for (const [language, items] of queue) {
      const back = await evaluate(
        language,
        items.map((i) => i.literal),
      );
      expect(back, language).toEqual(items.map((i) => codePoints(i.expected)));
    }
  });

  it('through the packed CLI: exit 0 and the same values in the deploy config, or exit 2 with nothing written', async () => {
    const inputs = fc.sample(
      INPUT.filter((i) => i.app.source === 'image'),
      { numRuns: 14, seed: 7 },
    );
    // A few that must pass, so the readback side is always exercised.
    inputs.push({
      ...inputs[0]!,
      name: 'null',
      healthPath: '/yes',
      region: 'eu-west-3',
      domain: '',
      env: [
        ['ON', ' 1:30 '],
        ['X', '${AWS::AccountId}'],
      ],
      secrets: [],
    });
    inputs.push({
      ...inputs[0]!,
      name: '0x1F',
      healthPath: '/0o17',
      region: 'us-east-1',
      domain: 'example.com',
      env: [['Y', '#{`id`} \'yes\' "no"']],
      secrets: [['TOKEN', '/shop/token']],
    });
    let passed = 0;
    for (const input of inputs) {
      const cwd = tempDir('caa-values-');
      const g = given(input);
      const args = [
        'app',
        '--runtime',
        g.runtime!,
        '--source',
        g.source!,
        '--name',
        g.name!,
        '--health-path',
        g.healthPath!,
        '--region',
        g.region!,
        '--domain',
        g.domain!,
        ...input.env.flatMap(([n, v]) => ['--env', `${n}=${v}`]),
        ...input.secrets.flatMap(([n, v]) => ['--secret', `${n}=${v}`]),
        '--yes',
        '--no-install',
        '--no-git',
      ];
      // argv cannot carry NUL (nor an unpaired surrogate): those inputs cannot be typed at all.
      if (args.some((a) => a.includes('\0'))) continue;
      const result = await runCli(
        args.map((a) => (a.startsWith('-') || a === 'app' ? a : a)),
        { cwd },
      );
      if (result.code === 2) {
        expect(snapshot(cwd), result.out).toEqual([]);
        continue;
      }
      expect(result.code, result.out).toBe(0);
      passed++;
      expect(existsSync(join(cwd, 'app', DEPLOY_CONFIG_FILE))).toBe(true);
      for (const version of VERSIONS) {
        const config = readYaml(readFileSync(join(cwd, 'app', DEPLOY_CONFIG_FILE), 'utf8'), version);
        expect(config.service).toEqual({ name: input.name, region: input.region });
        expect(config.healthCheck.path).toBe(input.healthPath);
        expect(config.environment).toEqual(Object.fromEntries(input.env));
      }
    }
    expect(passed).toBeGreaterThanOrEqual(2);
  });
});

const tempRoot = tempDir('caa-values-root-');
