// Know what you own, end to end from the packed CLI: the real SDK clients against the App Runner and ECS
// Express stand-ins (one per region, behind a router that sends each signed request to its region), moto
// for STS, IAM, ECR and CloudWatch Logs, and the Tagging API stand-in that answers from all of them.
// The cases are the hostile probe's: a same-named service another team made, an older config without an
// id, a rename in the config, a target switch, two regions, and My_Api beside my-api.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { AppRunnerClient, CreateServiceCommand } from '@aws-sdk/client-apprunner';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
} from '@aws-sdk/client-iam';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';

import { ACCOUNT, CREDENTIALS, fakeDockerBin, makeApp, motoState } from './deploy/harness.js';
import { node22, runCli } from './helpers/cli.js';
import { type Regional, startRegional } from './helpers/regions.js';
import type { AppRunnerStandIn } from './standin/apprunner.js';
import type { EcsStandIn } from './standin/ecs-express.js';
import { type Moto, startMoto } from './standin/moto.js';

const REGIONS = ['us-east-1', 'eu-west-1'] as const;
const image = (region: string, repo = 'go-api') => `${ACCOUNT}.dkr.ecr.${region}.amazonaws.com/${repo}:v1`;
const APP_ID_KEY = 'create-apprunner-app:app-id';

let moto: Moto;
let apprunner: Record<string, AppRunnerStandIn>;
let ecs: Record<string, EcsStandIn>;
let regional: Regional | undefined;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.close());
beforeEach(async () => {
  await moto.reset();
  regional = await startRegional(moto, REGIONS);
  ({ apprunner, ecs, env } = regional);
});
afterEach(async () => {
  await regional?.close();
});

const cli = (dir: string, args: string[], node?: string) => runCli(args, { cwd: dir, env, ...(node ? { node } : {}) });
const configFile = (dir: string) => join(dir, 'apprunner.deploy.yaml');
const appIdOf = (dir: string) => parse(readFileSync(configFile(dir), 'utf8')).app.id as string;
function edit(dir: string, path: string[], value: unknown) {
  const doc = parseDocument(readFileSync(configFile(dir), 'utf8'));
  if (value === undefined) doc.deleteIn(path);
  else doc.setIn(path, value);
  writeFileSync(configFile(dir), doc.toString({ lineWidth: 0 }));
}
const live = (s: AppRunnerStandIn) =>
  s.services.filter((x) => x.service.Status !== 'DELETED').map((x) => x.service.ServiceName);

/** A service made through App Runner's own API with the tags given, as another team (or an older version) would. */
async function seedService(region: string, name: string, tags: { Key: string; Value: string }[]) {
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

describe('a same-named service deploy did not create for this app', () => {
  it('is refused with exit 1, naming the owner tags, and left exactly as it was', async () => {
    const dir = await makeApp('image');
    await seedService('us-east-1', 'go-api', [{ Key: 'team', Value: 'payments' }]);
    const r = await cli(dir, ['deploy', '--image', image('us-east-1')]);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(
      /go-api in us-east-1 already exists and is not this app's: it carries team=payments, not create-apprunner-app:app-id=app-[a-z2-7]{12}/,
    );
    expect(r.out).toContain('deploy --adopt');
    const ops = apprunner['us-east-1']!.requests.map((q) => q.operation);
    expect(ops).not.toContain('UpdateService');
    expect(ops).not.toContain('StartDeployment');
  });

  it('of another app (its own id) is refused the same way', async () => {
    const dir = await makeApp('image');
    await seedService('us-east-1', 'go-api', [
      { Key: 'created-by', Value: 'create-apprunner-app' },
      { Key: APP_ID_KEY, Value: 'app-bbbbbbbbbbbb' },
    ]);
    const r = await cli(dir, ['deploy', '--image', image('us-east-1')]);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain(`another app's id: created-by=create-apprunner-app, ${APP_ID_KEY}=app-bbbbbbbbbbbb`);
  });
});

describe('an older config without an app id', () => {
  it('gets one on the next deploy, said in one line, and keeps the service an older version made for it', async () => {
    const dir = await makeApp('image');
    edit(dir, ['app'], undefined);
    const before = readFileSync(configFile(dir), 'utf8');
    await seedService('us-east-1', 'go-api', [{ Key: 'created-by', Value: 'create-apprunner-app' }]);
    const r = await cli(dir, ['deploy', '--image', image('us-east-1')]);
    expect(r.code, r.out).toBe(0);
    expect(r.out.match(/had no app id/g)).toHaveLength(1);
    const after = readFileSync(configFile(dir), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(appIdOf(dir)).toMatch(/^app-[a-z2-7]{12}$/);
    expect(apprunner['us-east-1']!.requests.map((q) => q.operation)).toContain('UpdateService');
  });
});

describe('every deployment of the app', () => {
  it('finds the service under its old name after a rename: status lists it with its bill, delete removes both', async () => {
    const dir = await makeApp('image');
    expect((await cli(dir, ['deploy', '--image', image('us-east-1')])).code).toBe(0);
    edit(dir, ['service', 'name'], 'go-api-v2');
    const second = await cli(dir, ['deploy', '--image', image('us-east-1')]);
    expect(second.code, second.out).toBe(0);
    expect(live(apprunner['us-east-1']!).sort()).toEqual(['go-api', 'go-api-v2']);

    const status = await cli(dir, ['status']);
    expect(status.code, status.out).toBe(0);
    expect(status.out).toMatch(/also running: go-api in us-east-1 on App Runner, billing about \$\d+(\.\d\d)? a month/);

    const del = await cli(dir, ['delete', '--yes']);
    expect(del.code, del.out).toBe(0);
    expect(del.out).toMatch(/go-api in us-east-1/);
    expect(live(apprunner['us-east-1']!)).toEqual([]);
  });

  it('finds the App Runner service after a switch to ECS Express, and delete removes both', async () => {
    const dir = await makeApp('image');
    const docker = fakeDockerBin();
    const built = { ...env, PATH: `${docker.bin}:${process.env.PATH}` };
    expect((await runCli(['deploy'], { cwd: dir, env: built })).code).toBe(0);
    const ecsDeploy = await runCli(['deploy', '--target', 'ecs-express'], { cwd: dir, env: built });
    expect(ecsDeploy.code, ecsDeploy.out).toBe(0);
    const status = await cli(dir, ['status']);
    expect(status.out).toMatch(/also running: go-api in us-east-1 on App Runner, billing about \$/);
    const del = await cli(dir, ['delete', '--yes']);
    expect(del.code, del.out).toBe(0);
    expect(live(apprunner['us-east-1']!)).toEqual([]);
    expect(ecs['us-east-1']!.services.get('go-api')?.status.statusCode).not.toBe('ACTIVE');
    // Both deployments pulled from one repository; both go in this run, so it goes too.
    expect(del.out).not.toContain('still used by');
    expect((await motoState(moto)).repositories).toEqual([]);
  });

  it('gives one app a role per region on ECS Express, and delete in one region keeps nothing another region uses', async () => {
    const dir = await makeApp('image');
    edit(dir, ['target'], 'ecs-express');
    expect((await cli(dir, ['deploy', '--image', image('us-east-1')])).code).toBe(0);
    const west = await cli(dir, ['deploy', '--region', 'eu-west-1', '--image', image('eu-west-1')]);
    expect(west.code, west.out).toBe(0);
    const suffix = appIdOf(dir).slice(4, 12);
    const iam = new IAMClient({ endpoint: moto.url, region: 'us-east-1', credentials: CREDENTIALS });
    try {
      const roles = ((await iam.send(new ListRolesCommand({}))).Roles ?? [])
        .map((x) => x.RoleName!)
        .filter((n) => n.startsWith('ecsTaskExecution-'));
      expect(roles.sort()).toEqual([
        `ecsTaskExecution-go-api-eu-west-1-${suffix}`,
        `ecsTaskExecution-go-api-us-east-1-${suffix}`,
      ]);
      const tags = (await iam.send(new ListRoleTagsCommand({ RoleName: roles[0] }))).Tags ?? [];
      expect(tags).toContainEqual({ Key: APP_ID_KEY, Value: appIdOf(dir) });
    } finally {
      iam.destroy();
    }
    const status = await cli(dir, ['status', '--region', 'eu-west-1']);
    expect(status.out).toMatch(/also running: go-api in us-east-1 on ECS Express Mode, billing about \$/);
  });
});

describe('on Node 22', () => {
  it('refuses a same-named service of another team, and status and delete find the app under its old name', async () => {
    const node = node22();
    const foreign = await makeApp('image');
    await seedService('us-east-1', 'go-api', [{ Key: 'team', Value: 'payments' }]);
    const refused = await cli(foreign, ['deploy', '--image', image('us-east-1')], node);
    expect(refused.code, refused.out).toBe(1);
    expect(refused.out).toContain('deploy --adopt');

    const dir = await makeApp('image');
    edit(dir, ['service', 'name'], 'go-api-one');
    expect((await cli(dir, ['deploy', '--image', image('us-east-1')], node)).code).toBe(0);
    edit(dir, ['service', 'name'], 'go-api-two');
    expect((await cli(dir, ['deploy', '--image', image('us-east-1')], node)).code).toBe(0);
    const status = await cli(dir, ['status'], node);
    expect(status.out).toMatch(/also running: go-api-one in us-east-1 on App Runner, billing about \$/);
    const del = await cli(dir, ['delete', '--yes'], node);
    expect(del.code, del.out).toBe(0);
    // The other team's service stays; both of this app's go.
    expect(live(apprunner['us-east-1']!)).toEqual(['go-api']);
  });
});

describe('a role deploy did not create', () => {
  const ROLE = 'ecsInfrastructureRoleForExpressServices';
  const POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRoleforExpressGatewayServices';
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });

  it('is refused with what it lacks, then used as it is once it allows that, and never changed', async () => {
    const dir = await makeApp('image');
    edit(dir, ['target'], 'ecs-express');
    const iam = new IAMClient({ endpoint: moto.url, region: 'us-east-1', credentials: CREDENTIALS });
    try {
      await iam.send(
        new CreateRoleCommand({
          RoleName: ROLE,
          AssumeRolePolicyDocument: trust,
          Tags: [{ Key: 'team', Value: 'platform' }],
        }),
      );
      const refused = await cli(dir, ['deploy', '--image', image('us-east-1')]);
      expect(refused.code, refused.out).toBe(1);
      expect(refused.out).toContain(`The IAM role ${ROLE} exists but is not this app's (team=platform)`);
      expect(refused.out).toContain('elasticloadbalancing:CreateLoadBalancer on *');
      expect(ecs['us-east-1']!.inputsOf('CreateExpressGatewayService')).toEqual([]);
      const attached = async () =>
        ((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: ROLE }))).AttachedPolicies ?? []).map(
          (p) => p.PolicyArn,
        );
      expect(await attached()).toEqual([]);

      // Its owner grants what ECS needs: deploy uses it and still changes nothing on it.
      await iam.send(new AttachRolePolicyCommand({ RoleName: ROLE, PolicyArn: POLICY }));
      const used = await cli(dir, ['deploy', '--image', image('us-east-1')]);
      expect(used.code, used.out).toBe(0);
      expect(used.out).toContain(`Using the IAM role ${ROLE} as it is`);
      expect(await attached()).toEqual([POLICY]);
      expect((await iam.send(new ListRoleTagsCommand({ RoleName: ROLE }))).Tags).toEqual([
        { Key: 'team', Value: 'platform' },
      ]);
    } finally {
      iam.destroy();
    }
  });
});

describe('My_Api beside my-api (one ECR name after case folding)', () => {
  it('scaffolds them with repositories of their own, so both deploy and each delete removes only its own', async () => {
    const docker = fakeDockerBin();
    const withDocker = (dir: string, args: string[]) =>
      runCli(args, { cwd: dir, env: { ...env, PATH: `${docker.bin}:${process.env.PATH}` } });
    const plain = await makeApp('image', ['--name', 'my-api']);
    const folded = await makeApp('image', ['--name', 'My_Api']);
    const foldedRepo = `my-api-${appIdOf(folded).slice('app-'.length, 'app-'.length + 8)}`;
    expect(parse(readFileSync(configFile(folded), 'utf8')).source.ecrRepository).toBe(foldedRepo);
    for (const dir of [plain, folded]) {
      const r = await withDocker(dir, ['deploy']);
      expect(r.code, r.out).toBe(0);
    }
    const repos = async () => (await motoState(moto)).repositories.map((r) => r.repositoryName).sort();
    expect(await repos()).toEqual(['my-api', foldedRepo]);
    const del = await cli(folded, ['delete', '--yes']);
    expect(del.code, del.out).toBe(0);
    expect(await repos()).toEqual(['my-api']);
  });

  it("never pushes into the other app's repository, and its delete leaves that repository alone", async () => {
    const docker = fakeDockerBin();
    const withDocker = (dir: string, args: string[]) =>
      runCli(args, { cwd: dir, env: { ...env, PATH: `${docker.bin}:${process.env.PATH}` } });
    const first = await makeApp('image');
    edit(first, ['service', 'name'], 'my-api');
    edit(first, ['source', 'ecrRepository'], 'my-api');
    const made = await withDocker(first, ['deploy']);
    expect(made.code, made.out).toBe(0);

    const second = await makeApp('image');
    edit(second, ['service', 'name'], 'My_Api');
    edit(second, ['source', 'ecrRepository'], 'my-api');
    edit(second, ['app', 'id'], 'app-bbbbbbbbbbbb');
    const refused = await withDocker(second, ['deploy']);
    expect(refused.code, refused.out).toBe(1);
    expect(refused.out).toContain('The ECR repository my-api in us-east-1 belongs to another app');
    expect(refused.out).toContain('set source.ecrRepository: my-api-bbbbbbbb');

    const del = await cli(second, ['delete', '--yes']);
    expect(del.code, del.out).toBe(0);
    expect(del.out).toContain("the ECR repository my-api: another app's");
    expect((await motoState(moto)).repositories.map((r) => r.repositoryName)).toEqual(['my-api']);
  });
});
