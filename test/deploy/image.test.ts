// Deploying an image app (Go) through the packed CLI against the stand-ins: a first deploy from --image
// and from a build, then a redeploy (StartDeployment), a changed config (UpdateService) and the optional
// extras. No container engine can build on this machine, so the build path runs a fake `docker` first on
// PATH that records its arguments: the process boundary is the only thing stood in for.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { GetRoleCommand, GetRolePolicyCommand, IAMClient, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

import {
  ACCOUNT,
  appName,
  CREDENTIALS,
  deploy,
  fakeDockerBin,
  git,
  makeApp,
  motoState,
  operations,
  useBackends,
} from './harness.js';

const b = useBackends();
const REGISTRY = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`;
const IMAGE = `${REGISTRY}/go-api:v1`;
const ACCESS_ROLE = `arn:aws:iam::${ACCOUNT}:role/AppRunnerECRAccessRole`;

function editConfig(dir: string, change: (config: Record<string, any>) => void) {
  const file = join(dir, 'apprunner.deploy.yaml');
  const config = parse(readFileSync(file, 'utf8'));
  change(config);
  writeFileSync(file, stringify(config));
}

describe('deploy of an image app', () => {
  it('creates the service from --image with the access role, and ends with the URL, the health check and the logs', async () => {
    const dir = await makeApp('image');
    const r = await deploy(b, dir, ['--image', IMAGE]);
    expect(r.code, r.out).toBe(0);

    expect(b.standIn.inputsOf('CreateService')).toEqual([
      {
        ServiceName: 'go-api',
        SourceConfiguration: {
          ImageRepository: {
            ImageIdentifier: IMAGE,
            ImageRepositoryType: 'ECR',
            ImageConfiguration: { Port: '8080', RuntimeEnvironmentVariables: {} },
          },
          AutoDeploymentsEnabled: false,
          AuthenticationConfiguration: { AccessRoleArn: ACCESS_ROLE },
        },
        InstanceConfiguration: { Cpu: '1 vCPU', Memory: '2 GB' },
        HealthCheckConfiguration: {
          Protocol: 'HTTP',
          Path: '/health',
          Interval: 5,
          Timeout: 2,
          HealthyThreshold: 1,
          UnhealthyThreshold: 5,
        },
        Tags: [
          { Key: 'created-by', Value: 'create-apprunner-app' },
          { Key: 'create-apprunner-app:app-id', Value: expect.stringMatching(/^app-[a-z2-7]{12}$/) },
        ],
      },
    ]);
    // Default scaling: no configuration of its own. ListServices came before anything was created.
    expect(operations(b.standIn)).not.toContain('CreateAutoScalingConfiguration');
    expect(operations(b.standIn)[0]).toBe('ListServices');

    const service = b.standIn.findService('go-api')!.service;
    expect(service.Status).toBe('RUNNING');
    expect(r.stdout).toContain(`RUNNING at https://${service.ServiceUrl}`);
    expect(r.stdout).toContain(`/aws/apprunner/go-api/${service.ServiceId}/service`);
    expect(r.stdout).toContain(`/aws/apprunner/go-api/${service.ServiceId}/application`);
    expect(r.stdout).toContain(
      `https://us-east-1.console.aws.amazon.com/apprunner/home?region=us-east-1#/services/dashboard?service_arn=${encodeURIComponent(service.ServiceArn!)}`,
    );
    // The stand-in's URL resolves nowhere: a warning, not a failure.
    expect(r.stderr).toMatch(
      new RegExp(`Warning: https://${service.ServiceUrl}/health did not answer 200 from here \\(ENOTFOUND`),
    );

    const state = await motoState(b.moto);
    expect(state.repositories).toEqual([]); // --image: nothing to push
    expect(state.roles).toEqual(['AppRunnerECRAccessRole']);
    const iam = new IAMClient({ endpoint: b.moto.url, region: 'us-east-1', credentials: CREDENTIALS });
    const role = (await iam.send(new GetRoleCommand({ RoleName: 'AppRunnerECRAccessRole' }))).Role!;
    expect(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)).Statement[0].Principal).toEqual({
      Service: 'build.apprunner.amazonaws.com',
    });
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'AppRunnerECRAccessRole' }));
    expect(attached.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSAppRunnerServicePolicyForECRAccess',
    ]);
    iam.destroy();
  });

  it('builds, logs in with an ECR token and pushes a tag named after the commit, into a repository it creates with scan on push', async () => {
    const dir = await makeApp('image');
    const docker = fakeDockerBin();
    const r = await deploy(b, dir, [], { PATH: `${docker.bin}:${process.env.PATH}` });
    expect(r.code, r.out).toBe(0);
    const sha = (await git(dir, ['rev-parse', '--short=12', 'HEAD'])).stdout;
    const ref = `${REGISTRY}/go-api:${sha}`;
    expect(readFileSync(docker.log, 'utf8').trim().split('\n')).toEqual([
      'info',
      `build --platform linux/amd64 --tag ${ref} .`,
      // moto's token is base64("AWS:<password>"): the password went on stdin, never in the arguments.
      expect.stringMatching(
        new RegExp(`^login --username AWS --password-stdin ${REGISTRY} password-length=[1-9]\\d*$`),
      ),
      `push ${ref}`,
    ]);
    const [repository] = (await motoState(b.moto)).repositories;
    expect(repository).toMatchObject({
      repositoryName: 'go-api',
      imageScanningConfiguration: { scanOnPush: true },
      imageTagMutability: 'MUTABLE',
    });
    expect(b.standIn.inputsOf('CreateService')[0]!.SourceConfiguration.ImageRepository.ImageIdentifier).toBe(ref);
  });

  it('redeploys with StartDeployment, updates a changed config, and reuses its auto scaling configuration', async () => {
    const dir = await makeApp('image');
    expect((await deploy(b, dir, ['--image', IMAGE])).code).toBe(0);

    const again = await deploy(b, dir, ['--image', IMAGE]);
    expect(again.code, again.out).toBe(0);
    expect(again.stdout).toContain('Redeployed go-api');
    expect(operations(b.standIn).filter((o) => /^(CreateService|UpdateService|StartDeployment)$/.test(o))).toEqual([
      'CreateService',
      'StartDeployment',
    ]);

    editConfig(dir, (c) => {
      c.instance = { cpu: 2, memory: 4 };
      c.autoScaling.maxSize = 5;
      c.environment = { LOG_LEVEL: 'debug' };
    });
    const changed = await deploy(b, dir, ['--image', `${REGISTRY}/go-api:v2`]);
    expect(changed.code, changed.out).toBe(0);
    expect(changed.stdout).toMatch(
      /Updating go-api: image: .*:v1 → .*:v2; environment variables; instance cpu: 1 vCPU → 2 vCPU; instance memory: 2 GB → 4 GB; auto scaling: DefaultConfiguration rev 1 → /,
    );
    expect(changed.stdout).toContain(`→ ${appName(dir, 'autoScaling')} rev 1.`);
    const [scaling] = b.standIn.inputsOf('CreateAutoScalingConfiguration');
    expect(scaling).toMatchObject({
      AutoScalingConfigurationName: appName(dir, 'autoScaling'),
      MinSize: 1,
      MaxSize: 5,
      MaxConcurrency: 100,
    });
    const [update] = b.standIn.inputsOf('UpdateService');
    expect(update).toMatchObject({
      InstanceConfiguration: { Cpu: '2 vCPU', Memory: '4 GB' },
      AutoScalingConfigurationArn: expect.stringContaining(
        `:autoscalingconfiguration/${appName(dir, 'autoScaling')}/1/`,
      ),
      SourceConfiguration: {
        ImageRepository: {
          ImageIdentifier: `${REGISTRY}/go-api:v2`,
          ImageConfiguration: { RuntimeEnvironmentVariables: { LOG_LEVEL: 'debug' } },
        },
      },
    });
    expect(b.standIn.findService('go-api')!.service.InstanceConfiguration).toMatchObject({
      Cpu: '2048',
      Memory: '4096',
    });

    const third = await deploy(b, dir, ['--image', `${REGISTRY}/go-api:v2`]);
    expect(third.code, third.out).toBe(0);
    expect(b.standIn.inputsOf('CreateAutoScalingConfiguration')).toHaveLength(1);
    expect(b.standIn.inputsOf('CreateService')).toHaveLength(1);
    expect(operations(b.standIn).at(-1)).not.toBe('UpdateService');
    expect(b.standIn.services.filter((s) => s.service.Status !== 'DELETED')).toHaveLength(1);
  });

  it('returns once AWS has accepted the request with --no-wait', async () => {
    const standIn = await b.restart({ operationDelayMs: Infinity });
    const dir = await makeApp('image');
    const r = await deploy(b, dir, ['--image', IMAGE, '--no-wait']);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toMatch(/AWS accepted the request \(operation [0-9a-f]{32}\): go-api is being created/);
    expect(r.stdout).toContain(
      'aws apprunner describe-service --service-arn arn:aws:apprunner:us-east-1:123456789012:service/go-api/',
    );
    expect(operations(standIn)).not.toContain('DescribeService');
    expect(standIn.findService('go-api')!.service.Status).toBe('OPERATION_IN_PROGRESS');
  });

  it('retries CreateService while a new access role is not usable yet, and only then', async () => {
    const dir = await makeApp('image');
    b.standIn.fail('CreateService', 'role-not-ready', { times: 2 });
    const r = await deploy(b, dir, ['--image', IMAGE]);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain('The access role is not usable yet');
    expect(b.standIn.requests.filter((q) => q.operation === 'CreateService').map((q) => q.error)).toEqual([
      'InvalidRequestException',
      'InvalidRequestException',
      undefined,
    ]);
  });

  it.each([
    ['nginx:latest', 'Docker Hub'],
    ['docker.io/library/nginx:1.27', 'Docker Hub'],
    ['ghcr.io/octo/api:v1', 'GitHub Container Registry'],
  ])('refuses --image %s (%s) with the reason, before any AWS call', async (image, where) => {
    const dir = await makeApp('image');
    const r = await deploy(b, dir, ['--image', image]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `App Runner cannot pull from ${where}: it pulls only from Amazon ECR (private) or ECR Public.`,
    );
    expect(b.standIn.requests).toEqual([]);
  });

  it('deploys an ECR Public image without an access role', async () => {
    const dir = await makeApp('image');
    const r = await deploy(b, dir, ['--image', 'public.ecr.aws/octo/go-api:v1']);
    expect(r.code, r.out).toBe(0);
    expect(b.standIn.inputsOf('CreateService')[0]!.SourceConfiguration).toEqual({
      ImageRepository: {
        ImageIdentifier: 'public.ecr.aws/octo/go-api:v1',
        ImageRepositoryType: 'ECR_PUBLIC',
        ImageConfiguration: { Port: '8080', RuntimeEnvironmentVariables: {} },
      },
      AutoDeploymentsEnabled: false,
    });
    expect((await motoState(b.moto)).roles).toEqual([]);
  });
});

describe('deploy of an image app with secrets, a VPC, tracing and a domain', () => {
  const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf`;
  const flags = [
    '--secret',
    `DB_URL=${SECRET}`,
    '--secret',
    'API_TOKEN=/go-api/token',
    '--env',
    'LOG_LEVEL=info',
    '--vpc-subnets',
    'subnet-0123456789abcdef0,subnet-0123456789abcdef1',
    '--vpc-security-groups',
    'sg-0123456789abcdef0',
    '--tracing',
    '--domain',
    'api.example.com',
  ];

  it('gives the service an instance role reading exactly its secrets, a VPC connector, X-Ray, and prints the DNS records', async () => {
    const dir = await makeApp('image', flags);
    const r = await deploy(b, dir, ['--image', IMAGE]);
    expect(r.code, r.out).toBe(0);
    const [create] = b.standIn.inputsOf('CreateService');
    expect(create).toMatchObject({
      SourceConfiguration: {
        ImageRepository: {
          ImageConfiguration: {
            RuntimeEnvironmentVariables: { LOG_LEVEL: 'info' },
            RuntimeEnvironmentSecrets: { DB_URL: SECRET, API_TOKEN: '/go-api/token' },
          },
        },
      },
      InstanceConfiguration: { InstanceRoleArn: `arn:aws:iam::${ACCOUNT}:role/${appName(dir, 'instanceRole')}` },
      NetworkConfiguration: {
        EgressConfiguration: {
          EgressType: 'VPC',
          VpcConnectorArn: expect.stringContaining(`:vpcconnector/${appName(dir, 'vpcConnector')}/1/`),
        },
      },
      ObservabilityConfiguration: {
        ObservabilityEnabled: true,
        ObservabilityConfigurationArn: expect.stringContaining(
          `:observabilityconfiguration/${appName(dir, 'observability')}/1/`,
        ),
      },
    });
    expect(b.standIn.inputsOf('CreateVpcConnector')).toMatchObject([
      { Subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'], SecurityGroups: ['sg-0123456789abcdef0'] },
    ]);

    const iam = new IAMClient({ endpoint: b.moto.url, region: 'us-east-1', credentials: CREDENTIALS });
    const policy = await iam.send(
      new GetRolePolicyCommand({ RoleName: appName(dir, 'instanceRole'), PolicyName: 'read-app-secrets' }),
    );
    expect(JSON.parse(decodeURIComponent(policy.PolicyDocument!)).Statement).toEqual([
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [SECRET, `${SECRET}-??????`] },
      {
        Effect: 'Allow',
        Action: ['ssm:GetParameters'],
        Resource: [`arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/go-api/token`],
      },
    ]);
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: appName(dir, 'instanceRole') }));
    expect(attached.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([
      'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess',
    ]);
    iam.destroy();

    expect(b.standIn.inputsOf('AssociateCustomDomain')).toEqual([
      { ServiceArn: expect.any(String), DomainName: 'api.example.com', EnableWWWSubdomain: false },
    ]);
    const url = b.standIn.findService('go-api')!.service.ServiceUrl;
    expect(r.stdout).toContain(`api.example.com  CNAME  ${url}`);
    expect(r.stdout).toMatch(/acm-validations\.aws\./);

    // Again: everything is reused, nothing is created twice, and the domain is not associated again.
    const again = await deploy(b, dir, ['--image', IMAGE]);
    expect(again.code, again.out).toBe(0);
    for (const op of [
      'CreateVpcConnector',
      'CreateObservabilityConfiguration',
      'AssociateCustomDomain',
      'CreateService',
    ]) {
      expect(b.standIn.inputsOf(op), op).toHaveLength(1);
    }
    expect(operations(b.standIn)).toContain('StartDeployment');
  });
});
