// App Runner's operations are asynchronous and the SDK has no waiter: poll DescribeService (through the
// one poll helper) until the service leaves OPERATION_IN_PROGRESS, then read how the operation itself
// ended from ListOperations (SUCCEEDED, FAILED or ROLLBACK_*), which the service status alone does not
// tell. deploy, pause/resume and delete all wait through this.
import type { OperationSummary, Service } from '@aws-sdk/client-apprunner';

import type { AppRunner } from '../../aws/apprunner.js';
import { poll, type Progress, WaitCancelled } from '../../aws/poll.js';
import { DeployError } from '../shared/errors.js';
import type { Timing } from '../shared/settings.js';

export interface Settled {
  /** Status DELETED when App Runner no longer knows the service (a deleted service can vanish before anyone sees DELETED). */
  service: Service;
  /** The operation waited for; undefined when AWS no longer lists it. */
  operation?: OperationSummary;
}

export interface WaitFor {
  serviceArn: string;
  serviceName: string;
  region: string;
  operationId?: string;
  /** What is happening, for the progress line: "Creating my-app". */
  label: string;
  /** The error when the time is up; deploy's own by default. */
  timedOut?: (service: Service, timing: Timing) => Error | Promise<Error>;
}

export async function waitForService(
  ar: AppRunner,
  ui: Progress,
  target: WaitFor,
  timing: Timing,
  signal?: AbortSignal,
): Promise<Settled> {
  const gone = { ServiceArn: target.serviceArn, ServiceName: target.serviceName, Status: 'DELETED' } as Service;
  const service = await poll({
    read: async () => {
      try {
        return (await ar.describeService(target.serviceArn)) ?? gone;
      } catch (error) {
        throw signal?.aborted ? new WaitCancelled('cancelled') : error;
      }
    },
    settled: (s) => s.Status !== 'OPERATION_IN_PROGRESS',
    status: (s) => s.Status ?? 'UNKNOWN',
    label: target.label,
    ui,
    timing,
    signal,
    timedOut: async (s) =>
      (await target.timedOut?.(s, timing)) ??
      new DeployError(
        `Stopped waiting after ${Math.round(timing.timeoutMs / 60_000)} min: ` +
          `${target.serviceName} is still ${s.Status}. The operation goes on at AWS; check it with:\n  ${describeCommand(target.serviceArn, target.region)}`,
      ),
  });
  if (service === gone) return { service };
  const operations = await ar.listOperations(target.serviceArn);
  const operation = target.operationId ? operations.find((o) => o.Id === target.operationId) : operations[0];
  return { service, operation };
}

export const describeCommand = (arn: string, region: string) =>
  `aws apprunner describe-service --service-arn ${arn} --region ${region} --query Service.Status`;
