// App Runner's operations are asynchronous and the SDK has no waiter: poll DescribeService until the
// service leaves OPERATION_IN_PROGRESS, then read how the operation itself ended from ListOperations
// (SUCCEEDED, FAILED or ROLLBACK_*), which the service status alone does not tell.
import type { OperationSummary, Service } from '@aws-sdk/client-apprunner';
import type { Aws } from '../../shared/aws.js';
import { AwsCallError, DeployError } from '../../shared/errors.js';
import type { Timing } from '../../shared/settings.js';
import { WaitCancelled, sleep } from '../../shared/sleep.js';
import type { Ui } from '../../shared/ui.js';

export interface Settled {
  service: Service;
  /** The operation waited for; undefined when AWS no longer lists it. */
  operation?: OperationSummary;
}

export interface WaitFor {
  serviceArn: string;
  serviceName: string;
  operationId?: string;
  /** What is happening, for the progress line: "Creating my-app". */
  label: string;
}

export async function waitForService(aws: Aws, ui: Ui, target: WaitFor, timing: Timing, signal?: AbortSignal): Promise<Settled> {
  const started = Date.now();
  for (;;) {
    let service: Service;
    try {
      service = await aws.describeService(target.serviceArn);
    } catch (error) {
      // A deleted service can vanish from DescribeService before anyone sees DELETED.
      if (error instanceof AwsCallError && error.code === 'ResourceNotFoundException') {
        ui.endProgress();
        return { service: { ServiceArn: target.serviceArn, ServiceName: target.serviceName, Status: 'DELETED' } as Service };
      }
      throw cancelledOr(error, signal);
    }
    ui.progress(target.label, service.Status ?? 'UNKNOWN');
    if (service.Status !== 'OPERATION_IN_PROGRESS') {
      ui.endProgress();
      const operations = await aws.listOperations(target.serviceArn);
      const operation = target.operationId ? operations.find((o) => o.Id === target.operationId) : operations[0];
      return { service, operation };
    }
    if (Date.now() - started > timing.timeoutMs) {
      ui.endProgress();
      throw new DeployError(`Stopped waiting after ${Math.round(timing.timeoutMs / 60_000)} min: ${target.serviceName} is still ${service.Status}. `
        + `The operation goes on at AWS; check it with:\n  ${describeCommand(target.serviceArn, aws.region)}`);
    }
    await sleep(timing.pollMs, signal);
  }
}

const cancelledOr = (error: unknown, signal?: AbortSignal) => (signal?.aborted ? new WaitCancelled('cancelled') : error);

export const describeCommand = (arn: string, region: string) =>
  `aws apprunner describe-service --service-arn ${arn} --region ${region} --query Service.Status`;
