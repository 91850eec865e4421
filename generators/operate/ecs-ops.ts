// The narrow ECS (and STS) interface status and delete talk through for an ECS Express app: only the
// calls they make, each failure an AwsCallError naming the operation. Built from the real SDK v3
// clients with the same bounded settings as every other client; tests point them at the ECS Express
// stand-in through AWS_ENDPOINT_URL_ECS (and moto for STS).
// API: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeleteExpressGatewayService.html
import type { ECSExpressGatewayService, ServiceDeployment } from '@aws-sdk/client-ecs';
import { call, interop, must } from '../deploy/shared/aws-sdk.js';
import { clientSettings } from '../deploy/shared/client-config.js';
import { AwsCallError } from '../deploy/shared/errors.js';

export interface EcsOps {
  account(): Promise<string>;
  /** The service as ECS reports it, INACTIVE included (with its tags); undefined when ECS does not know it. */
  describe(serviceArn: string): Promise<ECSExpressGatewayService | undefined>;
  /** 'gone' when ECS no longer knows the service, or it is already INACTIVE or DRAINING (being deleted). */
  delete(serviceArn: string): Promise<'deleting' | 'gone'>;
  /** The service's most recent deployment, with its status and task counts. */
  latestDeployment(cluster: string, serviceArn: string): Promise<ServiceDeployment | undefined>;
  close(): void;
}

// ECS says "not found" in several ways for an Express service (the Terraform provider handles them all),
// and "already being deleted / deleted" as ServiceNotActiveException.
const NOT_FOUND = (e: AwsCallError) => e.code === 'ResourceNotFoundException' || e.code === 'ServiceNotFoundException'
  || (e.code === 'InvalidParameterException' && /not found/i.test(e.awsMessage));
const NOT_ACTIVE = (e: AwsCallError) => e.code === 'ServiceNotActiveException' && /INACTIVE|DRAINING/i.test(e.awsMessage);

export async function createEcsOps({ region, profile, signal }: { region: string; profile?: string; signal?: AbortSignal }): Promise<EcsOps> {
  const [ecs, sts] = (await Promise.all([import('@aws-sdk/client-ecs'), import('@aws-sdk/client-sts')])).map(interop) as unknown as [
    typeof import('@aws-sdk/client-ecs'), typeof import('@aws-sdk/client-sts'),
  ];
  const settings = clientSettings(region, profile);
  const client = new ecs.ECSClient(settings);
  const stsClient = new sts.STSClient(settings);
  const opts = { abortSignal: signal };
  let account: string | undefined;
  return {
    async account() {
      account ??= (await must(call('sts:GetCallerIdentity', 'your credentials', () => stsClient.send(new sts.GetCallerIdentityCommand({}), opts)))).Account ?? '';
      return account;
    },
    async describe(serviceArn) {
      try {
        return (await must(call('ecs:DescribeExpressGatewayService', serviceArn, () =>
          client.send(new ecs.DescribeExpressGatewayServiceCommand({ serviceArn, include: ['TAGS'] }), opts)))).service;
      } catch (error) {
        if (error instanceof AwsCallError && NOT_FOUND(error)) return undefined;
        throw error;
      }
    },
    async delete(serviceArn) {
      try {
        await must(call('ecs:DeleteExpressGatewayService', serviceArn, () =>
          client.send(new ecs.DeleteExpressGatewayServiceCommand({ serviceArn }), opts)));
        return 'deleting';
      } catch (error) {
        if (error instanceof AwsCallError && (NOT_FOUND(error) || NOT_ACTIVE(error))) return 'gone';
        throw error;
      }
    },
    async latestDeployment(cluster, serviceArn) {
      const listed = await must(call('ecs:ListServiceDeployments', serviceArn, () =>
        client.send(new ecs.ListServiceDeploymentsCommand({ cluster, service: serviceArn }), opts)));
      const arns = (listed.serviceDeployments ?? []).map((d) => d.serviceDeploymentArn!).filter(Boolean).slice(0, 20);
      if (!arns.length) return undefined;
      const described = await must(call('ecs:DescribeServiceDeployments', serviceArn, () =>
        client.send(new ecs.DescribeServiceDeploymentsCommand({ serviceDeploymentArns: arns }), opts)));
      return [...(described.serviceDeployments ?? [])].sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))[0];
    },
    close: () => {
      client.destroy();
      stsClient.destroy();
    },
  };
}
