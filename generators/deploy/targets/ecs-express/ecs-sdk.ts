// createEcs(): the Ecs interface from the real SDK v3 client, loaded on demand into the same lazy chunk
// as the other clients. Tests point it at a local stand-in through AWS_ENDPOINT_URL_ECS.
import { call, interop, must } from '../../shared/aws-sdk.js';
import { clientSettings } from '../../shared/client-config.js';
import { AwsCallError } from '../../shared/errors.js';
import type { Ecs } from './ecs.js';

// ECS answers "not found" for an Express service in two ways (the Terraform provider handles both).
const NOT_FOUND = (e: AwsCallError) => e.code === 'ResourceNotFoundException' || e.code === 'ServiceNotFoundException'
  || (e.code === 'InvalidParameterException' && /not found/i.test(e.awsMessage));

export async function createEcs({ region, profile, signal }: { region: string; profile?: string; signal?: AbortSignal }): Promise<Ecs> {
  const ecs = interop(await import('@aws-sdk/client-ecs')) as typeof import('@aws-sdk/client-ecs');
  const client = new ecs.ECSClient(clientSettings(region, profile));
  const opts = { abortSignal: signal };
  const describe = async (serviceArn: string) =>
    (await must(call('ecs:DescribeExpressGatewayService', serviceArn, () =>
      client.send(new ecs.DescribeExpressGatewayServiceCommand({ serviceArn }), opts)))).service!;
  return {
    async findExpress(serviceArn) {
      try {
        const service = await describe(serviceArn);
        return service.status?.statusCode === 'INACTIVE' ? undefined : service;
      } catch (error) {
        if (error instanceof AwsCallError && NOT_FOUND(error)) return undefined;
        throw error;
      }
    },
    describeExpress: describe,
    createExpress: async (input) => (await must(call('ecs:CreateExpressGatewayService', `service ${input.serviceName}`, () =>
      client.send(new ecs.CreateExpressGatewayServiceCommand(input), opts)))).service!,
    updateExpress: async (input) => {
      const out = await must(call('ecs:UpdateExpressGatewayService', input.serviceArn!, () =>
        client.send(new ecs.UpdateExpressGatewayServiceCommand(input), opts)));
      return { serviceArn: out.service?.serviceArn ?? input.serviceArn! };
    },
    async deploymentsSince(cluster, serviceArn, since) {
      const listed = await must(call('ecs:ListServiceDeployments', serviceArn, () =>
        client.send(new ecs.ListServiceDeploymentsCommand({ cluster, service: serviceArn, createdAt: { after: since } }), opts)));
      const arns = (listed.serviceDeployments ?? []).map((d) => d.serviceDeploymentArn!).filter(Boolean);
      if (!arns.length) return [];
      const described = await must(call('ecs:DescribeServiceDeployments', serviceArn, () =>
        client.send(new ecs.DescribeServiceDeploymentsCommand({ serviceDeploymentArns: arns }), opts)));
      return [...(described.serviceDeployments ?? [])].sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
    },
    close: () => client.destroy(),
  };
}
