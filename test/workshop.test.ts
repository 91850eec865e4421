// Running a workshop, end to end from the packed CLI: doctor before (a closed App Runner account, a region
// without a default VPC, a simulated deny, an expired SSO token, an endpoint that never answers), list
// during (two regions, both platforms, other teams' services present and never listed) and sweep after
// (each filter, other teams' services untouched, a rerun and two sweeps at once). The real SDK clients
// against one App Runner and one ECS Express stand-in per region behind region routers, the Tagging API
// stand-in over all of them, moto (STS, IAM, ECR, EC2, Logs, Service Quotas) and, in front of moto's
// IAM, a SimulatePrincipalPolicy stand-in (moto has no simulation).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

import { AppRunnerClient, CreateServiceCommand } from '@aws-sdk/client-apprunner';
import {
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateExpressGatewayServiceCommand, ECSClient } from '@aws-sdk/client-ecs';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';

import { ACCOUNT, CREDENTIALS, fakeDockerBin, makeApp, motoState } from './deploy/harness.js';
import { runCli, tempDir } from './helpers/cli.js';
import { type Regional, startRegional } from './helpers/regions.js';
import type { AppRunnerStandIn } from './standin/apprunner.js';
import type { EcsStandIn } from './standin/ecs-express.js';
import { type IamSimulateStandIn, startIamSimulateStandIn } from './standin/iam-simulate.js';
import { type Moto, startMoto } from './standin/moto.js';

const REGIONS = ['us-east-1', 'eu-west-1'] as const;
const image = (region: string, repo = 'go-api') => `${ACCOUNT}.dkr.ecr.${region}.amazonaws.com/${repo}:v1`;

let moto: Moto;
let apprunner: Record<string, AppRunnerStandIn>;
let ecs: Record<string, EcsStandIn>;
let regional: Regional | undefined;
let iamSim: IamSimulateStandIn;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.close());
beforeEach(async () => {
  await moto.reset();
  regional = await startRegional(moto, REGIONS);
  ({ apprunner, ecs } = regional);
  iamSim = await startIamSimulateStandIn(moto.url);
  env = { ...regional.env, AWS_ENDPOINT_URL_IAM: iamSim.url };
});
afterEach(async () => {
  await Promise.all([regional?.close(), iamSim?.close()]);
});

const cli = (dir: string, args: string[], extra: Record<string, string | undefined> = {}) =>
  runCli(args, { cwd: dir, env: { ...env, ...extra } });
const configFile = (dir: string) => join(dir, 'apprunner.deploy.yaml');
function edit(dir: string, path: string[], value: unknown) {
  const doc = parseDocument(readFileSync(configFile(dir), 'utf8'));
  doc.setIn(path, value);
  writeFileSync(configFile(dir), doc.toString({ lineWidth: 0 }));
}
const liveAr = (region: string) =>
  apprunner[region]!.services.filter((x) => x.service.Status !== 'DELETED').map((x) => x.service.ServiceName);
const liveEcs = (region: string) =>
  [...ecs[region]!.services.values()].filter((s) => s.status.statusCode === 'ACTIVE').map((s) => s.serviceName);
const OURS = (id: string) => [
  { Key: 'created-by', Value: 'create-apprunner-app' },
  { Key: 'create-apprunner-app:app-id', Value: id },
];

async function seedAppRunner(region: string, name: string, tags: { Key: string; Value: string }[]) {
  const client = new AppRunnerClient({ endpoint: apprunner[region]!.url, region, credentials: CREDENTIALS });
  try {
    await client.send(
      new CreateServiceCommand({
        ServiceName: name,
        SourceConfiguration: {
          ImageRepository: {
            ImageIdentifier: 'public.ecr.aws/aws-containers/hello-app-runner:latest',
            ImageRepositoryType: 'ECR_PUBLIC',
            ImageConfiguration: { Port: '8000' },
          },
          AutoDeploymentsEnabled: false,
        },
        Tags: tags,
      }),
    );
  } finally {
    client.destroy();
  }
  apprunner[region]!.settle();
}

async function seedEcs(region: string, name: string, tags: { key: string; value: string }[]) {
  const client = new ECSClient({ endpoint: ecs[region]!.url, region, credentials: CREDENTIALS });
  try {
    await client.send(
      new CreateExpressGatewayServiceCommand({
        serviceName: name,
        executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/their-exec`,
        infrastructureRoleArn: `arn:aws:iam::${ACCOUNT}:role/their-infra`,
        primaryContainer: { image: 'public.ecr.aws/nginx/nginx:latest' },
        tags,
      }),
    );
  } finally {
    client.destroy();
  }
}

/**
 * Two attendees' apps (alice's on App Runner in us-east-1, bob's on ECS Express in eu-west-1), an older
 * one of ours and an expired one, and what others own: a team's service, a service carrying only our
 * created-by tag (no app id), and an Express service of another team.
 */
async function fleet() {
  const alice = await makeApp('image');
  const a = await cli(alice, ['deploy', '--image', image('us-east-1'), '--owner', 'alice', '--expires-in', '1w']);
  expect(a.code, a.out).toBe(0);
  const bob = await makeApp('image');
  edit(bob, ['service', 'name'], 'web-api');
  edit(bob, ['source', 'ecrRepository'], 'web-api');
  edit(bob, ['app', 'id'], 'app-bbbbbbbbbbbb');
  edit(bob, ['target'], 'ecs-express');
  const b = await cli(bob, [
    'deploy',
    '--region',
    'eu-west-1',
    '--image',
    image('eu-west-1', 'web-api'),
    '--owner',
    'bob',
  ]);
  expect(b.code, b.out).toBe(0);
  const twoDaysAgo = Math.floor(Date.now() / 1000) - 2 * 86_400;
  apprunner['us-east-1']!.addService({
    ServiceName: 'old-api',
    CreatedAt: twoDaysAgo,
    Tags: [...OURS('app-cccccccccccc'), { Key: 'owner', Value: 'carol' }, { Key: 'course', Value: 'k8s' }],
  } as never);
  apprunner['eu-west-1']!.addService({
    ServiceName: 'done-api',
    Tags: [...OURS('app-dddddddddddd'), { Key: 'expires-at', Value: new Date(Date.now() - 3_600_000).toISOString() }],
  } as never);
  await seedAppRunner('us-east-1', 'team-svc', [{ Key: 'team', Value: 'payments' }]);
  await seedAppRunner('eu-west-1', 'copy-svc', [{ Key: 'created-by', Value: 'create-apprunner-app' }]);
  await seedEcs('eu-west-1', 'data-api', [{ key: 'team', value: 'data' }]);
  return { alice, bob };
}

interface Row {
  name: string;
  appId: string;
  platform: string;
  region: string;
  status: string;
  url?: string;
  monthly?: number;
  owner?: string;
  expiresAt?: string;
  expired: boolean;
  createdAt?: string;
}

describe('list', () => {
  it("shows every attendee's service on both platforms and regions, and never another team's", async () => {
    const { alice } = await fleet();
    const here = tempDir('caa-list-');
    const all = await cli(here, ['list', '--all-regions', '--json']);
    expect(all.code, all.out).toBe(0);
    const rows = JSON.parse(all.out).services as Row[];
    expect(rows.map((r) => `${r.region} ${r.platform} ${r.name}`).sort()).toEqual([
      'eu-west-1 apprunner done-api',
      'eu-west-1 ecs-express web-api',
      'us-east-1 apprunner go-api',
      'us-east-1 apprunner old-api',
    ]);
    const go = rows.find((r) => r.name === 'go-api')!;
    expect(go).toMatchObject({
      appId: parse(readFileSync(configFile(alice), 'utf8')).app.id,
      status: 'RUNNING',
      owner: 'alice',
      expired: false,
      url: expect.stringMatching(/^https:\/\//),
    });
    expect(Date.parse(go.expiresAt!) - Date.now()).toBeGreaterThan(6 * 86_400_000);
    expect(go.monthly).toBeGreaterThan(0);
    const web = rows.find((r) => r.name === 'web-api')!;
    expect(web).toMatchObject({ appId: 'app-bbbbbbbbbbbb', status: 'ACTIVE', owner: 'bob' });
    // Each platform's own cost model: Express bills its tasks and load balancer whatever the load.
    expect(web.monthly).toBeGreaterThan(go.monthly!);
    expect(rows.find((r) => r.name === 'done-api')!.expired).toBe(true);

    const one = await cli(here, ['list', '--region', 'us-east-1']);
    expect(one.code, one.out).toBe(0);
    expect(one.out).toMatch(/go-api\s+app-[a-z2-7]{12}\s+App Runner\s+us-east-1\s+RUNNING/);
    expect(one.out).toContain('old-api');
    expect(one.out).not.toMatch(/web-api|team-svc|copy-svc|data-api/);
    expect(one.out).toMatch(/2 services in us-east-1 \(account 123456789012\), about \$[\d.]+ a month together/);
    // Nothing was changed by looking.
    expect(apprunner['us-east-1']!.requests.map((r) => r.operation)).not.toContain('DeleteService');
  });
});

describe('sweep', () => {
  it('removes what each filter matches with what delete removes, never anything else, and reruns safely', async () => {
    await fleet();
    const here = tempDir('caa-sweep-');
    const dry = await cli(here, ['sweep', '--all-regions']);
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toContain('Dry run: nothing was removed');
    expect(dry.out).toMatch(/the ECS Express service web-api/);
    expect(dry.out).toMatch(
      /the task execution role ecsTaskExecution-web-api-eu-west-1-bbbbbbbb|ecsTaskExecution-web-api/,
    );
    expect(dry.out).not.toMatch(/team-svc|copy-svc|data-api/);
    expect(liveAr('us-east-1').sort()).toEqual(['go-api', 'old-api', 'team-svc']);

    const byOwner = await cli(here, ['sweep', '--all-regions', '--owner', 'bob', '--yes']);
    expect(byOwner.code, byOwner.out).toBe(0);
    expect(liveEcs('eu-west-1')).toEqual(['data-api']);
    expect(liveAr('eu-west-1').sort()).toEqual(['copy-svc', 'done-api']);
    const again = await cli(here, ['sweep', '--all-regions', '--owner', 'bob', '--yes']);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain('nothing to sweep');

    const old = await cli(here, ['sweep', '--region', 'us-east-1', '--older-than', '1d', '--yes']);
    expect(old.code, old.out).toBe(0);
    expect(liveAr('us-east-1').sort()).toEqual(['go-api', 'team-svc']);

    const gone = await cli(here, ['sweep', '--all-regions', '--expired', '--yes']);
    expect(gone.code, gone.out).toBe(0);
    expect(liveAr('eu-west-1')).toEqual(['copy-svc']);

    const none = await cli(here, ['sweep', '--all-regions', '--tag', 'course=k8s', '--yes']);
    expect(none.out).toContain('nothing to sweep');
    const bad = await cli(here, ['sweep', '--older-than', '8hours']);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('30m, 8h, 2d or 1w');

    // Two organisers at once: both end well, the service goes once, the rest is 'Already gone' or absent.
    const [one, two] = await Promise.all([
      cli(here, ['sweep', '--region', 'us-east-1', '--tag', 'owner=alice', '--yes']),
      cli(here, ['sweep', '--region', 'us-east-1', '--tag', 'owner=alice', '--yes']),
    ]);
    expect(one.code, one.out).toBe(0);
    expect(two.code, two.out).toBe(0);
    expect(liveAr('us-east-1')).toEqual(['team-svc']);
    expect(apprunner['us-east-1']!.findService('team-svc')?.service.Status).toBe('RUNNING');
    expect(ecs['eu-west-1']!.services.get('data-api')?.status.statusCode).toBe('ACTIVE');
  });

  it('removes the repository an app moved between platforms pulled from both times, in one run', async () => {
    const dir = await makeApp('image');
    const docker = fakeDockerBin();
    const built = { ...env, PATH: `${docker.bin}:${process.env.PATH}` };
    expect((await cli(dir, ['deploy', '--owner', 'erin'], built)).code).toBe(0);
    const moved = await cli(dir, ['deploy', '--target', 'ecs-express', '--owner', 'erin'], built);
    expect(moved.code, moved.out).toBe(0);
    expect((await motoState(moto)).repositories).toHaveLength(1);
    const swept = await cli(tempDir('caa-sweep-'), ['sweep', '--region', 'us-east-1', '--owner', 'erin', '--yes']);
    expect(swept.code, swept.out).toBe(0);
    expect(swept.out).not.toContain('still used by');
    expect(liveAr('us-east-1')).toEqual([]);
    expect(liveEcs('us-east-1')).toEqual([]);
    expect((await motoState(moto)).repositories).toEqual([]);
  });
});

/** A TCP server that accepts and never answers. */
async function silentEndpoint(): Promise<{ url: string; server: Server }> {
  const server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

/** Credentials of an assumed-role session of workshop-attendee (a role with a path), as SSO gives attendees. */
async function sessionOf(session: string): Promise<Record<string, string | undefined>> {
  const iam = new IAMClient({ endpoint: moto.url, region: 'us-east-1', credentials: CREDENTIALS });
  const sts = new STSClient({ endpoint: moto.url, region: 'us-east-1', credentials: CREDENTIALS });
  try {
    await iam
      .send(
        new CreateRoleCommand({
          RoleName: 'workshop-attendee',
          Path: '/attendees/',
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
            ],
          }),
        }),
      )
      .catch((e: Error) => {
        if (e.name !== 'EntityAlreadyExistsException') throw e;
      });
    const c = (
      await sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${ACCOUNT}:role/attendees/workshop-attendee`,
          RoleSessionName: session,
        }),
      )
    ).Credentials!;
    return {
      AWS_ACCESS_KEY_ID: c.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: c.SecretAccessKey,
      AWS_SESSION_TOKEN: c.SessionToken,
    };
  } finally {
    iam.destroy();
    sts.destroy();
  }
}

describe('doctor', () => {
  it('on an account App Runner is closed to: ✗ with ECS Express and the command that switches the app', async () => {
    const dir = await makeApp('image');
    apprunner['us-east-1']!.fail('ListServices', 'not-subscribed');
    const r = await cli(dir, ['doctor']);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain('Checking for go-api (App Runner)');
    expect(r.out).toMatch(
      /✗ App Runner: App Runner is closed to this account \(SubscriptionRequiredException\): use ECS Express/,
    );
    expect(r.out).toMatch(/fix: .*deploy --target ecs-express --cwd /);
    expect(r.out).toMatch(/✓ AWS credentials: account 123456789012/);
    expect(r.out).toMatch(/✓ Region: us-east-1 \(from apprunner.deploy.yaml service.region\)/);
    // The app's platform only: no ECS Express lines for an App Runner app.
    expect(r.out).not.toContain('ECS Express network');
    const json = JSON.parse((await cli(dir, ['doctor', '--json'])).out);
    expect(json.checks.find((c: { id: string }) => c.id === 'apprunner')).toMatchObject({ state: 'fail' });
  });

  it('in a region without a default VPC: ✗ with the command that makes one', async () => {
    const ec2 = new EC2Client({ endpoint: moto.url, region: 'eu-west-1', credentials: CREDENTIALS });
    try {
      const vpc = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] })))
        .Vpcs![0]!.VpcId!;
      const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] })))
        .Subnets!;
      for (const s of subnets) await ec2.send(new DeleteSubnetCommand({ SubnetId: s.SubnetId! }));
      await ec2.send(new DeleteVpcCommand({ VpcId: vpc }));
    } finally {
      ec2.destroy();
    }
    const here = tempDir('caa-doctor-');
    const west = await cli(here, ['doctor', '--region', 'eu-west-1']);
    expect(west.code, west.out).toBe(1);
    expect(west.out).toMatch(/✗ ECS Express network: no default VPC in eu-west-1/);
    expect(west.out).toContain('aws ec2 create-default-vpc --region eu-west-1');
    const east = await cli(here, ['doctor', '--region', 'us-east-1', '--json']);
    const checks = JSON.parse(east.out).checks as { id: string; state: string; detail: string }[];
    const network = checks.find((c) => c.id === 'ecs-network');
    // moto's Service Quotas knows only VPC quotas: the ECS and Fargate ones are said to be unknown, not failed.
    expect(checks.find((c) => c.id === 'ecs-quotas')).toMatchObject({
      state: 'warn',
      detail: expect.stringContaining('could not be checked: Fargate On-Demand vCPU, ECS services per cluster'),
    });
    expect(network).toMatchObject({
      state: 'ok',
      detail: expect.stringMatching(/^default VPC vpc-\w+ with public subnets in \d+ zones$/),
    });
  });

  it("names a permission the caller's role lacks (simulated on the role, not the session), and says when it may not simulate", async () => {
    const creds = await sessionOf('alice');
    const dir = await makeApp('image');
    edit(dir, ['target'], 'ecs-express');
    iamSim.deny = new Set(['ecs:CreateExpressGatewayService', 'iam:PassRole']);
    const r = await cli(dir, ['doctor'], creds);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(
      /✗ Deploy permissions: arn:aws:iam::123456789012:role\/attendees\/workshop-attendee may not call ecs:CreateExpressGatewayService, iam:PassRole/,
    );
    expect(iamSim.simulations.at(-1)!.principal).toBe(`arn:aws:iam::${ACCOUNT}:role/attendees/workshop-attendee`);
    expect(iamSim.simulations.at(-1)!.actions).toContain('ecs:UpdateExpressGatewayService');
    expect(iamSim.simulations.at(-1)!.actions).not.toContain('apprunner:CreateService');

    iamSim.deny = new Set();
    iamSim.refuse = true;
    const refused = await cli(dir, ['doctor', '--json'], creds);
    const check = JSON.parse(refused.out).checks.find((c: { id: string }) => c.id === 'permissions');
    expect(check).toMatchObject({
      state: 'warn',
      detail: 'not checked: the caller may not call iam:SimulatePrincipalPolicy',
    });
  });

  it('with an expired SSO sign-in: ✗ with aws sso login --profile <name>', async () => {
    const home = tempDir('caa-home-');
    mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
    const config = join(home, '.aws', 'config');
    writeFileSync(
      config,
      '[profile workshop]\nsso_session = day1\nsso_account_id = 123456789012\nsso_role_name = Attendee\nregion = eu-west-1\n' +
        '[sso-session day1]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n',
    );
    writeFileSync(
      join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('day1').digest('hex')}.json`),
      JSON.stringify({
        startUrl: 'https://example.awsapps.com/start',
        region: 'us-east-1',
        accessToken: 'expired-token',
        expiresAt: '2026-01-01T00:00:00Z',
      }),
    );
    const r = await cli(tempDir('caa-doctor-'), ['doctor', '--profile', 'workshop'], {
      HOME: home,
      AWS_CONFIG_FILE: config,
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
    });
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/✓ Region: eu-west-1 \(from the AWS config, profile workshop\)/);
    expect(r.out).toMatch(/✗ SSO sign-in: expired at 2026-01-01T00:00:00Z\n\s+fix: aws sso login --profile workshop/);
    expect(r.out).toMatch(/✗ AWS credentials/);
  });

  it('ends a check whose endpoint never answers with "could not reach", in bounded time', async () => {
    const silent = await silentEndpoint();
    try {
      const started = Date.now();
      const r = await cli(tempDir('caa-doctor-'), ['doctor', '--region', 'us-east-1'], {
        AWS_ENDPOINT_URL_EC2: silent.url,
        // moto's first answers can take a second on a busy machine; the silent endpoint never answers.
        CREATE_APPRUNNER_APP_REQUEST_TIMEOUT_MS: '3000',
      });
      expect(r.code, r.out).toBe(1);
      expect(r.out).toMatch(new RegExp(`✗ ECS Express network: could not reach ${silent.url}`));
      expect(Date.now() - started).toBeLessThan(60_000);
    } finally {
      silent.server.close();
    }
  });

  it('and status warn when the app is past its expiry', async () => {
    const dir = await makeApp('image');
    expect((await cli(dir, ['deploy', '--image', image('us-east-1')])).code).toBe(0);
    edit(dir, ['workshop', 'expiresAt'], '2026-01-01T00:00:00.000Z');
    const d = await cli(dir, ['doctor']);
    expect(d.out).toMatch(/! Workshop expiry: past its expiry \(2026-01-01T00:00:00.000Z, \d+d( \d+h)? ago\)/);
    const s = await cli(dir, ['status']);
    expect(s.code, s.out).toBe(0);
    expect(s.out).toContain('go-api is past its workshop expiry (2026-01-01T00:00:00.000Z');
  });
});

describe('--owner, --expires-in and --name-suffix owner', () => {
  it('tag what deploy creates, end the name with the owner, and are kept in the deploy config', async () => {
    const dir = await makeApp('image');
    const bad = await cli(dir, ['deploy', '--image', image('us-east-1'), '--expires-in', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('--expires-in "soon" is not a duration');
    const r = await cli(dir, [
      'deploy',
      '--image',
      image('us-east-1'),
      '--owner',
      'dana',
      '--expires-in',
      '8h',
      '--name-suffix',
      'owner',
    ]);
    expect(r.code, r.out).toBe(0);
    const config = parse(readFileSync(configFile(dir), 'utf8'));
    expect(config.service.name).toBe('go-api-dana');
    expect(config.workshop.owner).toBe('dana');
    expect(Math.abs(Date.parse(config.workshop.expiresAt) - Date.now() - 8 * 3_600_000)).toBeLessThan(120_000);
    const service = apprunner['us-east-1']!.findService('go-api-dana')!;
    expect(service.tags).toEqual(
      expect.arrayContaining([
        { Key: 'owner', Value: 'dana' },
        { Key: 'expires-at', Value: config.workshop.expiresAt },
      ]),
    );
  });

  it('when scaffolding: the suffixed name and the workshop section are in the new app', async () => {
    const cwd = tempDir('caa-scaffold-');
    const r = await runCli(
      [
        'my-api',
        '--runtime',
        'go',
        '--yes',
        '--no-install',
        '--no-git',
        '--owner',
        'erin',
        '--name-suffix',
        'owner',
        '--expires-in',
        '2d',
      ],
      { cwd },
    );
    expect(r.code, r.out).toBe(0);
    const config = parse(readFileSync(join(cwd, 'my-api', 'apprunner.deploy.yaml'), 'utf8'));
    expect(config.service.name).toBe('my-api-erin');
    expect(config.workshop.owner).toBe('erin');
    expect(Object.keys(config).at(-1)).toBe('app');
    const refused = await runCli(['other', '--yes', '--no-install', '--name-suffix', 'owner'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('--name-suffix owner needs --owner <name> when creating an app');
  });

  it('in a shared account: a deploy without --owner tags the STS session name, and --name-suffix owner uses it', async () => {
    await seedAppRunner('us-east-1', 'their-api', OURS('app-zzzzzzzzzzzz'));
    const creds = await sessionOf('frank@example.com');
    const dir = await makeApp('image');
    const r = await cli(dir, ['deploy', '--image', image('us-east-1'), '--name-suffix', 'owner'], creds);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('Recorded owner frank, service name go-api-frank');
    const service = apprunner['us-east-1']!.findService('go-api-frank')!;
    expect(service.tags).toEqual(expect.arrayContaining([{ Key: 'owner', Value: 'frank' }]));

    const other = await makeApp('image');
    edit(other, ['service', 'name'], 'second-api');
    edit(other, ['source', 'ecrRepository'], 'second-api');
    edit(other, ['app', 'id'], 'app-eeeeeeeeeeee');
    const d = await cli(other, ['deploy', '--image', image('us-east-1', 'second-api')], creds);
    expect(d.code, d.out).toBe(0);
    expect(d.out).toMatch(/This account looks shared .*tagging owner=frank/s);
    expect(parse(readFileSync(configFile(other), 'utf8')).workshop.owner).toBe('frank');
    expect(apprunner['us-east-1']!.findService('second-api')!.tags).toEqual(
      expect.arrayContaining([{ Key: 'owner', Value: 'frank' }]),
    );
  });
});
