// Which ECS deployment is whose, and when one is over. A deploy waits for the deployment it started (by
// the deployment ARN ECS returned, else the service revision its request rolls out), never simply the
// newest one: another deploy of the same app may have started a later one.
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceDeployment.html
import type { ServiceDeployment } from '@aws-sdk/client-ecs';

import type { Ecs } from '../../aws/ecs.js';
import { poll, type Progress } from '../../aws/poll.js';
import type { Timing } from '../shared/settings.js';
import { CLUSTER } from './requests.js';

/** A deployment still rolling out (or rolling back): a deploy or delete waits for it, never acts across it. */
export const RUNNING_DEPLOYMENT = new Set([
  'PENDING',
  'IN_PROGRESS',
  'ROLLBACK_REQUESTED',
  'ROLLBACK_IN_PROGRESS',
  'STOP_REQUESTED',
]);
export const DEPLOYMENT_FAILED = new Set(['STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']);

/** What identifies the deployment a deploy started, as far as ECS told it. */
export interface Mine {
  /** The deployment ARN (CreateExpressGatewayService's service.currentDeployment). */
  deploymentArn?: string;
  /** The service revision the request rolls out (UpdateExpressGatewayService's targetConfiguration). */
  revisionArn?: string;
  /** Deployments created from this moment on may be this run's (the last resort, when ECS said neither; a few seconds early for clock skew). */
  since: Date;
}

/** This run's deployment among the service's (newest first), or undefined while ECS lists none yet. */
export function ownDeployment(deployments: ServiceDeployment[], mine: Mine): ServiceDeployment | undefined {
  if (mine.deploymentArn) return deployments.find((d) => d.serviceDeploymentArn === mine.deploymentArn);
  if (mine.revisionArn) return deployments.find((d) => d.targetServiceRevision?.arn === mine.revisionArn);
  // The oldest one since this run sent its request: a later one is another run's.
  return [...deployments].reverse().find((d) => (d.createdAt?.getTime() ?? 0) >= mine.since.getTime());
}

/** The deployment rolling out now, if any (another deploy's, or one ECS started itself). */
export const runningDeployment = (deployments: ServiceDeployment[]) =>
  deployments.find((d) => RUNNING_DEPLOYMENT.has(d.status ?? ''));

/** Polls until no deployment of the service is rolling out; returns the newest deployment then (bounded). */
export function waitUntilIdle(
  ecs: Ecs,
  serviceArn: string,
  how: { ui: Progress; label: string; timing: Timing; signal?: AbortSignal; timedOut: (d: ServiceDeployment) => Error },
): Promise<ServiceDeployment | undefined> {
  return poll({
    read: async () => {
      const all = await ecs.deployments(CLUSTER, serviceArn);
      return { running: runningDeployment(all), newest: all[0] };
    },
    settled: (r) => !r.running,
    status: (r) => `deployment ${r.running?.status ?? r.newest?.status ?? 'none'}`,
    label: how.label,
    ui: how.ui,
    timing: how.timing,
    signal: how.signal,
    timedOut: (r) => how.timedOut(r.running!),
  }).then((r) => r.newest);
}
