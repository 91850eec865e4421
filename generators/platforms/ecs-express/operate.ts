// The Amazon ECS Express Mode side of status, logs and delete (Express has no pause), as module
// functions that take the live service's clients. The service is found by the ARN deploy gives it
// (cluster `default`, the app's name); delete removes what deploy created for this app and nothing
// else: the service (ECS then removes the load balancer share, certificate, scaling and alarms it made),
// the app's task execution role and the ECR repository, each only if it carries deploy's created-by
// tag. The shared infrastructure role, the `default` cluster and the log group stay, and the output
// says why. A rerun while the service is DRAINING waits for it to go, decided by its status and ECS's
// error code only.
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeleteExpressGatewayService.html
import type { ECSExpressGatewayService, ServiceDeployment } from '@aws-sdk/client-ecs';

import { isEcsNotFound } from '../../aws/ecs.js';
import { poll } from '../../aws/poll.js';
import { type DeployConfig, repositoryOf } from '../../core/deploy-config.js';
import { dollars } from '../../core/sizes.js';
import { slugOf } from '../../core/validate.js';
import { isOurs, notOursText } from '../ownership/owner.js';
import type { Live, LiveCost, RemovalPlan, ServiceView } from '../platform.js';
import { DeployError } from '../shared/errors.js';
import { removal } from '../shared/removal.js';
import { repositoryRemoval } from '../shared/repository-removal.js';
import { appRoleRemovals } from '../shared/role-removal.js';
import { elapsed, type Ui } from '../shared/ui.js';
import { DEFAULT_ECS_ASSUMPTIONS, ecsMonthly } from './cost.js';
import { runningDeployment, waitUntilIdle } from './deployments.js';
import type { EcsClients } from './index.js';
import { logGroupOf } from './log-group.js';
import { urlOf } from './report.js';
import { CLUSTER, consoleUrl, executionRoleName, INFRASTRUCTURE_ROLE_NAME, serviceArnOf } from './requests.js';

type EcsLive = Live<EcsClients>;

const vcpu = (cpu?: string) => (cpu && /^\d+$/.test(cpu) ? `${Number(cpu) / 1024} vCPU` : (cpu ?? '?'));
const gb = (memory?: string) => (memory && /^\d+$/.test(memory) ? `${Number(memory) / 1024} GB` : (memory ?? '?'));
const iso = (d?: Date) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined);

export const serviceArnIn = async (live: EcsLive) =>
  serviceArnOf(live.region, (await live.clients.sts.callerIdentity()).account, live.config.service.name);

/** The service as ECS reports it, INACTIVE included; undefined when ECS does not know it. */
const known = async (live: EcsLive) => live.clients.ecs.describeExpress(await serviceArnIn(live));
/** The live service: not INACTIVE (deleted). */
const active = (service?: ECSExpressGatewayService) =>
  service && service.status?.statusCode !== 'INACTIVE' ? service : undefined;

export async function viewOf(
  live: EcsLive,
  service: ECSExpressGatewayService,
  deployment: ServiceDeployment | undefined,
): Promise<ServiceView> {
  const config = service.activeConfigurations?.[0];
  const state = service.status?.statusCode ?? 'UNKNOWN';
  const revision = deployment?.targetServiceRevision;
  return {
    name: live.config.service.name,
    state,
    url: urlOf(service),
    lastOperation: deployment
      ? {
          type: 'DEPLOYMENT',
          status: deployment.status ?? '?',
          startedAt: iso(deployment.startedAt ?? deployment.createdAt),
          endedAt: iso(deployment.finishedAt ?? deployment.stoppedAt),
        }
      : undefined,
    instance: { cpu: vcpu(config?.cpu), memory: gb(config?.memory) },
    scaling: config?.scalingTarget
      ? { minSize: config.scalingTarget.minTaskCount, maxSize: config.scalingTarget.maxTaskCount }
      : undefined,
    tasks: revision
      ? {
          running: revision.runningTaskCount,
          pending: revision.pendingTaskCount,
          requested: revision.requestedTaskCount,
        }
      : undefined,
    source: config?.primaryContainer?.image ? `image ${config.primaryContainer.image}` : 'unknown',
    logGroups: { application: await logGroupOf(live.clients.ecs, service) },
    consoleUrl: consoleUrl(live.region, live.config.service.name),
    billing: state !== 'INACTIVE',
    serving: state === 'ACTIVE',
  };
}

const newest = async (live: EcsLive) => (await live.clients.ecs.deployments(CLUSTER, await serviceArnIn(live)))[0];

export async function describeLive(live: EcsLive): Promise<ServiceView | undefined> {
  const service = active(await known(live));
  return service ? viewOf(live, service, await newest(live)) : undefined;
}

/** Waits while a deployment rolls out (bounded); `doing` ends the timeout message ("Nothing was removed."). */
function waitDeployment(live: EcsLive, ui: Ui, label: string, doing = ''): Promise<ServiceDeployment | undefined> {
  const name = live.config.service.name;
  return serviceArnIn(live).then((arn) =>
    waitUntilIdle(live.clients.ecs, arn, {
      ui,
      label,
      timing: live.timing,
      signal: live.signal,
      timedOut: (d) =>
        new DeployError(
          `Stopped waiting after ${elapsed(live.timing.timeoutMs)}: the deployment of ${name} is still ${d.status} ` +
            `(started ${iso(d.startedAt ?? d.createdAt) ?? 'earlier'}).${doing} It goes on at AWS; ` +
            'run the command again once it has ended (status shows where it stands).',
        ),
    }),
  );
}

export async function settle(live: EcsLive, ui: Ui): Promise<ServiceView | undefined> {
  const service = active(await known(live));
  if (!service) return undefined;
  const deployment = await waitDeployment(live, ui, `Waiting for the deployment of ${live.config.service.name}`);
  return viewOf(live, active(await known(live)) ?? service, deployment);
}

/** No pause on ECS Express: the bill as deployed (the config's size and minimum tasks); status shows the live figure. */
export function noPause(config: DeployConfig): string {
  const tasks = config.autoScaling.minSize;
  return (
    `Its ${tasks} task${tasks === 1 ? '' : 's'} and the load balancer bill around the clock, ` +
    `about ${dollars(ecsMonthly(config).total)} a month whatever the load, until the service is deleted.`
  );
}

/**
 * ECS Express at the service's live size: minSize tasks around the clock and the load balancer, counted
 * as not shared (the cost command takes other assumptions). The same figure whatever the load.
 */
export function liveCost(config: DeployConfig, view: ServiceView): LiveCost {
  const number = (label: string, fallback: number) => Number.parseFloat(label) || fallback;
  const tasks = view.scaling?.minSize ?? config.autoScaling.minSize;
  const e = ecsMonthly(
    {
      ...config,
      instance: {
        cpu: number(view.instance.cpu, config.instance.cpu),
        memory: number(view.instance.memory, config.instance.memory),
      },
      autoScaling: { ...config.autoScaling, minSize: tasks },
    },
    DEFAULT_ECS_ASSUMPTIONS,
  );
  const cents = (n: number) => Math.round(n * 100) / 100;
  const cost = { monthly: cents(e.total), tasks, loadBalancer: cents(e.loadBalancer + e.ipv4), alwaysOn: true };
  return {
    json: cost,
    text:
      `about ${dollars(cost.monthly)} a month whatever the load: ${cost.tasks} task${cost.tasks === 1 ? '' : 's'} always on, ` +
      `${dollars(cost.loadBalancer)} of it the load balancer if no other service shares it (the cost command shows the parts)`,
  };
}

/**
 * How a delete of the service goes, from its status: ACTIVE → DeleteExpressGatewayService, then wait;
 * DRAINING (a delete already under way, e.g. a rerun) → only wait; INACTIVE or unknown → gone. If ECS
 * refuses the delete as not active (ServiceNotActiveException), the status read afterwards decides.
 */
export async function deleteService(live: EcsLive, ui: Ui, arn: string): Promise<'removed' | 'gone'> {
  const { ecs } = live.clients;
  let status = (await ecs.describeExpress(arn))?.status?.statusCode;
  if (status === 'ACTIVE') {
    const outcome = await ecs.deleteExpress(arn);
    if (outcome === 'gone') return 'gone';
    if (outcome === 'not-active') status = (await ecs.describeExpress(arn))?.status?.statusCode;
    else status = 'DRAINING';
  }
  if (status !== 'DRAINING') return 'gone';
  await waitGone(live, ui, arn);
  return 'removed';
}

/** Polls until ECS reports the service INACTIVE or no longer knows it, bounded. */
async function waitGone(live: EcsLive, ui: Ui, arn: string): Promise<void> {
  const name = live.config.service.name;
  await poll({
    read: async () => (await live.clients.ecs.describeExpress(arn))?.status?.statusCode ?? 'INACTIVE',
    settled: (code) => code === 'INACTIVE',
    status: (code) => code,
    label: `Deleting ${name}`,
    ui,
    timing: live.timing,
    signal: live.signal,
    timedOut: (code) =>
      new DeployError(
        `Stopped waiting after ${elapsed(live.timing.timeoutMs)}: ${name} is still ${code}. ECS goes on deleting it; ` +
          'run delete again to see it finish and remove the rest.',
      ),
  });
}

export async function planRemoval(
  live: EcsLive,
  { keepImage, ui }: { keepImage: boolean; ui: Ui },
): Promise<RemovalPlan> {
  const plan: RemovalPlan = { removals: [], kept: [], absent: [] };
  const { config } = live;
  const name = config.service.name;
  const arn = await serviceArnIn(live);
  const found = await live.clients.ecs.describeExpress(arn);
  const service = active(found);
  if (service && !isOurs(service.tags, config)) {
    throw new DeployError(
      `The ECS Express service ${name} in ${live.region} is ${notOursText(service.tags, config)}, so delete leaves it alone. ` +
        'Remove it in the Amazon ECS console, or with:\n' +
        `  aws ecs delete-express-gateway-service --service-arn ${arn} --region ${live.region}`,
    );
  }
  if (service?.status?.statusCode === 'ACTIVE') {
    const running = runningDeployment(await live.clients.ecs.deployments(CLUSTER, arn));
    if (running) {
      // Never half-delete: a deployment rolling out is waited for (bounded), then delete goes on.
      ui.info(`${name} has a deployment in progress (${running.status}); waiting for it to end before deleting.`);
      await waitDeployment(live, ui, `Waiting for the deployment of ${name}`, ' Nothing was removed.');
    }
  }
  if (service) {
    const draining = service.status?.statusCode === 'DRAINING';
    plan.removals.push(
      removal(
        `the ECS Express service ${name} (${draining ? 'DRAINING: being deleted already' : service.status?.statusCode}, ${arn}), ` +
          'with the load balancer rules, target groups, security groups, certificate, scaling and alarms ECS made for it',
        () => deleteService(live, ui, arn),
        isEcsNotFound,
        true,
      ),
    );
  } else {
    plan.absent.push(`the ECS Express service ${name}`);
  }
  await roleAndImageRemovals(live, plan, keepImage);
  plan.kept.push(
    `the ECS cluster ${CLUSTER}: shared by every ECS service in the account and region (an empty cluster costs nothing)`,
  );
  const group = await logGroupOf(live.clients.ecs, found);
  if (group) {
    plan.kept.push(
      `the log group ${group}: it holds the service's history (ECS does not delete it; delete it with ` +
        `aws logs delete-log-group --log-group-name ${group} --region ${live.region})`,
    );
  }
  return plan;
}

/** The app's execution role and ECR repository, if deploy made them; the shared infrastructure role stays. */
async function roleAndImageRemovals(live: EcsLive, plan: RemovalPlan, keepImage: boolean): Promise<void> {
  const { iam } = live.clients;
  const { config } = live;
  await appRoleRemovals(live, plan, {
    name: executionRoleName(config, live.region),
    kind: 'executionRole',
    what: 'task execution role',
    platform: 'ecs-express',
    expected: true,
  });

  if (await iam.getRole(INFRASTRUCTURE_ROLE_NAME)) {
    plan.kept.push(
      `the IAM role ${INFRASTRUCTURE_ROLE_NAME}: shared by every ECS Express service in the account, and ECS needs it ` +
        'to remove their load balancers when they are deleted (it costs nothing)',
    );
  }
  // A code app deployed before its repository took the id's hash pushed to the bare slug.
  const names = new Set([repositoryOf(config), config.source.kind === 'code' ? slugOf(config.service.name) : '']);
  for (const name of [...names].filter(Boolean))
    await repositoryRemoval(live, plan, { name, platform: 'ecs-express' }, keepImage, name === repositoryOf(config));
}
