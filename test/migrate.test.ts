// migrate, end to end from the packed tarball: App Runner services made directly in the App Runner
// stand-in (the real SDK's CreateService, as a person's console or Terraform would), roles, secrets'
// ARNs, an ECR image and a VPC in moto, and the Express service checked in the ECS Express stand-in.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  AppRunnerClient,
  AssociateCustomDomainCommand,
  CreateAutoScalingConfigurationCommand,
  CreateObservabilityConfigurationCommand,
  CreateServiceCommand,
  type CreateServiceCommandInput,
  CreateVpcConnectorCommand,
} from '@aws-sdk/client-apprunner';
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateRepositoryCommand, ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import {
  ACCOUNT,
  type Backends,
  CREDENTIALS,
  deploy,
  deployEnv,
  fakeDockerBin,
  makeApp,
  useBackends,
} from './deploy/harness.js';
import { runInTerminal, tempDir } from './helpers/cli.js';
import { cli } from './operate/harness.js';

const b = useBackends();
const REGION = 'us-east-1';
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::shop-assets/*'] }],
});
const SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:shop/db-AbCdEf`;
const PARAM = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/shop/api-key`;

const config = (b: Backends, endpoint: string) => ({ endpoint, region: REGION, credentials: CREDENTIALS });

async function instanceRole(b: Backends) {
  const iam = new IAMClient(config(b, b.moto.url));
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'tasks.apprunner.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
  const role = await iam.send(new CreateRoleCommand({ RoleName: 'shop-instance', AssumeRolePolicyDocument: trust }));
  await iam.send(new PutRolePolicyCommand({ RoleName: 'shop-instance', PolicyName: 'assets', PolicyDocument: POLICY }));
  const managed = await iam.send(new CreatePolicyCommand({ PolicyName: 'shop-queue', PolicyDocument: POLICY }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'shop-instance', PolicyArn: managed.Policy!.Arn! }));
  iam.destroy();
  return { arn: role.Role!.Arn!, managed: managed.Policy!.Arn!, trust };
}

async function image(b: Backends): Promise<string> {
  const ecr = new ECRClient(config(b, b.moto.url));
  await ecr.send(new CreateRepositoryCommand({ repositoryName: 'shop' }));
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    layers: [],
  });
  const put = await ecr.send(new PutImageCommand({ repositoryName: 'shop', imageManifest: manifest, imageTag: 'v1' }));
  ecr.destroy();
  return put.image!.imageId!.imageDigest!;
}

/** Two subnets of a VPC with no internet or NAT gateway: private, and without VPC endpoints. */
async function privateSubnets(b: Backends): Promise<string[]> {
  const ec2 = new EC2Client(config(b, b.moto.url));
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }));
  const ids: string[] = [];
  for (const [cidr, az] of [
    ['10.9.1.0/24', 'us-east-1a'],
    ['10.9.2.0/24', 'us-east-1b'],
  ])
    ids.push(
      (await ec2.send(new CreateSubnetCommand({ VpcId: vpc.Vpc!.VpcId!, CidrBlock: cidr, AvailabilityZone: az })))
        .Subnet!.SubnetId!,
    );
  ec2.destroy();
  return ids;
}

async function createService(b: Backends, input: CreateServiceCommandInput) {
  const ar = new AppRunnerClient(config(b, b.standIn.url));
  const out = await ar.send(new CreateServiceCommand(input));
  b.standIn.settle();
  ar.destroy();
  return out.Service!.ServiceArn!;
}

/** The full-featured service: private ECR image by tag, env, secrets, both roles, HTTP health, scaling, VPC, tracing, a domain. */
async function shop(b: Backends) {
  const role = await instanceRole(b);
  const digest = await image(b);
  const subnets = await privateSubnets(b);
  const ar = new AppRunnerClient(config(b, b.standIn.url));
  const scaling = await ar.send(
    new CreateAutoScalingConfigurationCommand({
      AutoScalingConfigurationName: 'shop-scaling',
      MinSize: 2,
      MaxSize: 5,
      MaxConcurrency: 50,
    }),
  );
  const vpc = await ar.send(
    new CreateVpcConnectorCommand({
      VpcConnectorName: 'shop-vpc',
      Subnets: subnets,
      SecurityGroups: ['sg-0123456789abcdef0'],
    }),
  );
  const obs = await ar.send(
    new CreateObservabilityConfigurationCommand({
      ObservabilityConfigurationName: 'shop-tracing',
      TraceConfiguration: { Vendor: 'AWSXRAY' },
    }),
  );
  const arn = await createService(b, {
    ServiceName: 'shop',
    SourceConfiguration: {
      ImageRepository: {
        ImageIdentifier: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/shop:v1`,
        ImageRepositoryType: 'ECR',
        ImageConfiguration: {
          Port: '8080',
          // A value with an escape sequence: it must reach the app as it is, and never a terminal raw.
          RuntimeEnvironmentVariables: { MODE: 'prod', BANNER: 'hi\u001b[31mred' },
          RuntimeEnvironmentSecrets: { DB_PASSWORD: SECRET, API_KEY: PARAM },
        },
      },
      AutoDeploymentsEnabled: true,
      AuthenticationConfiguration: {
        AccessRoleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/AppRunnerECRAccessRole`,
      },
    },
    InstanceConfiguration: { Cpu: '2 vCPU', Memory: '4 GB', InstanceRoleArn: role.arn },
    HealthCheckConfiguration: { Protocol: 'HTTP', Path: '/healthz' },
    AutoScalingConfigurationArn: scaling.AutoScalingConfiguration!.AutoScalingConfigurationArn,
    NetworkConfiguration: {
      EgressConfiguration: { EgressType: 'VPC', VpcConnectorArn: vpc.VpcConnector!.VpcConnectorArn },
    },
    ObservabilityConfiguration: {
      ObservabilityEnabled: true,
      ObservabilityConfigurationArn: obs.ObservabilityConfiguration!.ObservabilityConfigurationArn,
    },
  });
  await ar.send(new AssociateCustomDomainCommand({ ServiceArn: arn, DomainName: 'shop.example.com' }));
  ar.destroy();
  return { arn, role, digest, subnets };
}

const ecsCreates = (b: Backends) => b.ecs.requests.filter((r) => r.operation === 'CreateExpressGatewayService');
const appRunnerChanges = (b: Backends) =>
  b.standIn.requests.filter((r) => /^(Update|Delete|Pause|Resume|StartDeployment)/.test(r.operation));

async function roleFacts(b: Backends, name: string) {
  const iam = new IAMClient(config(b, b.moto.url));
  try {
    const role = (await iam.send(new GetRoleCommand({ RoleName: name }))).Role!;
    const inline = (await iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames ?? [];
    const docs = await Promise.all(
      inline.map(async (p) =>
        decodeURIComponent(
          (await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: p }))).PolicyDocument!,
        ),
      ),
    );
    const managed = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }))).AttachedPolicies ?? [];
    return {
      trust: JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)),
      inline,
      docs: docs.map((d) => JSON.parse(d)),
      managed: managed.map((m) => m.PolicyArn),
    };
  } catch {
    return undefined;
  } finally {
    iam.destroy();
  }
}

describe('migrate: a hand-made App Runner service to ECS Express Mode', () => {
  it('maps every setting, refuses without --yes, creates once, keeps the old service, then status, pause-old and delete work', async () => {
    const { arn, role, digest, subnets } = await shop(b);
    const home = tempDir('caa-migrate-');
    const from = ['migrate', '--from', 'shop', '--region', REGION];

    const refused = await cli(b, home, from);
    expect(refused.code, refused.out).toBe(2);
    expect(refused.stderr).toContain('pass --yes');
    expect(existsSync(join(home, 'shop'))).toBe(false);

    const dry = await cli(b, home, [...from, '--dry-run']);
    expect(dry.code, dry.out).toBe(0);
    expect(dry.stdout).toContain(`shop@${digest} (the image the tag points at now, by digest)`);
    expect(dry.stdout).toMatch(/REQUEST_COUNT_PER_TARGET, target 3000/);
    expect(dry.stdout).toContain('"autoScalingTargetValue": 3000');
    expect(dry.stdout).toMatch(/Custom domain\s+shop\.example\.com/);
    expect(dry.stdout).toContain('run domain add shop.example.com');
    expect(dry.stdout).toMatch(/X-Ray tracing\s+on/);
    expect(dry.stdout).toMatch(/Automatic deployments\s+on\n\s+→ not carried over: Express deploys when asked/);
    expect(dry.stdout).toContain('BANNER, MODE');
    expect(dry.stdout).toMatch(/Warning: The subnets .* have no route to an internet or NAT gateway/);
    expect(dry.stdout).toContain('--- iam:PutRolePolicy');
    expect(dry.stdout).toContain('"taskRoleArn"');
    expect(dry.stdout).not.toContain('\u001b');
    expect(ecsCreates(b)).toHaveLength(0);
    expect(existsSync(join(home, 'shop'))).toBe(false);

    const json = await cli(b, home, [...from, '--json']);
    expect(json.code, json.out).toBe(0);
    const mapped = JSON.parse(json.stdout);
    expect(mapped.settings).toMatchObject({ cpu: 2, memory: 4, minSize: 2, maxSize: 5, requestsPerTarget: 3000 });
    expect(mapped.settings.environment.BANNER).toBe('hi\u001b[31mred');

    const run = await cli(b, home, [...from, '--yes']);
    expect(run.code, run.out).toBe(0);
    expect(run.stdout).toContain('Health, side by side:');
    expect(run.stdout).toMatch(/Monthly cost on App Runner: about \$/);
    expect(run.stdout).toMatch(/Monthly cost on ECS Express Mode: about \$/);
    expect(run.stdout).toContain('DNS: shop.example.com now points at');
    const written = parse(readFileSync(join(home, 'shop', 'apprunner.deploy.yaml'), 'utf8'));
    expect(written).toMatchObject({
      target: 'ecs-express',
      migratedFrom: { apprunnerService: arn, requestsPerTarget: 3000 },
      network: { vpcSubnets: subnets },
    });
    const id = written.app.id as string;
    const service = b.ecs.services.get('shop')!;
    const active = service.activeConfigurations[0];
    expect(service.tags).toContainEqual({ key: 'create-apprunner-app:app-id', value: id });
    expect(active.primaryContainer.image).toBe(`${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/shop@${digest}`);
    expect(active.primaryContainer.containerPort).toBe(8080);
    expect(active.primaryContainer.environment).toContainEqual({ name: 'BANNER', value: 'hi\u001b[31mred' });
    expect(active.primaryContainer.secrets).toEqual(
      expect.arrayContaining([
        { name: 'DB_PASSWORD', valueFrom: SECRET },
        { name: 'API_KEY', valueFrom: PARAM },
      ]),
    );
    expect(active).toMatchObject({ cpu: '2048', memory: '4096', healthCheckPath: '/healthz' });
    expect(active.scalingTarget).toMatchObject({
      minTaskCount: 2,
      maxTaskCount: 5,
      autoScalingMetric: 'REQUEST_COUNT_PER_TARGET',
      autoScalingTargetValue: 3000,
    });
    expect(active.networkConfiguration.subnets).toEqual(subnets);
    const taskRole = written.migratedFrom.taskRole as string;
    expect(active.taskRoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/${taskRole}`);

    // The new task role: ECS's trust, the same policies; the old role exactly as it was.
    const fresh = await roleFacts(b, taskRole);
    expect(fresh?.trust.Statement[0].Principal.Service).toBe('ecs-tasks.amazonaws.com');
    expect(fresh?.inline).toEqual(['assets']);
    expect(fresh?.docs[0]).toEqual(JSON.parse(POLICY));
    expect(fresh?.managed).toEqual([role.managed]);
    const old = await roleFacts(b, 'shop-instance');
    expect(old?.trust).toEqual(JSON.parse(role.trust));
    expect(old?.inline).toEqual(['assets']);
    expect(old?.managed).toEqual([role.managed]);
    // The execution role reads exactly the two secrets.
    const exec = await roleFacts(b, active.executionRoleArn.split('/').pop());
    expect(JSON.stringify(exec?.docs)).toContain(SECRET);
    expect(JSON.stringify(exec?.docs)).toContain(PARAM);
    expect(appRunnerChanges(b)).toEqual([]);
    expect(b.standIn.findService('shop')!.service.Status).toBe('RUNNING');

    const again = await cli(b, home, [...from, '--yes']);
    expect(again.code, again.out).toBe(0);
    expect(again.stdout).toContain('already there, made by an earlier migrate of this app');
    expect(ecsCreates(b)).toHaveLength(1);
    expect(b.ecs.requests.filter((r) => r.operation === 'UpdateExpressGatewayService')).toHaveLength(0);
    expect(appRunnerChanges(b)).toEqual([]);

    const dir = join(home, 'shop');
    const status = await cli(b, dir, ['status']);
    expect(status.code, status.out).toBe(0);
    expect(status.stdout).toContain('shop (ECS Express Mode, us-east-1): ACTIVE');

    // deploy works on the result, and keeps what migrate set that the config alone does not say.
    const redeploy = await cli(b, dir, ['deploy', '--image', active.primaryContainer.image]);
    expect(redeploy.code, redeploy.out).toBe(0);
    const update = b.ecs.inputsOf('UpdateExpressGatewayService').at(-1)!;
    expect(update).toMatchObject({
      taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/${taskRole}`,
      scalingTarget: { autoScalingMetric: 'REQUEST_COUNT_PER_TARGET', autoScalingTargetValue: 3000 },
      networkConfiguration: { subnets },
    });

    const logs = await cli(b, dir, ['logs']);
    expect(logs.code, logs.out).toBe(0);

    const paused = await cli(b, home, [...from, '--yes', '--pause-old']);
    expect(paused.code, paused.out).toBe(0);
    expect(b.standIn.findService('shop')!.service.Status).toBe('PAUSED');
    expect(ecsCreates(b)).toHaveLength(1);

    const gone = await cli(b, dir, ['delete', '--yes']);
    expect(gone.code, gone.out).toBe(0);
    expect(await roleFacts(b, taskRole)).toBeUndefined();
    expect(await roleFacts(b, 'shop-instance')).toBeDefined();
    expect(b.standIn.findService('shop')).toBeDefined();
  });

  it('turns a TCP check into HTTP on --health-path (or says it uses /), and refuses a code source with the steps', async () => {
    await createService(b, {
      ServiceName: 'plain-tcp',
      SourceConfiguration: {
        ImageRepository: {
          ImageIdentifier: 'public.ecr.aws/aws-containers/hello-app-runner:latest',
          ImageRepositoryType: 'ECR_PUBLIC',
          ImageConfiguration: { Port: '8000' },
        },
        AutoDeploymentsEnabled: false,
      },
    });
    const home = tempDir('caa-migrate-');
    const said = await cli(b, home, ['migrate', '--from', 'plain-tcp', '--region', REGION, '--dry-run']);
    expect(said.code, said.out).toBe(0);
    expect(said.stdout).toMatch(
      /Health check\s+TCP .*\n\s+→ healthCheckPath \/ over HTTP: Express checks an HTTP path/,
    );
    expect(said.stdout).toContain('"healthCheckPath": "/"');
    const given = await cli(b, home, [
      'migrate',
      '--from',
      'plain-tcp',
      '--region',
      REGION,
      '--health-path',
      '/ready',
      '--yes',
    ]);
    expect(given.code, given.out).toBe(0);
    expect(b.ecs.services.get('plain-tcp')!.activeConfigurations[0].healthCheckPath).toBe('/ready');
    expect(parse(readFileSync(join(home, 'plain-tcp', 'apprunner.deploy.yaml'), 'utf8')).healthCheck.path).toBe(
      '/ready',
    );

    const conn = b.standIn.addConnection({ ConnectionName: 'gh' });
    await createService(b, {
      ServiceName: 'from-code',
      SourceConfiguration: {
        CodeRepository: {
          RepositoryUrl: 'https://github.com/octo/from-code',
          SourceCodeVersion: { Type: 'BRANCH', Value: 'main' },
          CodeConfiguration: { ConfigurationSource: 'REPOSITORY' },
        },
        AuthenticationConfiguration: { ConnectionArn: conn.ConnectionArn },
        AutoDeploymentsEnabled: false,
      },
    });
    const code = await cli(b, home, ['migrate', '--from', 'from-code', '--region', REGION, '--yes']);
    expect(code.code, code.out).toBe(1);
    expect(code.stderr).toContain('ECS Express runs container images only');
    expect(code.stderr).toContain('Nothing was created');
    expect(existsSync(join(home, 'from-code'))).toBe(false);
    expect(ecsCreates(b)).toHaveLength(1);

    const help = await cli(b, home, ['migrate', '--help']);
    expect(help.code).toBe(0);
    for (const flag of [
      '--from',
      '--dir',
      '--health-path',
      '--pause-old',
      '--yes',
      '--dry-run',
      '--json',
      '--region',
      '--cwd',
    ])
      expect(help.stdout).toContain(flag);
    const hostile = await cli(b, home, ['migrate', '--from', 'x\u001b[2Jy', '--region', REGION, '--yes']);
    expect(hostile.code).toBe(2);
    expect(hostile.stderr).not.toContain('\u001b');

    const outside = await cli(b, home, ['migrate', '--region', REGION, '--yes']);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('--from');
  });

  it("inside one of our apps: moves the app's own service and switches its deploy config, keeping its id", async () => {
    const dir = await makeApp('image');
    const docker = fakeDockerBin();
    const PATH = `${docker.bin}:${process.env.PATH}`;
    const deployed = await deploy(b, dir, [], { PATH });
    expect(deployed.code, deployed.out).toBe(0);
    const before = parse(readFileSync(join(dir, 'apprunner.deploy.yaml'), 'utf8'));
    const arn = b.standIn.findService('go-api')!.service.ServiceArn;

    const run = await cli(b, dir, ['migrate', '--yes'], { PATH });
    expect(run.code, run.out).toBe(0);
    const after = parse(readFileSync(join(dir, 'apprunner.deploy.yaml'), 'utf8'));
    expect(after).toMatchObject({
      target: 'ecs-express',
      app: { id: before.app.id },
      source: { kind: 'image', ecrRepository: before.source.ecrRepository },
      healthCheck: { path: before.healthCheck.path },
      migratedFrom: { apprunnerService: arn },
    });
    const service = b.ecs.services.get('go-api')!;
    expect(service.tags).toContainEqual({ key: 'create-apprunner-app:app-id', value: before.app.id });
    // The image App Runner runs (no digest: the fake docker pushed nothing to moto's ECR, and the row says so).
    expect(service.activeConfigurations[0].primaryContainer.image).toBe(
      b.standIn.findService('go-api')!.service.SourceConfiguration!.ImageRepository!.ImageIdentifier,
    );
    expect(run.stdout).toMatch(/by tag: ECR has no image tagged/);
    expect(appRunnerChanges(b)).toEqual([]);
    const status = await cli(b, dir, ['status']);
    expect(status.code, status.out).toBe(0);
    expect(status.stdout).toContain('go-api (ECS Express Mode, us-east-1): ACTIVE');
  });

  it('inside an app, a code source is built from its Dockerfile through the deploy image path', async () => {
    const dir = await makeApp('code');
    const docker = fakeDockerBin();
    const conn = b.standIn.addConnection({ ConnectionName: 'gh-code' });
    await createService(b, {
      ServiceName: 'node-api',
      SourceConfiguration: {
        CodeRepository: {
          RepositoryUrl: 'https://github.com/octo/node-api',
          SourceCodeVersion: { Type: 'BRANCH', Value: 'main' },
          CodeConfiguration: { ConfigurationSource: 'REPOSITORY' },
        },
        AuthenticationConfiguration: { ConnectionArn: conn.ConnectionArn },
        AutoDeploymentsEnabled: false,
      },
    });
    const run = await cli(b, dir, ['migrate', '--yes'], { PATH: `${docker.bin}:${process.env.PATH}` });
    expect(run.code, run.out).toBe(0);
    expect(run.stdout).toContain("primaryContainer.image built from this app's Dockerfile");
    expect(readFileSync(docker.log, 'utf8')).toMatch(/^build /m);
    const image = b.ecs.services.get('node-api')!.activeConfigurations[0].primaryContainer.image as string;
    expect(image).toMatch(new RegExp(`^${ACCOUNT}\\.dkr\\.ecr\\.us-east-1\\.amazonaws\\.com/node-api(-[a-z2-7]+)?:`));
  });

  it('asks on a terminal: no writes and creates nothing (exit 1), yes goes ahead', async () => {
    await createService(b, {
      ServiceName: 'asked-svc',
      SourceConfiguration: {
        ImageRepository: {
          ImageIdentifier: 'public.ecr.aws/aws-containers/hello-app-runner:latest',
          ImageRepositoryType: 'ECR_PUBLIC',
          ImageConfiguration: { Port: '8000' },
        },
        AutoDeploymentsEnabled: false,
      },
      HealthCheckConfiguration: { Protocol: 'HTTP', Path: '/' },
    });
    const home = tempDir('caa-migrate-');
    const env = deployEnv(b) as Record<string, string>;
    const args = ['migrate', '--from', 'asked-svc', '--region', REGION];
    const question = '\\(y/N\\)'; // the prompt wraps at the terminal's 80 columns
    const no = await runInTerminal(args, home, [{ expect: question, send: 'n\r' }], process.execPath, env);
    expect(no.code, no.out).toBe(1);
    expect(no.out).toContain('Declined: nothing was written.');
    expect(existsSync(join(home, 'asked-svc'))).toBe(false);
    expect(ecsCreates(b)).toHaveLength(0);
    const yes = await runInTerminal(args, home, [{ expect: question, send: 'y\r' }], process.execPath, env);
    expect(yes.code, yes.out).toBe(0);
    expect(b.ecs.services.get('asked-svc')!.activeConfigurations[0].healthCheckPath).toBe('/');
    expect(existsSync(join(home, 'asked-svc', 'apprunner.deploy.yaml'))).toBe(true);
  });

  it('two runs at once leave one service, named by the folder the runs share', async () => {
    await createService(b, {
      ServiceName: 'twice-svc',
      SourceConfiguration: {
        ImageRepository: {
          ImageIdentifier: 'public.ecr.aws/aws-containers/hello-app-runner:latest',
          ImageRepositoryType: 'ECR_PUBLIC',
          ImageConfiguration: { Port: '8000' },
        },
        AutoDeploymentsEnabled: false,
      },
    });
    const home = tempDir('caa-migrate-');
    const args = ['migrate', '--from', 'twice-svc', '--region', REGION, '--yes'];
    const runs = await Promise.all([cli(b, home, args), cli(b, home, args)]);
    expect(runs.map((r) => r.code).filter((c) => c === 0).length, runs.map((r) => r.out).join('\n')).toBeGreaterThan(0);
    for (const r of runs) expect([0, 1, 2], r.out).toContain(r.code);
    const id = parse(readFileSync(join(home, 'twice-svc', 'apprunner.deploy.yaml'), 'utf8')).app.id;
    const services = [...b.ecs.services.values()].filter((s) => s.serviceName === 'twice-svc');
    expect(services).toHaveLength(1);
    expect(services[0]!.tags).toContainEqual({ key: 'create-apprunner-app:app-id', value: id });
    // Whatever the race did, a third run agrees with both.
    const third = await cli(b, home, args);
    expect(third.code, third.out).toBe(0);
  });
});
