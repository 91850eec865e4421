// Where ECS Express writes the app's output. Deploy does not name a log group: Express Mode creates one
// for the service, and reports it among the resources it manages for each service revision
// (DescribeServiceRevisions → serviceRevisions[].ecsManagedResources.logGroups[].logGroupName). That is
// read first, because it is where the API says managed resources are; the active configuration's
// primaryContainer.awsLogsConfiguration.logGroup comes second, for a service whose revision does not
// report it. Reading (rather than naming and creating the group ourselves at create time) keeps every
// existing service as it is and adds no resource, permission or retention setting of ours to own.
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeServiceRevisions.html
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ECSManagedResources.html
import type { ECSExpressGatewayService } from '@aws-sdk/client-ecs';

import type { Ecs } from '../../aws/ecs.js';

export async function logGroupOf(ecs: Ecs, service: ECSExpressGatewayService | undefined): Promise<string | undefined> {
  const configurations = service?.activeConfigurations ?? [];
  const revisions = configurations.map((c) => c.serviceRevisionArn).filter((a): a is string => Boolean(a));
  const managed = (await ecs.serviceRevisions(revisions))
    .flatMap((r) => r.ecsManagedResources?.logGroups ?? [])
    .find((g) => g.logGroupName && g.status !== 'DELETED' && g.status !== 'DEPROVISIONING');
  return (
    managed?.logGroupName ?? configurations.map((c) => c.primaryContainer?.awsLogsConfiguration?.logGroup).find(Boolean)
  );
}
