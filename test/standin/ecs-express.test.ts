// The ECS Express stand-in itself, through the real @aws-sdk/client-ecs: it must refuse what AWS refuses,
// or the deploy tests that use it prove nothing.
import {
  CreateExpressGatewayServiceCommand,
  DeleteExpressGatewayServiceCommand,
  DescribeExpressGatewayServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  UpdateExpressGatewayServiceCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type EcsStandIn, startEcsExpressStandIn } from './ecs-express.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const ROLE = 'arn:aws:iam::123456789012:role/r';
let standIn: EcsStandIn;
let ecs: ECSClient;
beforeAll(async () => {
  standIn = await startEcsExpressStandIn();
  ecs = new ECSClient({
    endpoint: standIn.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  ecs.destroy();
  await standIn.close();
});

const create = (input: Record<string, unknown>) =>
  ecs.send(
    new CreateExpressGatewayServiceCommand({
      serviceName: 'svc',
      executionRoleArn: ROLE,
      infrastructureRoleArn: ROLE,
      primaryContainer: { image: 'public.ecr.aws/x/y:1' },
      ...input,
    } as never),
  );

describe('the ECS Express stand-in', () => {
  it('refuses a cpu/memory pair Fargate does not offer', async () => {
    await expect(create({ cpu: '256', memory: '4096' })).rejects.toMatchObject({
      name: 'ClientException',
      message: expect.stringContaining('No Fargate configuration'),
    });
  });

  it('refuses what the API model refuses: a missing required member, a bad enum', async () => {
    await expect(create({ executionRoleArn: undefined })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('executionRoleArn is required'),
    });
    await expect(create({ scalingTarget: { autoScalingMetric: 'AVERAGE_DISK' } })).rejects.toMatchObject({
      message: expect.stringContaining('"AVERAGE_DISK" is not one of'),
    });
  });

  it('answers Describe of an unknown service as AWS does, and describes a created one ACTIVE with its endpoint', async () => {
    const arn = 'arn:aws:ecs:us-east-1:123456789012:service/default/svc';
    await expect(ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn: arn }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await create({ cpu: '512', memory: '1024' });
    const { service } = await ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn: arn }));
    expect(service?.status?.statusCode).toBe('ACTIVE');
    expect(service?.activeConfigurations?.[0]?.ingressPaths?.[0]?.endpoint).toMatch(
      /^sv-[0-9a-f]{32}\.ecs\.us-east-1\.on\.aws$/,
    );
  });

  it('deletes as ECS does: DRAINING, then INACTIVE after a few reads; a second delete is refused as not active; tags only when asked', async () => {
    const arn = 'arn:aws:ecs:us-east-1:123456789012:service/default/gone';
    await create({ serviceName: 'gone', tags: [{ key: 'created-by', value: 'me' }] });
    const describe = async (include?: 'TAGS'[]) =>
      (await ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn: arn, ...(include ? { include } : {}) })))
        .service!;
    expect((await describe()).tags).toBeUndefined();
    expect((await describe(['TAGS'])).tags).toEqual([{ key: 'created-by', value: 'me' }]);
    const { service } = await ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: arn }));
    expect(service?.status?.statusCode).toBe('DRAINING');
    await expect(ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: arn }))).rejects.toMatchObject({
      name: 'ServiceNotActiveException',
      message: expect.stringContaining('DRAINING'),
    });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await describe()).status?.statusCode);
    expect(codes).toEqual(['DRAINING', 'DRAINING', 'INACTIVE', 'INACTIVE']);
    await expect(ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: arn }))).rejects.toMatchObject({
      name: 'ServiceNotActiveException',
      message: expect.stringContaining('INACTIVE'),
    });
    await expect(ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: `${arn}-x` }))).rejects.toMatchObject({
      name: 'ServiceNotFoundException',
    });
    await expect(ecs.send(new DeleteExpressGatewayServiceCommand({} as never))).rejects.toMatchObject({
      message: expect.stringContaining('serviceArn is required'),
    });
  });

  it("reports each revision's managed resources (the log group among them), and deploys the revision each request asked for", async () => {
    const quiet = await startEcsExpressStandIn({ logGroupInConfiguration: false });
    const client = new ECSClient({
      endpoint: quiet.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      maxAttempts: 1,
    });
    try {
      const arn = 'arn:aws:ecs:us-east-1:123456789012:service/default/logs';
      const created = (
        await client.send(
          new CreateExpressGatewayServiceCommand({
            serviceName: 'logs',
            executionRoleArn: ROLE,
            infrastructureRoleArn: ROLE,
            primaryContainer: { image: 'public.ecr.aws/x/y:1' },
          }),
        )
      ).service!;
      const first = created.activeConfigurations![0]!;
      expect(first.primaryContainer?.awsLogsConfiguration).toBeUndefined();
      expect(created.currentDeployment).toMatch(/:service-deployment\/default\/logs\//);
      quiet.fail('UpdateExpressGatewayService', 'deployment-failed', { times: 1 });
      const updated = (
        await client.send(
          new UpdateExpressGatewayServiceCommand({
            serviceArn: arn,
            primaryContainer: { image: 'public.ecr.aws/x/y:2' },
          }),
        )
      ).service!;
      const second = updated.targetConfiguration!.serviceRevisionArn!;
      expect(second).not.toBe(first.serviceRevisionArn);

      const { serviceRevisions, failures } = await client.send(
        new DescribeServiceRevisionsCommand({
          serviceRevisionArns: [first.serviceRevisionArn!, second, `${second}-x`],
        }),
      );
      const groups = serviceRevisions!.map((r) => r.ecsManagedResources?.logGroups?.[0]?.logGroupName);
      expect(groups[0]).toMatch(/^\/aws\/ecs\/default\/logs-[0-9a-f]{4}$/);
      expect(groups[1]).toBe(groups[0]); // one log group for the service, whatever the revision
      expect(serviceRevisions![0]!.ecsManagedResources?.ingressPaths?.[0]?.endpoint).toBe(
        first.ingressPaths![0]!.endpoint,
      );
      expect(failures).toEqual([{ arn: `${second}-x`, reason: 'MISSING' }]);

      // The failing update's deployment targets the revision it asked for, not the one still serving.
      const listed = (await client.send(new ListServiceDeploymentsCommand({ cluster: 'default', service: arn })))
        .serviceDeployments!;
      const described = (
        await client.send(
          new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: listed.map((d) => d.serviceDeploymentArn!) }),
        )
      ).serviceDeployments!;
      expect(described.map((d) => d.targetServiceRevision?.arn).sort()).toEqual(
        [first.serviceRevisionArn, second].sort(),
      );
      expect(quiet.requests.find((r) => r.operation === 'UpdateExpressGatewayService')!.rollingOut).toBe(1);
    } finally {
      client.destroy();
      await quiet.close();
    }
  });
});
