// Deploying to Amazon ECS Express Mode through the packed CLI: the real @aws-sdk/client-ecs against the
// ECS Express stand-in (test/standin/ecs-express.ts), moto for STS, IAM and ECR, a fake `docker` at the
// process boundary. Apps are scaffolded for App Runner and switched with `deploy --target ecs-express`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { GetRoleCommand, IAMClient, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { cliBin, GIT_ENV, node22, runCli, runInTerminal, tempDir, userEnv } from '../helpers/cli.js';
import { startAppRunnerStandIn } from '../standin/apprunner.js';
import { type EcsStandIn, startEcsExpressStandIn } from '../standin/ecs-express.js';
import { type Moto, startMoto } from '../standin/moto.js';
import { startTaggingStandIn, type TaggingStandIn } from '../standin/tagging.js';
import {
  ACCOUNT,
  appName,
  type Backends,
  CREDENTIALS,
  deployEnv,
  fakeDockerBin,
  makeApp,
  motoState,
} from './harness.js';

const REGISTRY = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`;
const EXECUTION_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
const INFRA_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRoleforExpressGatewayServices';

let moto: Moto;
let ecs: EcsStandIn;
let tagging: TaggingStandIn;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.close());
beforeEach(async () => {
  await moto.reset();
  ecs = await startEcsExpressStandIn();
  // status and delete look for the app's other deployments through the Tagging API in every region.
  tagging = await startTaggingStandIn({
    get ecs() {
      return [ecs];
    },
    motoUrl: moto.url,
  });
});
afterEach(async () => {
  await Promise.all([ecs?.close(), tagging?.close()]);
});

/** `create-apprunner-app deploy <args>`: moto for the shared services, the ECS stand-in for ECS, nothing for App Runner. */
function deploy(dir: string, args: string[] = [], env: Record<string, string | undefined> = {}) {
  const b = { moto, tagging, standIn: { url: 'http://127.0.0.1:9' } } as unknown as Backends;
  return runCli(['deploy', ...args], { cwd: dir, env: { ...deployEnv(b), AWS_ENDPOINT_URL_ECS: ecs.url, ...env } });
}

const readConfig = (dir: string) => readFileSync(join(dir, 'apprunner.deploy.yaml'), 'utf8');

describe('deploy --target ecs-express', () => {
  it('runs the same on Node 22: creates the service and records the target', async () => {
    const dir = await makeApp('image');
    const b = { moto, tagging, standIn: { url: 'http://127.0.0.1:9' } } as unknown as Backends;
    const r = await runCli(['deploy', '--target', 'ecs-express', '--image', `${REGISTRY}/go-api:v1`], {
      cwd: dir,
      node: node22(),
      env: { ...deployEnv(b), AWS_ENDPOINT_URL_ECS: ecs.url },
    });
    expect(r.code, r.out).toBe(0);
    expect(ecs.inputsOf('CreateExpressGatewayService')).toHaveLength(1);
    expect(parse(readConfig(dir)).target).toBe('ecs-express');
  });

  it('switches an image app: creates once with both roles, records the target, then updates with a new tag and creates nothing new', async () => {
    const dir = await makeApp('image');
    const docker = fakeDockerBin();
    const PATH = `${docker.bin}:${process.env.PATH}`;
    const before = readConfig(dir);
    expect(parse(before).target).toBe('apprunner');

    const first = await deploy(dir, ['--target', 'ecs-express'], { PATH });
    expect(first.code, first.out).toBe(0);
    const creates = ecs.inputsOf('CreateExpressGatewayService');
    expect(creates).toHaveLength(1);
    const create = creates[0]!;
    expect(create).toMatchObject({
      serviceName: 'go-api',
      cluster: 'default',
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/${appName(dir, 'executionRole')}`,
      infrastructureRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecsInfrastructureRoleForExpressServices`,
      cpu: '1024',
      memory: '2048',
      healthCheckPath: '/health',
      scalingTarget: { minTaskCount: 1, maxTaskCount: 25 },
      primaryContainer: { containerPort: 8080, environment: [], secrets: [] },
      tags: [
        { key: 'created-by', value: 'create-apprunner-app' },
        { key: 'create-apprunner-app:app-id', value: expect.stringMatching(/^app-[a-z2-7]{12}$/) },
      ],
    });
    const firstImage = create.primaryContainer.image as string;
    expect(firstImage).toMatch(new RegExp(`^${REGISTRY}/go-api:[0-9a-f]{12}-\\d{8}T\\d{6}Z-[0-9a-f]{6}$`));
    expect(readFileSync(docker.log, 'utf8')).toContain(`push ${firstImage}`);
    expect(first.stdout).toMatch(/Created go-api: ACTIVE at https:\/\/go-[0-9a-f]{32}\.ecs\.us-east-1\.on\.aws/);
    expect(first.stdout).toContain('Logs (CloudWatch): /aws/ecs/default/go-api-');
    expect(first.stdout).toContain(
      'https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/default/services/go-api/health?region=us-east-1',
    );
    // The deployment took a few polls: the waiting was seen, not skipped.
    expect(ecs.inputsOf('DescribeServiceDeployments').length).toBeGreaterThanOrEqual(3);

    const state = await motoState(moto);
    expect(state.roles.sort()).toEqual(['ecsInfrastructureRoleForExpressServices', appName(dir, 'executionRole')]);
    expect(state.repositories.map((r) => r.repositoryName)).toEqual(['go-api']);
    const iam = new IAMClient({ endpoint: moto.url, region: 'us-east-1', credentials: CREDENTIALS });
    const trust = async (name: string) =>
      JSON.parse(
        decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: name }))).Role!.AssumeRolePolicyDocument!),
      ).Statement[0].Principal;
    expect(await trust(appName(dir, 'executionRole'))).toEqual({ Service: 'ecs-tasks.amazonaws.com' });
    expect(await trust('ecsInfrastructureRoleForExpressServices')).toEqual({ Service: 'ecs.amazonaws.com' });
    const policies = async (name: string) =>
      (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }))).AttachedPolicies!.map(
        (p) => p.PolicyArn,
      );
    expect(await policies(appName(dir, 'executionRole'))).toEqual([EXECUTION_POLICY]);
    expect(await policies('ecsInfrastructureRoleForExpressServices')).toEqual([INFRA_POLICY]);
    iam.destroy();

    // The choice is recorded as a top-level key, the file's comments kept.
    const after = readConfig(dir);
    expect(parse(after).target).toBe('ecs-express');
    expect(after.split('\n').filter((l) => l.startsWith('#'))).toEqual(
      before.split('\n').filter((l) => l.startsWith('#')),
    );
    expect(JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8'))['create-apprunner-app'].target).toBe(
      'ecs-express',
    );

    // Second deploy, no --target: the recorded target, an update with a new tag, nothing created.
    await new Promise((r) => setTimeout(r, 1100)); // the tag carries the time to the second
    const second = await deploy(dir, [], { PATH });
    expect(second.code, second.out).toBe(0);
    expect(ecs.inputsOf('CreateExpressGatewayService')).toHaveLength(1);
    const updates = ecs.inputsOf('UpdateExpressGatewayService');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.serviceArn).toBe(`arn:aws:ecs:us-east-1:${ACCOUNT}:service/default/go-api`);
    expect(updates[0]!.primaryContainer.image).not.toBe(firstImage);
    expect(updates[0]!.primaryContainer.image).toMatch(new RegExp(`^${REGISTRY}/go-api:`));
    expect(second.stdout).toContain('Updated go-api: ACTIVE at https://');
    expect(second.stdout).not.toContain('Created the IAM role');
    expect(second.stdout).toContain(`Reusing the IAM role ${appName(dir, 'executionRole')}`);
    expect(second.stdout).toContain('Reusing the IAM role ecsInfrastructureRoleForExpressServices');
    expect(first.stdout).toContain('Created the IAM role ecsInfrastructureRoleForExpressServices');
    const again = await motoState(moto);
    expect(again.roles.sort()).toEqual(state.roles.sort());
    expect(again.repositories).toHaveLength(1);

    // cost reads the recorded target too.
    const cost = await runCli(['cost'], { cwd: dir });
    expect(cost.code, cost.out).toBe(0);
    expect(cost.stdout).toContain('Monthly estimate for "go-api" on Amazon ECS Express Mode (target: ecs-express;');
    expect(cost.stdout).toMatch(/^ {2}Total\s+\$65\.61$/m);
    expect(cost.stdout).toContain(
      'For comparison, at the same size AWS App Runner would cost $10.22 idle to $56.94 busy a month',
    );

    // A service being deleted is not deployed over: deploy stops and says how to follow it.
    ecs.setStatus('go-api', 'DRAINING');
    const draining = await deploy(dir, ['--image', `${REGISTRY}/go-api:v2`]);
    expect(draining.code, draining.out).toBe(1);
    expect(draining.stderr).toContain('The ECS Express service go-api is being deleted (DRAINING)');
    expect(ecs.inputsOf('UpdateExpressGatewayService')).toHaveLength(1);
  });

  it('switches a Node.js source app: its Dockerfile, port and apprunner.yaml variables go to ECS', async () => {
    const dir = await makeApp('code');
    const docker = fakeDockerBin();
    const r = await deploy(dir, ['--target', 'ecs-express'], { PATH: `${docker.bin}:${process.env.PATH}` });
    expect(r.code, r.out).toBe(0);
    const [create] = ecs.inputsOf('CreateExpressGatewayService');
    expect(create).toMatchObject({
      serviceName: 'node-api',
      healthCheckPath: '/health',
      primaryContainer: { containerPort: 8080, environment: [{ name: 'NODE_ENV', value: 'production' }] },
    });
    expect(create!.primaryContainer.image).toMatch(new RegExp(`^${REGISTRY}/node-api:`));
    expect(readFileSync(docker.log, 'utf8')).toMatch(/build .*--platform linux\/amd64/);
    expect(parse(readConfig(dir)).target).toBe('ecs-express');
  });

  it('--dry-run prints a CreateExpressGatewayService request the AWS CLI accepts, and sends and writes nothing', async () => {
    const dir = await makeApp('image');
    const before = readConfig(dir);
    const r = await deploy(dir, ['--target', 'ecs-express', '--dry-run']);
    expect(r.code, r.out).toBe(0);
    expect(ecs.requests).toEqual([]);
    expect(readConfig(dir)).toBe(before);
    const block = /--- ecs:CreateExpressGatewayService[^\n]*\n(\{[\s\S]*?\n\})\n/.exec(r.stdout);
    expect(block, r.stdout).not.toBeNull();
    const file = join(tempDir('caa-ecs-dry-'), 'create.json');
    writeFileSync(file, block![1]!);
    const cli = await execa(
      'aws',
      [
        'ecs',
        'create-express-gateway-service',
        '--cli-input-json',
        `file://${file}`,
        '--endpoint-url',
        ecs.url,
        '--region',
        'us-east-1',
        '--output',
        'json',
      ],
      {
        reject: false,
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: 'testing',
          AWS_SECRET_ACCESS_KEY: 'testing',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        },
      },
    );
    expect(cli.exitCode, `${cli.stdout}\n${cli.stderr}`).toBe(0);
    expect(JSON.parse(cli.stdout).service.serviceName).toBe('go-api');
    expect(ecs.inputsOf('CreateExpressGatewayService')).toEqual([JSON.parse(block![1]!)]);
  });

  it('retries while new roles are not usable yet, then creates', async () => {
    const dir = await makeApp('image');
    ecs.fail('CreateExpressGatewayService', 'role-not-ready', { times: 2 });
    const r = await deploy(dir, ['--target', 'ecs-express', '--image', `${REGISTRY}/go-api:v1`]);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain('The new roles are not usable yet');
    expect(ecs.requests.filter((q) => q.operation === 'CreateExpressGatewayService')).toHaveLength(3);
  });

  it.each([
    [
      'access-denied',
      /AWS denied ecs:CreateExpressGatewayService on service go-api\. Your IAM identity needs that permission/,
    ],
    ['throttling', /AWS kept throttling ecs:CreateExpressGatewayService after the SDK's retries/],
    [
      'invalid-parameter',
      /AWS refused ecs:CreateExpressGatewayService on service go-api: The specified image could not be validated/,
    ],
  ] as const)('%s on create: its message, exit 1, and what is left', async (fault, message) => {
    const dir = await makeApp('image');
    ecs.fail('CreateExpressGatewayService', fault);
    const r = await deploy(dir, ['--target', 'ecs-express', '--image', `${REGISTRY}/go-api:v1`]);
    expect(r.code, r.out).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('Left behind:');
    expect(r.stderr).toContain(`The IAM role ${appName(dir, 'executionRole')} was created and is kept`);
    expect(ecs.services.size).toBe(0);
    // Nothing was recorded: the target changes only once AWS accepted.
    expect(parse(readConfig(dir)).target).toBe('apprunner');
  });

  it("a failed deployment ends with exit 1 and AWS's reason", async () => {
    const dir = await makeApp('image');
    ecs.fail('CreateExpressGatewayService', 'deployment-failed');
    const r = await deploy(dir, ['--target', 'ecs-express', '--image', `${REGISTRY}/go-api:v1`]);
    expect(r.code, r.out).toBe(1);
    expect(r.stderr).toContain('The deployment of go-api failed (STOPPED). AWS said: ECS deployment circuit breaker');
    expect(r.stderr).toContain('The ECS Express service go-api was created');
  });

  it('--no-wait returns once AWS accepted, with the command to follow it', async () => {
    const dir = await makeApp('image');
    const r = await deploy(dir, ['--target', 'ecs-express', '--image', `${REGISTRY}/go-api:v1`, '--no-wait']);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain(
      `aws ecs describe-express-gateway-service --service-arn arn:aws:ecs:us-east-1:${ACCOUNT}:service/default/go-api --region us-east-1`,
    );
    expect(ecs.inputsOf('DescribeServiceDeployments')).toEqual([]);
  });

  it('creates nothing when there are no credentials', async () => {
    const dir = await makeApp('image');
    const r = await deploy(dir, ['--target', 'ecs-express', '--image', `${REGISTRY}/go-api:v1`], {
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
    });
    expect(r.code, r.out).toBe(1);
    expect(r.stderr).toContain('No AWS credentials were found');
    expect(r.stderr).toContain('Nothing was created.');
    expect(ecs.requests).toEqual([]);
    expect((await motoState(moto)).roles).toEqual([]);
  });

  it('refuses settings that have no meaning on ECS Express (exit 2), before anything is sent', async () => {
    const dir = await makeApp('image');
    const file = join(dir, 'apprunner.deploy.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}observability:\n  tracing: true\n`);
    const r = await deploy(dir, ['--target', 'ecs-express', '--image', `${REGISTRY}/go-api:v1`]);
    expect(r.code, r.out).toBe(2);
    expect(r.stderr).toContain('These settings have no meaning on Amazon ECS Express Mode');
    expect(r.stderr).toContain('observability.tracing');
    expect(ecs.requests).toEqual([]);
  });

  it('on Ctrl-C while waiting, leaves the deployment going and says how to check it (exit 130)', async () => {
    await ecs.close();
    ecs = await startEcsExpressStandIn({ deploymentPolls: Infinity });
    const dir = await makeApp('image');
    const b = { moto, tagging, standIn: { url: 'http://127.0.0.1:9' } } as unknown as Backends;
    const child = execa(
      process.execPath,
      [cliBin(), 'deploy', '--target', 'ecs-express', '--image', `${REGISTRY}/go-api:v1`],
      {
        cwd: dir,
        reject: false,
        stdin: 'ignore',
        extendEnv: false,
        env: { ...userEnv(), ...GIT_ENV, CI: undefined, ...deployEnv(b), AWS_ENDPOINT_URL_ECS: ecs.url },
      },
    );
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      if (/Creating go-api: service ACTIVE · deployment IN_PROGRESS/.test(out)) child.kill('SIGINT');
    });
    const r = await child;
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(130);
    expect(r.stderr).toContain('Stopped waiting. The operation goes on at AWS; check it with:');
    expect(r.stderr).toContain(
      `aws ecs describe-express-gateway-service --service-arn arn:aws:ecs:us-east-1:${ACCOUNT}:service/default/go-api --region us-east-1`,
    );
    expect(r.stderr).toContain('The ECS Express service go-api was created');
  });
});

describe('an account App Runner does not take, on a terminal', () => {
  it('is offered ECS Express Mode at once, and the same app deploys there with a live progress line', async () => {
    const appRunner = await startAppRunnerStandIn();
    appRunner.fail('ListServices', 'not-subscribed');
    try {
      const dir = await makeApp('image');
      const b = { moto, standIn: appRunner } as unknown as Backends;
      const env = Object.fromEntries(
        Object.entries({ ...deployEnv(b), AWS_ENDPOINT_URL_ECS: ecs.url }).filter(
          (e): e is [string, string] => e[1] !== undefined,
        ),
      );
      const r = await runInTerminal(
        ['deploy', '--image', `${REGISTRY}/go-api:v1`],
        dir,
        [
          { expect: 'Deploy it to Amazon ECS Express Mode now\\?', send: '\r' },
          { expect: 'Create the ECS Express service go-api\\?', send: '\r' },
        ],
        process.execPath,
        env,
      );
      expect(r.code, r.out).toBe(0);
      expect(r.out).toContain('This AWS account (123456789012) cannot use App Runner');
      expect(r.out).toMatch(/create-apprunner-app(\.js'?)? deploy --target ecs-express/);
      expect(r.out).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Creating go-api · \d+s · service ACTIVE · deployment /);
      expect(r.out).toContain('Created go-api: ACTIVE at https://');
      expect(appRunner.inputsOf('CreateService')).toEqual([]);
      expect(ecs.inputsOf('CreateExpressGatewayService')).toHaveLength(1);
      expect(parse(readConfig(dir)).target).toBe('ecs-express');
    } finally {
      await appRunner.close();
    }
  });
});
