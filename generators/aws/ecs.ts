// The Amazon ECS calls the tool makes for an Express Mode service, deploy and operate alike: describe
// (with its tags), create, update, delete, its deployments and its service revisions (where ECS reports
// the resources it manages for the service, the log group among them). The only definition of ECS's
// "not found" is here. Tests point the client at the ECS Express stand-in through AWS_ENDPOINT_URL_ECS.
// API: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeExpressGatewayService.html
import type {
  CreateExpressGatewayServiceCommandInput,
  ECSExpressGatewayService,
  ServiceDeployment,
  ServiceRevision,
  UpdatedExpressGatewayService,
  UpdateExpressGatewayServiceCommandInput,
} from '@aws-sdk/client-ecs';

import { type AwsOptions, call, callOrMissing, interop, settingsOf } from './call.js';
import type { AwsCallError } from './errors.js';

/**
 * ECS says "not found" for an Express service in more than one way (the Terraform provider handles them
 * all): ResourceNotFoundException from Describe, ServiceNotFoundException from Update and Delete, and
 * ClusterNotFoundException when even the cluster is gone.
 */
export const isEcsNotFound = (error: AwsCallError) =>
  error.code === 'ResourceNotFoundException' ||
  error.code === 'ServiceNotFoundException' ||
  error.code === 'ClusterNotFoundException';

/**
 * Describe only (a read): ECS has also been seen answering an unknown Express service with
 * InvalidParameterException "...not found" (the Terraform provider treats it so). Nothing is decided
 * from these words but "not there to describe".
 */
const isDescribeNotFound = (error: AwsCallError) =>
  isEcsNotFound(error) || (error.code === 'InvalidParameterException' && /not found/i.test(error.awsMessage));

/** ECS's refusal to change a service that is DRAINING or INACTIVE; what it is now is read from Describe. */
export const isEcsNotActive = (error: AwsCallError) => error.code === 'ServiceNotActiveException';

export interface Ecs {
  /** The service as ECS reports it, INACTIVE included, with its tags; undefined when ECS does not know it. */
  describeExpress(serviceArn: string): Promise<ECSExpressGatewayService | undefined>;
  /** Adds tags to a service (deploy --adopt: this app's id). */
  tagResource(arn: string, tags: { key: string; value: string }[]): Promise<void>;
  createExpress(input: CreateExpressGatewayServiceCommandInput): Promise<ECSExpressGatewayService>;
  /** The accepted update, with the configuration (service revision) it rolls out. */
  updateExpress(input: UpdateExpressGatewayServiceCommandInput): Promise<UpdatedExpressGatewayService>;
  /** 'deleting' once accepted; 'gone' when ECS does not know it; 'not-active' when ECS refuses (DRAINING or INACTIVE). */
  deleteExpress(serviceArn: string): Promise<'deleting' | 'gone' | 'not-active'>;
  /** The service's deployments (created at or after `since`, if given), newest first, described. */
  deployments(cluster: string, serviceArn: string, since?: Date): Promise<ServiceDeployment[]>;
  /** The service revisions with these ARNs, with the resources ECS manages for each. */
  serviceRevisions(arns: string[]): Promise<ServiceRevision[]>;
  close(): void;
}

export async function createEcs(o: AwsOptions): Promise<Ecs> {
  const ecs = interop(await import('./sdk/ecs.js'));
  const client = new ecs.ECSClient(settingsOf(o));
  const opts = { abortSignal: o.signal };
  return {
    describeExpress: async (serviceArn) =>
      (
        await callOrMissing(
          'ecs:DescribeExpressGatewayService',
          serviceArn,
          () => client.send(new ecs.DescribeExpressGatewayServiceCommand({ serviceArn, include: ['TAGS'] }), opts),
          isDescribeNotFound,
        )
      )?.service,
    tagResource: async (arn, tags) => {
      await call('ecs:TagResource', arn, () =>
        client.send(new ecs.TagResourceCommand({ resourceArn: arn, tags }), opts),
      );
    },
    createExpress: async (input) =>
      (
        await call('ecs:CreateExpressGatewayService', `service ${input.serviceName}`, () =>
          client.send(new ecs.CreateExpressGatewayServiceCommand(input), opts),
        )
      ).service!,
    updateExpress: async (input) =>
      (
        await call('ecs:UpdateExpressGatewayService', input.serviceArn!, () =>
          client.send(new ecs.UpdateExpressGatewayServiceCommand(input), opts),
        )
      ).service ?? { serviceArn: input.serviceArn },
    async deleteExpress(serviceArn) {
      try {
        await call('ecs:DeleteExpressGatewayService', serviceArn, () =>
          client.send(new ecs.DeleteExpressGatewayServiceCommand({ serviceArn }), opts),
        );
        return 'deleting';
      } catch (error) {
        if (isEcsNotFound(error as AwsCallError)) return 'gone';
        if (isEcsNotActive(error as AwsCallError)) return 'not-active';
        throw error;
      }
    },
    async deployments(cluster, serviceArn, since) {
      const listed = await call('ecs:ListServiceDeployments', serviceArn, () =>
        client.send(
          new ecs.ListServiceDeploymentsCommand({
            cluster,
            service: serviceArn,
            ...(since ? { createdAt: { after: since } } : {}),
          }),
          opts,
        ),
      );
      // DescribeServiceDeployments takes at most 20 ARNs; the list comes newest first.
      const arns = (listed.serviceDeployments ?? [])
        .map((d) => d.serviceDeploymentArn!)
        .filter(Boolean)
        .slice(0, 20);
      if (!arns.length) return [];
      const described = await call('ecs:DescribeServiceDeployments', serviceArn, () =>
        client.send(new ecs.DescribeServiceDeploymentsCommand({ serviceDeploymentArns: arns }), opts),
      );
      return [...(described.serviceDeployments ?? [])].sort(
        (a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0),
      );
    },
    async serviceRevisions(arns) {
      if (!arns.length) return [];
      const out = await call('ecs:DescribeServiceRevisions', arns[0]!, () =>
        client.send(new ecs.DescribeServiceRevisionsCommand({ serviceRevisionArns: arns.slice(0, 20) }), opts),
      );
      return out.serviceRevisions ?? [];
    },
    close: () => client.destroy(),
  };
}
