// The ECS Express stand-in itself, through the real @aws-sdk/client-ecs: it must refuse what AWS refuses,
// or the deploy tests that use it prove nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateExpressGatewayServiceCommand, DeleteExpressGatewayServiceCommand, DescribeExpressGatewayServiceCommand, ECSClient } from '@aws-sdk/client-ecs';
import { startEcsExpressStandIn, type EcsStandIn } from './ecs-express.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const ROLE = 'arn:aws:iam::123456789012:role/r';
let standIn: EcsStandIn;
let ecs: ECSClient;
beforeAll(async () => {
  standIn = await startEcsExpressStandIn();
  ecs = new ECSClient({ endpoint: standIn.url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
});
afterAll(async () => {
  ecs.destroy();
  await standIn.close();
});

const create = (input: Record<string, unknown>) => ecs.send(new CreateExpressGatewayServiceCommand({
  serviceName: 'svc', executionRoleArn: ROLE, infrastructureRoleArn: ROLE, primaryContainer: { image: 'public.ecr.aws/x/y:1' }, ...input,
} as never));

describe('the ECS Express stand-in', () => {
  it('refuses a cpu/memory pair Fargate does not offer', async () => {
    await expect(create({ cpu: '256', memory: '4096' })).rejects.toMatchObject({ name: 'ClientException', message: expect.stringContaining('No Fargate configuration') });
  });

  it('refuses what the API model refuses: a missing required member, a bad enum', async () => {
    await expect(create({ executionRoleArn: undefined })).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('executionRoleArn is required') });
    await expect(create({ scalingTarget: { autoScalingMetric: 'AVERAGE_DISK' } })).rejects.toMatchObject({ message: expect.stringContaining('"AVERAGE_DISK" is not one of') });
  });

  it('answers Describe of an unknown service as AWS does, and describes a created one ACTIVE with its endpoint', async () => {
    const arn = 'arn:aws:ecs:us-east-1:123456789012:service/default/svc';
    await expect(ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn: arn }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await create({ cpu: '512', memory: '1024' });
    const { service } = await ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn: arn }));
    expect(service?.status?.statusCode).toBe('ACTIVE');
    expect(service?.activeConfigurations?.[0]?.ingressPaths?.[0]?.endpoint).toMatch(/^sv-[0-9a-f]{32}\.ecs\.us-east-1\.on\.aws$/);
  });

  it('deletes as ECS does: DRAINING, then INACTIVE after a few reads; a second delete is refused as not active; tags only when asked', async () => {
    const arn = 'arn:aws:ecs:us-east-1:123456789012:service/default/gone';
    await create({ serviceName: 'gone', tags: [{ key: 'created-by', value: 'me' }] });
    const describe = async (include?: 'TAGS'[]) => (await ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn: arn, ...(include ? { include } : {}) }))).service!;
    expect((await describe()).tags).toBeUndefined();
    expect((await describe(['TAGS'])).tags).toEqual([{ key: 'created-by', value: 'me' }]);
    const { service } = await ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: arn }));
    expect(service?.status?.statusCode).toBe('DRAINING');
    await expect(ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: arn })))
      .rejects.toMatchObject({ name: 'ServiceNotActiveException', message: expect.stringContaining('DRAINING') });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await describe()).status?.statusCode);
    expect(codes).toEqual(['DRAINING', 'DRAINING', 'INACTIVE', 'INACTIVE']);
    await expect(ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: arn })))
      .rejects.toMatchObject({ name: 'ServiceNotActiveException', message: expect.stringContaining('INACTIVE') });
    await expect(ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: `${arn}-x` }))).rejects.toMatchObject({ name: 'ServiceNotFoundException' });
    await expect(ecs.send(new DeleteExpressGatewayServiceCommand({} as never))).rejects.toMatchObject({ message: expect.stringContaining('serviceArn is required') });
  });
});
