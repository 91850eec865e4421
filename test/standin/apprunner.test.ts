// Checks the AWS stand-ins against the real clients: @aws-sdk/client-apprunner and the AWS CLI (whose botocore
// validates requests against App Runner's real model) for ./apprunner.ts, and the STS/IAM/ECR SDK clients
// for ./moto.ts. If these pass, deploy tests built on the stand-ins exercise the same wire format as AWS.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  AppRunnerClient,
  type AppRunnerClientConfig,
  AppRunnerServiceException,
  AssociateCustomDomainCommand,
  CreateAutoScalingConfigurationCommand,
  CreateConnectionCommand,
  CreateObservabilityConfigurationCommand,
  CreateServiceCommand,
  type CreateServiceCommandInput,
  CreateVpcConnectorCommand,
  DeleteAutoScalingConfigurationCommand,
  DeleteObservabilityConfigurationCommand,
  DeleteServiceCommand,
  DeleteVpcConnectorCommand,
  DescribeAutoScalingConfigurationCommand,
  DescribeCustomDomainsCommand,
  DescribeObservabilityConfigurationCommand,
  DescribeServiceCommand,
  DescribeVpcConnectorCommand,
  DisassociateCustomDomainCommand,
  InvalidRequestException,
  InvalidStateException,
  ListAutoScalingConfigurationsCommand,
  ListConnectionsCommand,
  ListObservabilityConfigurationsCommand,
  ListOperationsCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  paginateListServices,
  PauseServiceCommand,
  ResumeServiceCommand,
  type Service,
  StartDeploymentCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-apprunner';
import {
  CreateRepositoryCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
} from '@aws-sdk/client-ecr';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { type Fault, type StandInOptions, startAppRunnerStandIn } from './apprunner.js';
import { startMoto } from './moto.js';

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/AppRunnerECRAccessRole`;

// Each test gets its own stand-in (they start in a millisecond) so state never leaks between tests.
const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function setup(opts?: StandInOptions, config: Partial<AppRunnerClientConfig> = {}) {
  const standIn = await startAppRunnerStandIn(opts);
  const client = new AppRunnerClient({ endpoint: standIn.url, region: 'us-east-1', credentials, ...config });
  running.push({ close: async () => (client.destroy(), standIn.close()) });
  return { standIn, client };
}

function imageService(name = 'my-app'): CreateServiceCommandInput {
  return {
    ServiceName: name,
    SourceConfiguration: {
      ImageRepository: {
        ImageIdentifier: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/my-app:latest`,
        ImageRepositoryType: 'ECR',
        ImageConfiguration: { Port: '8080', RuntimeEnvironmentVariables: { NODE_ENV: 'production' } },
      },
      AuthenticationConfiguration: { AccessRoleArn: ROLE },
      AutoDeploymentsEnabled: false,
    },
    InstanceConfiguration: { Cpu: '1 vCPU', Memory: '2 GB' },
    HealthCheckConfiguration: { Protocol: 'HTTP', Path: '/health' },
    Tags: [{ Key: 'app', Value: name }],
  };
}

/** What a deploy command does: poll DescribeService until the operation is over (the SDK has no waiter). */
async function waitForSettled(client: AppRunnerClient, ServiceArn: string): Promise<Service> {
  for (let i = 0; i < 500; i++) {
    const { Service } = await client.send(new DescribeServiceCommand({ ServiceArn }));
    if (Service!.Status !== 'OPERATION_IN_PROGRESS') return Service!;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('service never left OPERATION_IN_PROGRESS');
}

async function errorOf(p: Promise<unknown>): Promise<AppRunnerServiceException> {
  try {
    await p;
  } catch (e) {
    return e as AppRunnerServiceException;
  }
  throw new Error('expected the call to fail');
}

describe('App Runner stand-in through @aws-sdk/client-apprunner', () => {
  it('creates a service that goes from OPERATION_IN_PROGRESS to RUNNING', async () => {
    const { standIn, client } = await setup();
    const created = await client.send(new CreateServiceCommand(imageService()));
    const svc = created.Service!;
    expect(svc.Status).toBe('OPERATION_IN_PROGRESS');
    expect(created.OperationId).toMatch(/^[0-9a-f]{32}$/);
    expect(svc.ServiceArn).toMatch(new RegExp(`^arn:aws:apprunner:us-east-1:${ACCOUNT}:service/my-app/[0-9a-f]{32}$`));
    expect(svc.ServiceArn!.endsWith(svc.ServiceId!)).toBe(true);
    expect(svc.ServiceUrl).toMatch(/^[a-z0-9]+\.us-east-1\.awsapprunner\.com$/);
    expect(svc.CreatedAt).toBeInstanceOf(Date); // epoch seconds on the wire, parsed by the SDK
    // Defaults are filled in and cpu/memory come back in the API's numeric form.
    expect(svc.InstanceConfiguration).toEqual({ Cpu: '1024', Memory: '2048' });
    expect(svc.HealthCheckConfiguration).toMatchObject({ Protocol: 'HTTP', Path: '/health', Interval: 5, Timeout: 2 });
    expect(svc.AutoScalingConfigurationSummary?.AutoScalingConfigurationName).toBe('DefaultConfiguration');

    const done = await waitForSettled(client, svc.ServiceArn!);
    expect(done.Status).toBe('RUNNING');
    const ops = await client.send(new ListOperationsCommand({ ServiceArn: svc.ServiceArn }));
    expect(ops.OperationSummaryList).toMatchObject([
      { Id: created.OperationId, Type: 'CREATE_SERVICE', Status: 'SUCCEEDED' },
    ]);
    expect(ops.OperationSummaryList![0]!.EndedAt).toBeInstanceOf(Date);
    const tags = await client.send(new ListTagsForResourceCommand({ ResourceArn: svc.ServiceArn }));
    expect(tags.Tags).toEqual([{ Key: 'app', Value: 'my-app' }]);
    const list = await client.send(new ListServicesCommand({}));
    expect(list.ServiceSummaryList?.map((s) => s.ServiceName)).toEqual(['my-app']);
    // The request log shows exactly what the SDK sent.
    expect(standIn.inputsOf('CreateService')).toEqual([JSON.parse(JSON.stringify(imageService()))]);
    expect(standIn.findService('my-app')?.service.Status).toBe('RUNNING');
  });

  it('is reachable through AWS_ENDPOINT_URL_APPRUNNER, as the CLI under test will be', async () => {
    const { standIn } = await setup();
    const saved = process.env.AWS_ENDPOINT_URL_APPRUNNER;
    process.env.AWS_ENDPOINT_URL_APPRUNNER = standIn.url;
    try {
      const client = new AppRunnerClient({ region: 'us-east-1', credentials });
      await client.send(new ListServicesCommand({}));
      client.destroy();
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_APPRUNNER;
      else process.env.AWS_ENDPOINT_URL_APPRUNNER = saved;
    }
    expect(standIn.requests.map((r) => r.operation)).toEqual(['ListServices']);
  });

  it('rejects a duplicate service name in the same region', async () => {
    const { client } = await setup();
    await client.send(new CreateServiceCommand(imageService()));
    const err = await errorOf(client.send(new CreateServiceCommand(imageService())));
    expect(err).toBeInstanceOf(InvalidRequestException);
    expect(err.name).toBe('InvalidRequestException');
    expect(err.message).toBe('Service with the provided name already exists: my-app');
  });

  it('rejects a cpu/memory pair App Runner does not offer, in either notation', async () => {
    const { client } = await setup();
    const bad = { ...imageService(), InstanceConfiguration: { Cpu: '0.25 vCPU', Memory: '4 GB' } };
    const err = await errorOf(client.send(new CreateServiceCommand(bad)));
    expect(err.name).toBe('InvalidRequestException');
    expect(err.message).toContain('0.25 vCPU with 4 GB');
    expect(err.message).toContain('0.5 GB, 1 GB');
    const numeric = { ...imageService(), InstanceConfiguration: { Cpu: '2048', Memory: '2048' } };
    expect((await errorOf(client.send(new CreateServiceCommand(numeric)))).message).toContain('2 vCPU with 2 GB');
    const ok = { ...imageService(), InstanceConfiguration: { Cpu: '256', Memory: '512' } };
    expect((await client.send(new CreateServiceCommand(ok))).Service?.InstanceConfiguration).toEqual({
      Cpu: '256',
      Memory: '512',
    });
  });

  const base = imageService();
  const src = base.SourceConfiguration!;
  const img = src.ImageRepository!;
  it.each<[string, CreateServiceCommandInput, string]>([
    ['a short name', { ...base, ServiceName: 'abc' }, "Value 'abc' at 'serviceName' failed to satisfy constraint"],
    [
      'a name with a dot',
      { ...base, ServiceName: 'my.app' },
      'Member must satisfy regular expression pattern: [A-Za-z0-9][A-Za-z0-9-_]{3,39}',
    ],
    [
      'two sources',
      {
        ...base,
        SourceConfiguration: {
          ...src,
          CodeRepository: {
            RepositoryUrl: 'https://github.com/a/b',
            SourceCodeVersion: { Type: 'BRANCH', Value: 'main' },
          },
        },
      },
      'exactly one of CodeRepository or ImageRepository',
    ],
    [
      'no source',
      { ...base, SourceConfiguration: { AutoDeploymentsEnabled: false } },
      'exactly one of CodeRepository or ImageRepository',
    ],
    [
      'a Docker Hub image',
      { ...base, SourceConfiguration: { ...src, ImageRepository: { ...img, ImageIdentifier: 'nginx:latest' } } },
      "at 'sourceConfiguration.imageRepository.imageIdentifier'",
    ],
    [
      'private ECR without an access role',
      { ...base, SourceConfiguration: { ...src, AuthenticationConfiguration: undefined } },
      'AccessRoleArn is required',
    ],
    [
      'a port that is not digits',
      { ...base, SourceConfiguration: { ...src, ImageRepository: { ...img, ImageConfiguration: { Port: 'http' } } } },
      'Port must be a string of digits',
    ],
    [
      'a health check interval of 21',
      { ...base, HealthCheckConfiguration: { Interval: 21 } },
      "Value '21' at 'healthCheckConfiguration.interval' failed to satisfy constraint: Member must have value less than or equal to 20",
    ],
    [
      'a health check threshold of 0',
      { ...base, HealthCheckConfiguration: { HealthyThreshold: 0 } },
      'Member must have value greater than or equal to 1',
    ],
    [
      'an unknown health check protocol',
      { ...base, HealthCheckConfiguration: { Protocol: 'HTTPS' as 'HTTP' } },
      'Member must satisfy enum value set: [TCP, HTTP]',
    ],
    [
      'an unknown auto scaling configuration',
      {
        ...base,
        AutoScalingConfigurationArn: `arn:aws:apprunner:us-east-1:${ACCOUNT}:autoscalingconfiguration/nope/1/${'a'.repeat(32)}`,
      },
      'Auto scaling configuration not found',
    ],
  ])('rejects %s with InvalidRequestException', async (_what, input, message) => {
    const { client } = await setup();
    const err = await errorOf(client.send(new CreateServiceCommand(input)));
    expect(err.name).toBe('InvalidRequestException');
    expect(err.message).toContain(message);
  });

  it('accepts ECR Public without an access role', async () => {
    const { client } = await setup();
    const input: CreateServiceCommandInput = {
      ServiceName: 'public-app',
      SourceConfiguration: {
        ImageRepository: {
          ImageIdentifier: 'public.ecr.aws/nginx/nginx:latest',
          ImageRepositoryType: 'ECR_PUBLIC',
          ImageConfiguration: { Port: '80' },
        },
      },
    };
    const { Service } = await client.send(new CreateServiceCommand(input));
    expect(Service?.SourceConfiguration?.AutoDeploymentsEnabled).toBe(false);
  });

  it('needs an AVAILABLE connection and a supported runtime for a source code service', async () => {
    const { standIn, client } = await setup();
    const { Connection } = await client.send(
      new CreateConnectionCommand({ ConnectionName: 'my-github', ProviderType: 'GITHUB' }),
    );
    expect(Connection).toMatchObject({
      Status: 'PENDING_HANDSHAKE',
      ConnectionArn: expect.stringMatching(
        new RegExp(`^arn:aws:apprunner:us-east-1:${ACCOUNT}:connection/my-github/[0-9a-f]{32}$`),
      ),
    });
    const codeService = (Runtime: 'NODEJS_22' | 'NODEJS_18'): CreateServiceCommandInput => ({
      ServiceName: 'code-app',
      SourceConfiguration: {
        CodeRepository: {
          RepositoryUrl: 'https://github.com/me/code-app',
          SourceCodeVersion: { Type: 'BRANCH', Value: 'main' },
          CodeConfiguration: {
            ConfigurationSource: 'API',
            CodeConfigurationValues: { Runtime, BuildCommand: 'npm ci', StartCommand: 'node server.js', Port: '8080' },
          },
        },
        AuthenticationConfiguration: { ConnectionArn: Connection!.ConnectionArn },
      },
    });
    expect((await errorOf(client.send(new CreateServiceCommand(codeService('NODEJS_22'))))).message).toContain(
      'PENDING_HANDSHAKE',
    );
    standIn.completeHandshake('my-github');
    const listed = await client.send(new ListConnectionsCommand({ ConnectionName: 'my-github' }));
    expect(listed.ConnectionSummaryList?.[0]?.Status).toBe('AVAILABLE');
    expect((await errorOf(client.send(new CreateServiceCommand(codeService('NODEJS_18'))))).message).toContain(
      'end of support',
    );
    await client.send(new CreateServiceCommand(codeService('NODEJS_22')));
  });

  it('answers InvalidStateException to changes while an operation runs', async () => {
    // Infinity: the create stays in progress until settle(), so nothing here depends on timing.
    const { standIn, client } = await setup({ operationDelayMs: Infinity });
    const { Service } = await client.send(new CreateServiceCommand(imageService()));
    const ServiceArn = Service!.ServiceArn!;
    for (const call of [
      client.send(new UpdateServiceCommand({ ServiceArn, InstanceConfiguration: { Cpu: '2 vCPU', Memory: '4 GB' } })),
      client.send(new StartDeploymentCommand({ ServiceArn })),
      client.send(new DeleteServiceCommand({ ServiceArn })),
      client.send(new PauseServiceCommand({ ServiceArn })),
    ]) {
      const err = await errorOf(call);
      expect(err).toBeInstanceOf(InvalidStateException);
      expect(err.message).toContain('while an operation is in progress (CREATE_SERVICE)');
    }
    standIn.settle();
    const update = await client.send(
      new UpdateServiceCommand({ ServiceArn, InstanceConfiguration: { Cpu: '2 vCPU', Memory: '4 GB' } }),
    );
    expect(update.Service?.Status).toBe('OPERATION_IN_PROGRESS');
    standIn.settle();
    const { Service: after } = await client.send(new DescribeServiceCommand({ ServiceArn }));
    expect(after).toMatchObject({ Status: 'RUNNING', InstanceConfiguration: { Cpu: '2048', Memory: '4096' } });
  });

  it('rolls back a failed update and shows it in ListOperations', async () => {
    const { standIn, client } = await setup();
    const { Service } = await client.send(new CreateServiceCommand(imageService()));
    const ServiceArn = Service!.ServiceArn!;
    await waitForSettled(client, ServiceArn);
    standIn.fail('UpdateService', 'rollback', { times: 1 });
    const newImage = {
      ...imageService().SourceConfiguration!,
      ImageRepository: { ...img, ImageConfiguration: { Port: '3000' } },
    };
    const failed = await client.send(new UpdateServiceCommand({ ServiceArn, SourceConfiguration: newImage }));
    const rolledBack = await waitForSettled(client, ServiceArn);
    expect(rolledBack.Status).toBe('RUNNING');
    expect(rolledBack.SourceConfiguration?.ImageRepository?.ImageConfiguration?.Port).toBe('8080'); // old version kept
    let ops = (await client.send(new ListOperationsCommand({ ServiceArn }))).OperationSummaryList!;
    expect(ops.map((o) => [o.Type, o.Status])).toEqual([
      ['UPDATE_SERVICE', 'ROLLBACK_SUCCEEDED'],
      ['CREATE_SERVICE', 'SUCCEEDED'],
    ]);
    expect(ops[0]!.Id).toBe(failed.OperationId);

    // The next update (the fault was for one call) succeeds and applies; a deployment can roll back too.
    await client.send(new UpdateServiceCommand({ ServiceArn, SourceConfiguration: newImage }));
    expect(
      (await waitForSettled(client, ServiceArn)).SourceConfiguration?.ImageRepository?.ImageConfiguration?.Port,
    ).toBe('3000');
    standIn.fail('StartDeployment', 'rollback', { times: 1 });
    await client.send(new StartDeploymentCommand({ ServiceArn }));
    await waitForSettled(client, ServiceArn);
    ops = (await client.send(new ListOperationsCommand({ ServiceArn }))).OperationSummaryList!;
    expect(ops.map((o) => o.Status)).toEqual(['ROLLBACK_SUCCEEDED', 'SUCCEEDED', 'ROLLBACK_SUCCEEDED', 'SUCCEEDED']);
    expect(ops[0]!.Type).toBe('START_DEPLOYMENT');
  });

  it('ends a create-failed service in CREATE_FAILED; it can only be deleted, which frees the name', async () => {
    const { standIn, client } = await setup({ operationDelayMs: Infinity });
    standIn.fail('CreateService', 'create-failed', { times: 1 });
    const { Service } = await client.send(new CreateServiceCommand(imageService()));
    const ServiceArn = Service!.ServiceArn!;
    standIn.settle();
    expect((await client.send(new DescribeServiceCommand({ ServiceArn }))).Service?.Status).toBe('CREATE_FAILED');
    expect((await client.send(new ListOperationsCommand({ ServiceArn }))).OperationSummaryList?.[0]?.Status).toBe(
      'FAILED',
    );
    expect(
      (await errorOf(client.send(new UpdateServiceCommand({ ServiceArn, InstanceConfiguration: { Cpu: '1024' } }))))
        .name,
    ).toBe('InvalidStateException');
    // A CREATE_FAILED service still holds its name.
    expect((await errorOf(client.send(new CreateServiceCommand(imageService())))).message).toContain('already exists');
    await client.send(new DeleteServiceCommand({ ServiceArn }));
    standIn.settle();
    expect((await client.send(new DescribeServiceCommand({ ServiceArn }))).Service?.Status).toBe('DELETED');
    expect((await client.send(new ListServicesCommand({}))).ServiceSummaryList).toEqual([]);
    await client.send(new CreateServiceCommand(imageService()));
  });

  it('pauses and resumes', async () => {
    const { standIn, client } = await setup({ operationDelayMs: Infinity });
    const { ServiceArn } = standIn.addService({ ServiceName: 'seeded' });
    await client.send(new PauseServiceCommand({ ServiceArn }));
    standIn.settle();
    expect((await client.send(new DescribeServiceCommand({ ServiceArn }))).Service?.Status).toBe('PAUSED');
    expect((await errorOf(client.send(new StartDeploymentCommand({ ServiceArn })))).name).toBe('InvalidStateException');
    await client.send(new ResumeServiceCommand({ ServiceArn }));
    standIn.settle();
    const ops = (await client.send(new ListOperationsCommand({ ServiceArn }))).OperationSummaryList!;
    expect(ops.map((o) => o.Type)).toEqual(['RESUME_SERVICE', 'PAUSE_SERVICE', 'CREATE_SERVICE']);
  });

  it('keeps revisioned configurations and uses them in a service', async () => {
    const { client } = await setup();
    const asc = (MaxSize: number) =>
      client.send(
        new CreateAutoScalingConfigurationCommand({
          AutoScalingConfigurationName: 'my-scaling',
          MinSize: 1,
          MaxSize,
          MaxConcurrency: 50,
        }),
      );
    const first = (await asc(3)).AutoScalingConfiguration!;
    const second = (await asc(5)).AutoScalingConfiguration!;
    expect([first.AutoScalingConfigurationRevision, second.AutoScalingConfigurationRevision]).toEqual([1, 2]);
    expect(second.AutoScalingConfigurationArn).toMatch(
      new RegExp(`:autoscalingconfiguration/my-scaling/2/[0-9a-f]{32}$`),
    );
    const latest = await client.send(
      new ListAutoScalingConfigurationsCommand({ AutoScalingConfigurationName: 'my-scaling', LatestOnly: true }),
    );
    expect(latest.AutoScalingConfigurationSummaryList?.map((a) => a.AutoScalingConfigurationRevision)).toEqual([2]);
    const described = await client.send(
      new DescribeAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: first.AutoScalingConfigurationArn }),
    );
    expect(described.AutoScalingConfiguration).toMatchObject({ Latest: false, MaxSize: 3 });
    expect((await errorOf(asc(0))).message).toContain("at 'maxSize'");
    const tooSmall = await errorOf(
      client.send(
        new CreateAutoScalingConfigurationCommand({
          AutoScalingConfigurationName: 'my-scaling',
          MinSize: 4,
          MaxSize: 2,
        }),
      ),
    );
    expect(tooSmall.message).toContain('MaxSize (2) must be greater than or equal to MinSize (4)');

    const { VpcConnector } = await client.send(
      new CreateVpcConnectorCommand({ VpcConnectorName: 'my-vpc', Subnets: ['subnet-1'] }),
    );
    const { ObservabilityConfiguration } = await client.send(
      new CreateObservabilityConfigurationCommand({
        ObservabilityConfigurationName: 'tracing',
        TraceConfiguration: { Vendor: 'AWSXRAY' },
      }),
    );
    const { Service } = await client.send(
      new CreateServiceCommand({
        ...imageService(),
        AutoScalingConfigurationArn: second.AutoScalingConfigurationArn,
        NetworkConfiguration: {
          EgressConfiguration: { EgressType: 'VPC', VpcConnectorArn: VpcConnector!.VpcConnectorArn },
        },
        ObservabilityConfiguration: {
          ObservabilityEnabled: true,
          ObservabilityConfigurationArn: ObservabilityConfiguration!.ObservabilityConfigurationArn,
        },
      }),
    );
    expect(Service?.AutoScalingConfigurationSummary?.AutoScalingConfigurationRevision).toBe(2);
    expect(Service?.NetworkConfiguration?.EgressConfiguration?.EgressType).toBe('VPC');

    // What migrate reads back: the connector and the observability configuration by ARN; an unknown ARN is not found.
    const connector = await client.send(
      new DescribeVpcConnectorCommand({ VpcConnectorArn: VpcConnector!.VpcConnectorArn }),
    );
    expect(connector.VpcConnector).toMatchObject({
      VpcConnectorName: 'my-vpc',
      Subnets: ['subnet-1'],
      Status: 'ACTIVE',
    });
    const obs = await client.send(
      new DescribeObservabilityConfigurationCommand({
        ObservabilityConfigurationArn: ObservabilityConfiguration!.ObservabilityConfigurationArn,
      }),
    );
    expect(obs.ObservabilityConfiguration).toMatchObject({
      ObservabilityConfigurationName: 'tracing',
      TraceConfiguration: { Vendor: 'AWSXRAY' },
    });
    const missing = await errorOf(
      client.send(
        new DescribeVpcConnectorCommand({
          VpcConnectorArn: `${VpcConnector!.VpcConnectorArn!.replace(/\/[^/]+\/\d+\/[^/]+$/, '')}/gone/1/0123`,
        }),
      ),
    );
    expect(missing.name).toBe('ResourceNotFoundException');
  });

  it('pages ListServices 20 at a time and associates a custom domain', async () => {
    const { standIn, client } = await setup();
    for (let i = 0; i < 25; i++) standIn.addService({ ServiceName: `svc-${i}` });
    const pages = [];
    for await (const page of paginateListServices({ client }, {})) pages.push(page.ServiceSummaryList!.length);
    expect(pages).toEqual([20, 5]);

    const ServiceArn = standIn.findService('svc-0')!.service.ServiceArn;
    const assoc = await client.send(new AssociateCustomDomainCommand({ ServiceArn, DomainName: 'app.example.com' }));
    expect(assoc.CustomDomain).toMatchObject({
      DomainName: 'app.example.com',
      Status: 'CREATING',
      EnableWWWSubdomain: true,
    });
    expect(assoc.CustomDomain?.CertificateValidationRecords).toHaveLength(2);
    const described = await client.send(new DescribeCustomDomainsCommand({ ServiceArn }));
    expect(described.CustomDomains?.[0]?.Status).toBe('PENDING_CERTIFICATE_DNS_VALIDATION');
    expect(described.DNSTarget).toBe(standIn.findService('svc-0')!.service.ServiceUrl);
  });

  it('deletes configurations, connectors and domain associations only when nothing uses them', async () => {
    const { client } = await setup();
    const Tags = [{ Key: 'created-by', Value: 'create-apprunner-app' }];
    const scaling = (
      await client.send(
        new CreateAutoScalingConfigurationCommand({ AutoScalingConfigurationName: 'my-scaling', MaxSize: 3, Tags }),
      )
    ).AutoScalingConfiguration!;
    const { VpcConnector } = await client.send(
      new CreateVpcConnectorCommand({ VpcConnectorName: 'my-vpc', Subnets: ['subnet-1'], Tags }),
    );
    const { ObservabilityConfiguration } = await client.send(
      new CreateObservabilityConfigurationCommand({
        ObservabilityConfigurationName: 'tracing',
        TraceConfiguration: { Vendor: 'AWSXRAY' },
      }),
    );
    expect(
      (await client.send(new ListTagsForResourceCommand({ ResourceArn: scaling.AutoScalingConfigurationArn }))).Tags,
    ).toEqual(Tags);
    expect(
      (
        await client.send(
          new ListTagsForResourceCommand({ ResourceArn: ObservabilityConfiguration!.ObservabilityConfigurationArn }),
        )
      ).Tags,
    ).toEqual([]);
    const { Service } = await client.send(
      new CreateServiceCommand({
        ...imageService(),
        AutoScalingConfigurationArn: scaling.AutoScalingConfigurationArn,
        NetworkConfiguration: {
          EgressConfiguration: { EgressType: 'VPC', VpcConnectorArn: VpcConnector!.VpcConnectorArn },
        },
        ObservabilityConfiguration: {
          ObservabilityEnabled: true,
          ObservabilityConfigurationArn: ObservabilityConfiguration!.ObservabilityConfigurationArn,
        },
      }),
    );
    const ServiceArn = Service!.ServiceArn!;
    await waitForSettled(client, ServiceArn);
    await client.send(new AssociateCustomDomainCommand({ ServiceArn, DomainName: 'app.example.com' }));

    const inUse = await errorOf(
      client.send(
        new DeleteAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: scaling.AutoScalingConfigurationArn }),
      ),
    );
    expect([inUse.name, inUse.message]).toEqual([
      'InvalidRequestException',
      expect.stringContaining('is associated with service my-app'),
    ]);
    expect(
      (await errorOf(client.send(new DeleteVpcConnectorCommand({ VpcConnectorArn: VpcConnector!.VpcConnectorArn }))))
        .message,
    ).toContain('is used by service my-app');
    expect(
      (await errorOf(client.send(new DeleteVpcConnectorCommand({ VpcConnectorArn: 'not-an-arn' })))).message,
    ).toMatch(
      /^1 validation error detected: Value 'not-an-arn' at 'vpcConnectorArn' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    const bad = await errorOf(
      client.send(new DisassociateCustomDomainCommand({ ServiceArn, DomainName: 'bad domain!' })),
    );
    expect(bad.message).toContain("at 'domainName'");
    const dis = await client.send(new DisassociateCustomDomainCommand({ ServiceArn, DomainName: 'app.example.com' }));
    expect(dis.CustomDomain).toMatchObject({ DomainName: 'app.example.com', Status: 'DELETING' });
    expect((await client.send(new DescribeCustomDomainsCommand({ ServiceArn }))).CustomDomains).toEqual([]);
    expect(
      (await errorOf(client.send(new DisassociateCustomDomainCommand({ ServiceArn, DomainName: 'app.example.com' }))))
        .name,
    ).toBe('ResourceNotFoundException');

    await client.send(new DeleteServiceCommand({ ServiceArn }));
    expect((await waitForSettled(client, ServiceArn)).Status).toBe('DELETED');
    const deleted = await client.send(
      new DeleteAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: scaling.AutoScalingConfigurationArn }),
    );
    expect(deleted.AutoScalingConfiguration?.Status).toBe('INACTIVE');
    expect(
      (await client.send(new ListAutoScalingConfigurationsCommand({ AutoScalingConfigurationName: 'my-scaling' })))
        .AutoScalingConfigurationSummaryList,
    ).toEqual([]);
    expect(
      (await client.send(new DeleteVpcConnectorCommand({ VpcConnectorArn: VpcConnector!.VpcConnectorArn })))
        .VpcConnector?.Status,
    ).toBe('INACTIVE');
    await client.send(
      new DeleteObservabilityConfigurationCommand({
        ObservabilityConfigurationArn: ObservabilityConfiguration!.ObservabilityConfigurationArn,
      }),
    );
    expect(
      (await client.send(new ListObservabilityConfigurationsCommand({}))).ObservabilityConfigurationSummaryList,
    ).toEqual([]);
    const again = await errorOf(
      client.send(
        new DeleteObservabilityConfigurationCommand({
          ObservabilityConfigurationArn: ObservabilityConfiguration!.ObservabilityConfigurationArn,
        }),
      ),
    );
    expect(again.name).toBe('ResourceNotFoundException');
    const defaultArn = (
      await client.send(
        new ListAutoScalingConfigurationsCommand({ AutoScalingConfigurationName: 'DefaultConfiguration' }),
      )
    ).AutoScalingConfigurationSummaryList![0]!.AutoScalingConfigurationArn;
    expect(
      (
        await errorOf(
          client.send(new DeleteAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: defaultArn })),
        )
      ).message,
    ).toContain("default auto scaling configuration can't be deleted");
  });

  it('answers UnknownOperationException to an operation it does not know', async () => {
    const { standIn } = await setup();
    const res = await fetch(standIn.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AppRunner.CreateVpcIngressConnection' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });
});

describe('fault injection', () => {
  // maxAttempts 1: this checks the error the SDK surfaces, not its retries (tested below).
  it.each<[Fault, string, number, string | RegExp]>([
    ['not-subscribed', 'SubscriptionRequiredException', 400, 'needs a subscription'],
    [
      'access-denied',
      'AccessDeniedException',
      400,
      `User: arn:aws:iam::${ACCOUNT}:user/dev is not authorized to perform: apprunner:CreateService on resource: arn:aws:apprunner:us-east-1:${ACCOUNT}:service/my-app/*`,
    ],
    ['throttling', 'ThrottlingException', 400, 'Rate exceeded'],
    ['quota', 'ServiceQuotaExceededException', 400, 'quota'],
    ['invalid-state', 'InvalidStateException', 400, 'state'],
    ['internal', 'InternalServiceErrorException', 500, 'unexpected'],
    ['role-not-ready', 'InvalidRequestException', 400, `Error in assuming access role ${ROLE}`],
    ['expired-token', 'ExpiredTokenException', 400, 'expired'],
    ['unrecognized-client', 'UnrecognizedClientException', 400, 'invalid'],
  ])('%s surfaces in the SDK as %s', async (fault, name, status, message) => {
    const { standIn, client } = await setup({}, { maxAttempts: 1 });
    standIn.fail('CreateService', fault);
    const err = await errorOf(client.send(new CreateServiceCommand(imageService())));
    expect(err).toBeInstanceOf(AppRunnerServiceException);
    expect(err.name).toBe(name);
    expect(err.$metadata.httpStatusCode).toBe(status);
    expect(err.message).toMatch(message);
    expect(standIn.requests).toMatchObject([{ operation: 'CreateService', error: name }]);
  });

  it("'*' faults every operation until cleared", async () => {
    const { standIn, client } = await setup({}, { maxAttempts: 1 });
    standIn.fail('*', 'not-subscribed');
    expect((await errorOf(client.send(new ListServicesCommand({})))).name).toBe('SubscriptionRequiredException');
    expect((await errorOf(client.send(new ListConnectionsCommand({})))).name).toBe('SubscriptionRequiredException');
    standIn.clearFaults();
    await client.send(new ListServicesCommand({}));
  });

  it('throttling is retried by the SDK itself and the call succeeds', async () => {
    const { standIn, client } = await setup(); // the SDK's default retry strategy (standard, 3 attempts)
    standIn.fail('CreateService', 'throttling', { times: 1 });
    const { Service } = await client.send(new CreateServiceCommand(imageService()));
    expect(Service?.ServiceName).toBe('my-app');
    expect(standIn.requests.map((r) => [r.operation, r.error])).toEqual([
      ['CreateService', 'ThrottlingException'],
      ['CreateService', undefined],
    ]);
  });

  it('the SDK retries a 500 but not access-denied or a validation error', async () => {
    const { standIn, client } = await setup();
    standIn.fail('ListServices', 'internal');
    standIn.fail('ListConnections', 'access-denied');
    expect((await errorOf(client.send(new ListServicesCommand({})))).name).toBe('InternalServiceErrorException');
    expect((await errorOf(client.send(new ListConnectionsCommand({})))).name).toBe('AccessDeniedException');
    expect((await errorOf(client.send(new CreateServiceCommand({ ...imageService(), ServiceName: 'x' })))).name).toBe(
      'InvalidRequestException',
    );
    const attempts = (op: string) => standIn.inputsOf(op).length;
    expect([attempts('ListServices'), attempts('ListConnections'), attempts('CreateService')]).toEqual([3, 1, 1]);
  });
});

/** Runs the AWS CLI with dummy credentials and no user configuration. */
function aws(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  });
  return new Promise((resolve, reject) => {
    const child = spawn('aws', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('App Runner stand-in through the AWS CLI (botocore validates against the real model)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'standin-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const createService = (url: string, file: string) =>
    aws([
      'apprunner',
      'create-service',
      '--cli-input-json',
      `file://${file}`,
      '--endpoint-url',
      url,
      '--region',
      'us-east-1',
      '--output',
      'json',
    ]);

  it('accepts a valid CreateService and the stand-in receives it', async () => {
    const { standIn } = await setup();
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(imageService('cli-app')));
    const ok = await createService(standIn.url, file);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).Service).toMatchObject({ ServiceName: 'cli-app', Status: 'OPERATION_IN_PROGRESS' });
    expect(standIn.inputsOf('CreateService')).toEqual([imageService('cli-app')]);

    // botocore reads the stand-in's error body the way it reads AWS's.
    const dup = await createService(standIn.url, file);
    expect(dup.code).not.toBe(0);
    expect(dup.stderr).toContain(
      'An error occurred (InvalidRequestException) when calling the CreateService operation: Service with the provided name already exists',
    );
  });

  it('rejects malformed input before sending anything', async () => {
    const { standIn } = await setup();
    const file = join(dir, 'bad.json');
    const bad = imageService('cli-bad') as unknown as {
      SourceConfiguration: { ImageRepository: { ImageConfiguration: { Port: unknown } } };
      HealthCheckConfiguration: object;
    };
    bad.SourceConfiguration.ImageRepository.ImageConfiguration.Port = 8080; // the model wants a string
    bad.HealthCheckConfiguration = { Interval: 0 }; // below the model's minimum of 1
    writeFileSync(file, JSON.stringify(bad));
    const res = await createService(standIn.url, file);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('Parameter validation failed');
    expect(res.stderr).toContain('SourceConfiguration.ImageRepository.ImageConfiguration.Port');
    expect(res.stderr).toContain('HealthCheckConfiguration.Interval');
    expect(standIn.requests).toEqual([]);
  });
});

describe('moto for STS, IAM and ECR', () => {
  let moto: Awaited<ReturnType<typeof startMoto>>;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => moto?.close());

  it('answers the calls a deploy makes before App Runner', async () => {
    const config = { endpoint: moto.url, region: 'us-east-1', credentials };
    const sts = new STSClient(config);
    const iam = new IAMClient(config);
    const ecr = new ECRClient(config);
    try {
      expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(ACCOUNT);

      const { repository } = await ecr.send(new CreateRepositoryCommand({ repositoryName: 'my-app' }));
      expect(repository?.repositoryUri).toBe(`${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/my-app`);
      expect(
        (await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['my-app'] }))).repositories,
      ).toHaveLength(1);
      const missing = await errorOf(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['nope'] })));
      expect(missing.name).toBe('RepositoryNotFoundException');
      const token = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
      expect(Buffer.from(token!.authorizationToken!, 'base64').toString()).toMatch(/^AWS:/);

      const trust = {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'build.apprunner.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      };
      const { Role } = await iam.send(
        new CreateRoleCommand({ RoleName: 'AppRunnerECRAccessRole', AssumeRolePolicyDocument: JSON.stringify(trust) }),
      );
      expect(Role?.Arn).toBe(ROLE);
      expect((await errorOf(iam.send(new GetRoleCommand({ RoleName: 'nope' })))).name).toBe('NoSuchEntityException');
      const policy = 'arn:aws:iam::aws:policy/service-role/AWSAppRunnerServicePolicyForECRAccess';
      await iam.send(new AttachRolePolicyCommand({ RoleName: 'AppRunnerECRAccessRole', PolicyArn: policy }));
      const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'AppRunnerECRAccessRole' }));
      expect(attached.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([policy]);

      await moto.reset();
      expect((await errorOf(iam.send(new GetRoleCommand({ RoleName: 'AppRunnerECRAccessRole' })))).name).toBe(
        'NoSuchEntityException',
      );
    } finally {
      for (const c of [sts, iam, ecr]) c.destroy();
    }
  });
});
