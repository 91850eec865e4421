// status, logs, pause and delete for an app deployed with --target ecs-express, through the packed CLI:
// the real @aws-sdk/client-ecs against the ECS Express stand-in (test/standin/ecs-express.ts), moto for
// STS, IAM, ECR and CloudWatch Logs, a fake `docker` at the process boundary.
import { CreateExpressGatewayServiceCommand, ECSClient } from '@aws-sdk/client-ecs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  ACCOUNT,
  appName,
  type Backends,
  CREDENTIALS,
  deployEnv,
  fakeDockerBin,
  makeApp,
  motoState,
} from '../deploy/harness.js';
import { node22, runInTerminal } from '../helpers/cli.js';
import { type AppRunnerStandIn, startAppRunnerStandIn } from '../standin/apprunner.js';
import { type EcsStandIn, startEcsExpressStandIn } from '../standin/ecs-express.js';
import { type Moto, startMoto } from '../standin/moto.js';
import { startTaggingStandIn, type TaggingStandIn } from '../standin/tagging.js';
import { cli as runIn, putLogs, spawnCli, toolCommand, waitForOutput } from './harness.js';

const ARN = `arn:aws:ecs:us-east-1:${ACCOUNT}:service/default/go-api`;

let moto: Moto;
let ecs: EcsStandIn;
let tagging: TaggingStandIn;
let closed: AppRunnerStandIn;
/** Where App Runner answers, when a test moves it (default: the closed account's stand-in). */
let appRunnerUrl: string | undefined;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.close());
beforeEach(async () => {
  await moto.reset();
  ecs = await startEcsExpressStandIn();
  // The account most ECS Express users have: App Runner is closed to it (SubscriptionRequiredException).
  closed = await startAppRunnerStandIn();
  closed.fail('*', 'not-subscribed');
  appRunnerUrl = undefined;
  // status and delete look for the app's other deployments through the Tagging API in every region.
  tagging = await startTaggingStandIn({
    get ecs() {
      return [ecs];
    },
    motoUrl: moto.url,
  });
});
afterEach(async () => {
  // An ECS Express app only ever reads App Runner (delete: does any App Runner service pull from its repository?).
  expect(closed.requests.map((r) => r.operation).filter((o) => o !== 'ListServices')).toEqual([]);
  await Promise.all([ecs?.close(), tagging?.close(), closed?.close()]);
});

const backends = () => ({ moto, tagging, standIn: { url: appRunnerUrl ?? closed.url } }) as unknown as Backends;
const cli = (dir: string, args: string[], env: Record<string, string | undefined> = {}, node?: string) =>
  runIn(backends(), dir, args, { AWS_ENDPOINT_URL_ECS: ecs.url, ...env }, node);

async function deployed(args: string[] = []) {
  const dir = await makeApp('image');
  const docker = fakeDockerBin();
  const r = await cli(dir, ['deploy', '--target', 'ecs-express', ...args], {
    PATH: `${docker.bin}:${process.env.PATH}`,
  });
  expect(r.code, r.out).toBe(0);
  // deploy's report names what comes next, in the form that works for this copy of the tool; no pause.
  if (!args.includes('--no-wait'))
    for (const next of ['status', 'logs --follow', 'delete']) expect(r.stdout).toContain(`${toolCommand()} ${next}`);
  expect(r.stdout).not.toContain(`${toolCommand()} pause`);
  return { dir, service: ecs.services.get('go-api')! };
}

const deletes = () => ecs.requests.filter((r) => r.operation === 'DeleteExpressGatewayService');

describe('delete and the ECR repository on ECS Express Mode', () => {
  it('removes the repository when App Runner is closed to the account (no App Runner service can pull from it)', async () => {
    const { dir } = await deployed();
    const r = await cli(dir, ['delete', '--yes']);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toMatch(/Removed the ECR repository go-api and its \d+ image\(s\)\./);
    expect(closed.inputsOf('ListServices').length).toBeGreaterThan(0);
    expect((await motoState(moto)).repositories).toEqual([]);
  });

  it('keeps the repository, saying why, when it cannot read whether an App Runner service pulls from it', async () => {
    const { dir } = await deployed();
    appRunnerUrl = 'http://127.0.0.1:9';
    const r = await cli(dir, ['delete', '--yes'], { CREATE_APPRUNNER_APP_TIMEOUT_MS: '2000' });
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toMatch(
      /the ECR repository go-api and its \d+ image\(s\): delete could not read which services use it \(apprunner:ListServices: /,
    );
    expect((await motoState(moto)).repositories.map((x) => x.repositoryName)).toEqual(['go-api']);
    // The next run, once App Runner answers (here: closed to the account), removes it.
    appRunnerUrl = undefined;
    const again = await cli(dir, ['delete', '--yes']);
    expect(again.code, again.out).toBe(0);
    expect((await motoState(moto)).repositories).toEqual([]);
  });
});

describe('status, logs, pause and delete on ECS Express Mode', () => {
  it('walks the whole life of a service and leaves nothing of it behind but the shared role, cluster and log group', async () => {
    const { dir, service } = await deployed();
    const tool = toolCommand();
    const group = service.activeConfigurations[0].primaryContainer.awsLogsConfiguration.logGroup as string;
    const endpoint = service.activeConfigurations[0].ingressPaths[0].endpoint as string;
    const image = service.activeConfigurations[0].primaryContainer.image as string;

    const status = await cli(dir, ['status']);
    expect(status.code, status.out).toBe(0);
    expect(status.stdout).toContain('go-api (ECS Express Mode, us-east-1): ACTIVE');
    expect(status.stdout).toMatch(new RegExp(`URL\\s+https://${endpoint.replace(/\./g, '\\.')}\\n`));
    expect(status.stdout).toMatch(/Health\s+https:\/\/\S+\/health: ENOTFOUND/); // the stand-in's host resolves nowhere
    expect(status.stdout).toMatch(/Last deployment\s+SUCCESSFUL, ended \d{4}-/);
    expect(status.stdout).toMatch(/Task size\s+1 vCPU, 2 GB; 1-25 tasks, scaled on average CPU/);
    expect(status.stdout).toMatch(/Tasks\s+1 running, 0 pending, 1 requested/);
    expect(status.stdout).toMatch(/Source\s+image \S+go-api:/);
    expect(status.stdout).toContain(`image ${image}\n`);
    expect(status.stdout).toMatch(/Logs\s+\/aws\/ecs\//);
    expect(status.stdout).toContain(`${group}   (${tool} logs)`);
    expect(status.stdout).not.toContain('--service-log');
    expect(status.stdout).toContain(
      'https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/default/services/go-api/health?region=us-east-1',
    );
    // 1 task of 1 vCPU / 2 GB (36.04) + the load balancer alone (16.43 + 5.84 LCU + 7.30 IPv4), as `cost` says.
    expect(status.stdout).toMatch(
      /Cost\s+about \$65\.61 a month whatever the load: 1 task always on, \$29\.57 of it the load balancer/,
    );
    const json = JSON.parse((await cli(dir, ['status', '--json'])).stdout);
    expect(json).toMatchObject({
      deployed: true,
      name: 'go-api',
      state: 'ACTIVE',
      target: 'ecs-express',
      url: `https://${endpoint}`,
      lastOperation: { type: 'DEPLOYMENT', status: 'SUCCESSFUL' },
      instance: { cpu: '1 vCPU', memory: '2 GB' },
      scaling: { minSize: 1, maxSize: 25 },
      tasks: { running: 1, requested: 1 },
      logGroups: { application: group },
      cost: { monthly: 65.61 },
      health: { error: 'ENOTFOUND' },
    });

    // Logs: in the group the service reports, as the awslogs driver would write them.
    const now = Date.now();
    const line = JSON.stringify({ time: '2026-12-02T03:00:00Z', level: 'info', msg: 'listening', port: 8080 });
    await putLogs(backends(), group, [
      { message: 'old start-up line', timestamp: now - 3 * 3_600_000 },
      { message: line, timestamp: now - 60_000 },
    ]);
    const recent = await cli(dir, ['logs']);
    expect(recent.code, recent.out).toBe(0);
    expect(recent.stdout).toContain('2026-12-02T03:00:00Z INFO  listening port=8080');
    expect(recent.stdout).not.toContain('old start-up line');
    const since = await cli(dir, ['logs', '--since', '4h', '--json']);
    expect(since.code, since.out).toBe(0);
    expect(since.stdout.split('\n')).toEqual(['old start-up line', line]);
    const platform = await cli(dir, ['logs', '--service-log']);
    expect(platform.code, platform.out).toBe(2);
    expect(platform.stderr).toContain('--service-log: ECS Express Mode writes no separate platform log');
    expect(platform.stderr).toContain(`Deployments: ${tool} status`);

    const follow = spawnCli(backends(), dir, ['logs', '--follow', '--since', '5m'], { AWS_ENDPOINT_URL_ECS: ecs.url });
    const seen = { out: '' };
    await waitForOutput(follow, 'listening port=8080', seen);
    await putLogs(
      backends(),
      group,
      [{ message: JSON.stringify({ level: 'warn', msg: 'slow request', ms: 950 }), timestamp: Date.now() }],
      false,
    );
    await waitForOutput(follow, 'WARN  slow request ms=950', seen);
    follow.kill('SIGINT');
    const ended = await follow;
    expect(ended.exitCode, ended.all).toBe(0);

    for (const verb of ['pause', 'resume']) {
      const r = await cli(dir, [verb]);
      expect(r.code, r.out).toBe(1);
      expect(r.stderr).toContain(
        `ECS Express Mode has no ${verb}. Its 1 task and the load balancer bill around the clock, about $65.61 a month`,
      );
      expect(r.stderr).toContain(`remove it with:\n  ${tool} delete`);
    }

    // No terminal and no --yes: the list is shown, nothing is removed, exit 2.
    const before = await motoState(moto);
    const refused = await cli(dir, ['delete']);
    expect(refused.code, refused.out).toBe(2);
    expect(refused.stdout).toContain(
      `delete removes, in us-east-1:\n  - the ECS Express service go-api (ACTIVE, ${ARN})`,
    );
    expect(refused.stderr).toContain(
      `Nothing was removed: there is no terminal to confirm on. Run it again with --yes to remove the above:\n  ${tool} delete --yes`,
    );
    expect(deletes()).toEqual([]);
    expect(await motoState(moto)).toEqual(before);

    const removed = await cli(dir, ['delete', '--yes']);
    expect(removed.code, removed.out).toBe(0);
    expect(removed.stdout).toContain(`Removed the ECS Express service go-api (ACTIVE, ${ARN})`);
    expect(removed.stdout).toContain(`Removed the IAM role ${appName(dir, 'executionRole')} (task execution role).`);
    expect(removed.stdout).toMatch(/Removed the ECR repository go-api and its \d+ image\(s\)\./);
    expect(removed.stdout).toContain(
      'the IAM role ecsInfrastructureRoleForExpressServices: shared by every ECS Express service in the account',
    );
    expect(removed.stdout).toContain('the ECS cluster default: shared by every ECS service');
    expect(removed.stdout).toContain(`aws logs delete-log-group --log-group-name ${group} --region us-east-1`);
    expect(deletes().map((r) => r.input)).toEqual([{ serviceArn: ARN }]);
    expect(ecs.services.get('go-api')!.status.statusCode).toBe('INACTIVE');
    // It waited through DRAINING: the stand-in needs several reads before the service is INACTIVE.
    const reads = ecs.requests
      .slice(ecs.requests.indexOf(deletes()[0]!))
      .filter((r) => r.operation === 'DescribeExpressGatewayService');
    expect(reads.length).toBeGreaterThanOrEqual(3);
    const after = await motoState(moto);
    expect(after.repositories).toEqual([]);
    expect(after.roles).toEqual(['ecsInfrastructureRoleForExpressServices']);

    const again = await cli(dir, ['delete', '--yes']);
    expect(again.code, again.out).toBe(0);
    expect(again.stdout).toContain('Nothing of go-api is left to remove in us-east-1.');
    expect(again.stdout).toContain(
      `Already gone (or never created):\n  - the ECS Express service go-api\n  - the IAM role ${appName(dir, 'executionRole')}\n  - the ECR repository go-api`,
    );
    expect(deletes()).toHaveLength(1);

    const gone = await cli(dir, ['status']);
    expect(gone.code, gone.out).toBe(0);
    expect(gone.stdout).toBe(
      `go-api is not deployed in us-east-1 (ECS Express Mode) yet. Deploy it with:\n  ${tool} deploy`,
    );
  });

  it('waits for a deployment in progress before deleting, and waits (bounded) on a delete already under way', async () => {
    const { dir } = await deployed(['--no-wait', '--image', `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/go-api:v1`]);
    const r = await cli(dir, ['delete', '--yes', '--keep-image']);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain(
      'go-api has a deployment in progress (IN_PROGRESS); waiting for it to end before deleting.',
    );
    // The deployment had ended (the stand-in's needs reads to end it) before the delete was sent.
    const order = ecs.requests.map((x) => x.operation);
    expect(order.lastIndexOf('DescribeServiceDeployments')).toBeLessThan(order.indexOf('DeleteExpressGatewayService'));
    expect(ecs.services.get('go-api')!.status.statusCode).toBe('INACTIVE');

    // A service some other hand started deleting (DRAINING) is waited for, not deleted twice.
    const second = await deployed(['--image', `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/go-api:v1`]);
    ecs.setStatus('go-api', 'DRAINING');
    const drained = cli(second.dir, ['delete', '--yes'], { CREATE_APPRUNNER_APP_TIMEOUT_MS: '400' });
    const result = await drained;
    // setStatus drains for ever: delete stops waiting within its bound, says so, exit 1.
    expect(result.code, result.out).toBe(1);
    expect(result.stdout).toContain('the ECS Express service go-api (DRAINING: being deleted already');
    expect(result.stderr).toMatch(/Stopped waiting after \S+: go-api is still DRAINING\. ECS goes on deleting it/);
    // Decided by the status ECS reports (DRAINING), not by sending a second delete and reading its refusal.
    expect(deletes()).toHaveLength(1);
    expect(ecs.requests.filter((x) => x.operation === 'DeleteExpressGatewayService').every((x) => !x.error)).toBe(true);
  });

  it('before the first deploy: status is a normal answer, pause names delete', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = await makeApp('image');
    const file = join(dir, 'apprunner.deploy.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^target: apprunner$/m, 'target: ecs-express'));
    // Without the variable that silences it, as a user's shell runs it: on Node 20 the SDK would print an
    // 8-line NodeVersionSupportWarning; the tool silences it for the Node versions it supports.
    const status = await cli(dir, ['status'], { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined });
    expect(status.code, status.out).toBe(0);
    expect(status.stdout).toBe(
      `go-api is not deployed in us-east-1 (ECS Express Mode) yet. Deploy it with:\n  ${toolCommand()} deploy`,
    );
    expect(status.stderr).not.toMatch(/NodeVersionSupportWarning|Warning/);
    const json = JSON.parse((await cli(dir, ['status', '--json'])).stdout);
    expect(json).toMatchObject({ deployed: false, target: 'ecs-express' });
    const logs = await cli(dir, ['logs']);
    expect(logs.code, logs.out).toBe(0);
    expect(logs.stdout).toContain('go-api is not deployed in us-east-1 yet, so it has no logs.');
    const pause = await cli(dir, ['pause']);
    expect(pause.code).toBe(1);
    expect(pause.stderr).toContain('ECS Express Mode has no pause.');
    // status, status --json, logs, and logs once more (a deleted service's kept log group).
    expect(ecs.requests.map((r) => r.operation)).toEqual([
      'DescribeExpressGatewayService',
      'DescribeExpressGatewayService',
      'DescribeExpressGatewayService',
      'DescribeExpressGatewayService',
    ]);
  });

  it('a failed service delete stops before the role and repository; a second run removes everything', async () => {
    const { dir } = await deployed();
    ecs.fail('DeleteExpressGatewayService', 'access-denied', { times: 1 });
    const first = await cli(dir, ['delete', '--yes']);
    expect(first.code, first.out).toBe(1);
    expect(first.stderr).toContain(`delete did not finish:\n  - the ECS Express service go-api (ACTIVE, ${ARN})`);
    expect(first.stderr).toContain('AccessDeniedException');
    // The role and the repository stay while the service may still use them.
    expect((await motoState(moto)).roles.sort()).toEqual([
      'ecsInfrastructureRoleForExpressServices',
      appName(dir, 'executionRole'),
    ]);
    expect(ecs.services.get('go-api')!.status.statusCode).toBe('ACTIVE');
    const second = await cli(dir, ['delete', '--yes']);
    expect(second.code, second.out).toBe(0);
    expect(second.stdout).toContain('Removed the ECS Express service go-api');
    expect(second.stdout).toContain(`Removed the IAM role ${appName(dir, 'executionRole')}`);
    expect((await motoState(moto)).repositories).toEqual([]);
  });

  it('leaves alone a service of the same name that create-apprunner-app did not create', async () => {
    const dir = await makeApp('image');
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const file = join(dir, 'apprunner.deploy.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^target: apprunner$/m, 'target: ecs-express'));
    const client = new ECSClient({ endpoint: ecs.url, region: 'us-east-1', credentials: CREDENTIALS });
    const role = `arn:aws:iam::${ACCOUNT}:role/theirs`;
    await client.send(
      new CreateExpressGatewayServiceCommand({
        serviceName: 'go-api',
        executionRoleArn: role,
        infrastructureRoleArn: role,
        primaryContainer: { image: 'public.ecr.aws/x/y:1' },
      }),
    );
    client.destroy();
    const r = await cli(dir, ['delete', '--yes']);
    expect(r.code, r.out).toBe(1);
    expect(r.stderr).toContain(
      "The ECS Express service go-api in us-east-1 is not this app's (it has no create-apprunner-app:app-id tag), so delete leaves it alone.",
    );
    expect(r.stderr).toContain(`aws ecs delete-express-gateway-service --service-arn ${ARN} --region us-east-1`);
    expect(deletes()).toEqual([]);
  });

  it('on a terminal, asks first: no keeps everything', async () => {
    const { dir } = await deployed(['--image', `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/go-api:v1`]);
    const env = { ...deployEnv(backends()), AWS_ENDPOINT_URL_ECS: ecs.url } as Record<string, string>;
    const no = await runInTerminal(
      ['delete'],
      dir,
      [{ expect: "Remove the above from AWS \\(\\d+ of go-api's resources\\)\\? This cannot be undone", send: 'n\r' }],
      process.execPath,
      env,
    );
    expect(no.code, no.out).toBe(1); // declined: 1, said once
    expect(no.out.match(/Nothing was removed\./g)).toHaveLength(1);
    expect(deletes()).toEqual([]);
  });

  it('on Node 22: status and delete', async () => {
    const node = node22();
    const { dir } = await deployed(['--image', `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/go-api:v1`]);
    for (const [command, says] of [
      ['status', 'go-api (ECS Express Mode, us-east-1): ACTIVE'],
      ['delete --yes', 'Removed the ECS Express service go-api'],
      ['status', 'go-api is not deployed in us-east-1 (ECS Express Mode)'],
    ]) {
      const r = await cli(dir, command!.split(' '), {}, node);
      expect(r.code, r.out).toBe(0);
      expect(r.out).toContain(says);
    }
  });
});
