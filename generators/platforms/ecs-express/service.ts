// The ECS Express service, idempotently: none → CreateExpressGatewayService; one that exists →
// UpdateExpressGatewayService with the new image (a tag of its own every deploy, so there is always a
// change to roll out). Never a second service, never a delete. Then waiting: the service ACTIVE and the
// deployment this run started SUCCESSFUL; ECS rolls a failed deployment back by itself, and that is a
// failure here.
//
// Two deploys of one app at once: the second WAITS for the deployment the first started before it
// sends its own update (bounded by the deploy timeout). A new deployment would otherwise stop the one
// rolling out half-way (ECS supersedes it), and the first deploy would report the failure of a rollout
// it did not stop; waiting lets both finish, the later image last, as two pushes in a row intend.
import type { ECSExpressGatewayService } from '@aws-sdk/client-ecs';

import { AwsCallError } from '../../aws/errors.js';
import { withIamRetry } from '../../aws/iam-retry.js';
import { poll } from '../../aws/poll.js';
import { dollars } from '../../core/sizes.js';
import { claimService } from '../ownership/claim.js';
import { toolTagsEcs } from '../ownership/owner.js';
import type { Context } from '../shared/context.js';
import { Declined, DeployError } from '../shared/errors.js';
import { buildAndPush } from '../shared/image.js';
import { DEPLOYMENT_FAILED, type Mine, ownDeployment, runningDeployment, waitUntilIdle } from './deployments.js';
import type { EcsClients } from './index.js';
import type { EcsPlan } from './plan.js';
import {
  CLUSTER,
  consoleUrl,
  createInput,
  describeCommand,
  fargateSize,
  type Resolved,
  serviceArnOf,
  taskRoleArnOf,
  updateInput,
} from './requests.js';
import { ensureExecutionRole, ensureInfrastructureRole } from './roles.js';

export interface EcsApplied {
  action: 'create' | 'update';
  serviceArn: string;
  /** The deployment this run started. */
  mine: Mine;
  service?: ECSExpressGatewayService;
  /** false with --no-wait: AWS accepted, the deployment is still running. */
  settled: boolean;
}

// IAM changes take seconds to reach ECS: right after a role is created, Create can fail with these
// (as the Terraform provider has seen); retried for about two minutes, never forever.
const ROLE_NOT_READY =
  /cannot assume role|not authorized to perform:? sts:AssumeRole|unable to assume|not able to validate the provided access credentials/i;
const ROLE_ATTEMPTS = 24;

export async function applyEcs(ctx: Context, clients: EcsClients, plan: EcsPlan, account: string): Promise<EcsApplied> {
  const { config, ui, ledger } = ctx;
  const name = config.service.name;
  const serviceArn = serviceArnOf(ctx.region, account, name);
  const known = await clients.ecs.describeExpress(serviceArn);
  const existing = known?.status?.statusCode === 'INACTIVE' ? undefined : known;
  if (existing?.status?.statusCode === 'DRAINING') {
    throw new DeployError(
      `The ECS Express service ${name} is being deleted (DRAINING). Wait until it is gone, then deploy again:\n` +
        `  ${describeCommand(serviceArn, ctx.region)}`,
    );
  }
  if (existing) {
    const arn = existing.serviceArn ?? serviceArn;
    await claimService(ctx, `The ECS Express service ${name} in ${ctx.region}`, existing.tags ?? [], () =>
      clients.ecs.tagResource(arn, toolTagsEcs(config)),
    );
  }
  if (!existing) await confirmCreate(ctx);
  const resolved = await prepare(ctx, clients, plan, account);

  if (!existing) {
    ui.info(
      `Creating the ECS Express service ${name} (${sizeText(ctx)}, ${config.autoScaling.minSize}-${config.autoScaling.maxSize} tasks)…`,
    );
    const since = new Date(Date.now() - 5_000);
    const service = await roleRetry(ctx, () => clients.ecs.createExpress(createInput(config, resolved)));
    const arn = service.serviceArn ?? serviceArn;
    ledger.note(
      `The ECS Express service ${name} was created (${arn}), with its load balancer, certificate and scaling.`,
    );
    ctx.current = { serviceArn: arn };
    const mine = {
      deploymentArn: service.currentDeployment,
      revisionArn: service.activeConfigurations?.[0]?.serviceRevisionArn,
      since,
    };
    return { action: 'create', serviceArn: arn, mine, service, settled: false };
  }
  const arn = existing.serviceArn ?? serviceArn;
  await waitForOtherDeployment(ctx, clients, arn);
  ui.info(`Updating ${name}: image ${resolved.image}.`);
  const since = new Date(Date.now() - 5_000);
  let updated;
  try {
    updated = await roleRetry(ctx, () => clients.ecs.updateExpress(updateInput(arn, config, resolved)));
  } catch (error) {
    if (error instanceof AwsCallError && error.code === 'ServiceNotActiveException') {
      throw new DeployError(
        `ECS refused to update ${name}: the service is not ACTIVE (${error.awsMessage}). Check it with:\n` +
          `  ${describeCommand(arn, ctx.region)}\nthen deploy again.`,
      );
    }
    throw error;
  }
  ctx.current = { serviceArn: arn };
  return {
    action: 'update',
    serviceArn: arn,
    mine: { revisionArn: updated.targetConfiguration?.serviceRevisionArn, since },
    settled: false,
  };
}

/** The image (built and pushed, or given) and the two roles, as the create or update request needs them. */
async function prepare(ctx: Context, clients: EcsClients, plan: EcsPlan, account: string): Promise<Resolved> {
  const image =
    'given' in plan.image ? plan.image.given.uri : await buildAndPush(ctx, clients.ecr, plan.image.build, account);
  const executionRoleArn = await ensureExecutionRole(ctx, clients.iam, account);
  const infrastructureRoleArn = await ensureInfrastructureRole(ctx, clients.iam);
  const taskRoleArn = taskRoleArnOf(ctx.config, ctx.region, account);
  return {
    image,
    port: plan.port,
    environment: plan.environment,
    executionRoleArn,
    infrastructureRoleArn,
    taskRoleArn,
  };
}

/** Another deploy's rollout (or ECS's own) is waited for, so this update does not stop it half-way. */
async function waitForOtherDeployment(ctx: Context, clients: EcsClients, serviceArn: string): Promise<void> {
  const name = ctx.config.service.name;
  const running = runningDeployment(await clients.ecs.deployments(CLUSTER, serviceArn));
  if (!running) return;
  ctx.ui.info(
    `${name} has a deployment in progress (${running.status}, started ${running.startedAt?.toISOString() ?? running.createdAt?.toISOString() ?? 'recently'}), ` +
      'perhaps another deploy of this app: waiting for it to end first, so this deploy does not stop it half-way.',
  );
  ctx.current = { serviceArn };
  await waitUntilIdle(clients.ecs, serviceArn, {
    ui: ctx.ui,
    label: `Waiting for the deployment in progress on ${name}`,
    timing: ctx.timing,
    signal: ctx.signal,
    timedOut: (d) =>
      new DeployError(
        `Stopped waiting after ${Math.round(ctx.timing.timeoutMs / 60_000)} min for the deployment in progress on ${name} ` +
          `(${d.status}); nothing of this deploy was sent to the service. Check it with:\n  ${describeCommand(serviceArn, ctx.region)}\nthen deploy again.`,
      ),
  });
}

const sizeText = (ctx: Context) => {
  const { cpu, memory } = fargateSize(ctx.config);
  return `Fargate ${cpu} CPU units / ${memory} MiB`;
};

async function confirmCreate(ctx: Context): Promise<void> {
  const { ui } = ctx;
  const { name } = ctx.config.service;
  if (!ui.canAsk) return ui.info(`${name} does not exist on ECS Express Mode in ${ctx.region} yet: creating it.`);
  const { ecsMonthly } = await import('./cost.js');
  const cost = ecsMonthly(ctx.config);
  ui.info(
    `${name} does not exist on ECS Express Mode in ${ctx.region} yet. It costs about ${dollars(cost.total)} a month ` +
      `(${ctx.config.autoScaling.minSize} task(s) always on, plus a share of the load balancer).`,
  );
  const ok = await ui.confirm(`Create the ECS Express service ${name}?`, true);
  if (!ok) throw new Declined('Cancelled: nothing was created.');
}

/** Create or update, retried while the roles just created have not reached ECS. */
const roleRetry = <T>(ctx: Context, send: () => Promise<T>) =>
  withIamRetry(send, {
    notReady: (error) =>
      ROLE_NOT_READY.test(error.awsMessage) &&
      ['AccessDeniedException', 'ClientException', 'InvalidParameterException'].includes(error.code),
    attempts: ROLE_ATTEMPTS,
    pauseMs: Math.min(ctx.timing.pollMs, 5_000),
    signal: ctx.signal,
    onRetry: () => ctx.ui.info('The new roles are not usable yet (IAM takes a few seconds to spread); retrying…'),
  });

/** Until the service is ACTIVE and this run's deployment SUCCESSFUL (or failed, or the timeout). */
export async function waitEcs(ctx: Context, clients: EcsClients, applied: EcsApplied): Promise<EcsApplied> {
  if (!ctx.options.wait) return applied;
  const name = ctx.config.service.name;
  const reading = await poll({
    read: async () => {
      const service = await clients.ecs.describeExpress(applied.serviceArn);
      const code = service?.status?.statusCode ?? 'INACTIVE';
      const deployment =
        code === 'ACTIVE'
          ? ownDeployment(await clients.ecs.deployments(CLUSTER, applied.serviceArn, applied.mine.since), applied.mine)
          : undefined;
      return { service, code, deployment, status: deployment?.status ?? 'PENDING' };
    },
    settled: (r) =>
      r.code === 'INACTIVE' || r.code === 'DRAINING' || r.status === 'SUCCESSFUL' || DEPLOYMENT_FAILED.has(r.status),
    status: (r) => `service ${r.code} · deployment ${r.status}`,
    label: `${applied.action === 'create' ? 'Creating' : 'Updating'} ${name}`,
    ui: ctx.ui,
    timing: ctx.timing,
    signal: ctx.signal,
    timedOut: (r) =>
      new DeployError(
        `Stopped waiting after ${Math.round(ctx.timing.timeoutMs / 60_000)} min: ${name} is ${r.code}, its deployment ${r.status}. ` +
          `The deployment goes on at AWS; check it with:\n  ${describeCommand(applied.serviceArn, ctx.region)}`,
      ),
  });
  ctx.current = undefined;
  if (reading.code === 'INACTIVE' || reading.code === 'DRAINING') {
    const reason = reading.service?.status?.statusReason;
    throw new DeployError(
      `${name} became ${reading.code} while deploying${reason ? `: ${reason}` : ''}. See ${consoleUrl(ctx.region, name)}.`,
    );
  }
  if (reading.status !== 'SUCCESSFUL') {
    const deployment = reading.deployment!;
    const why = deployment.statusReason ? `AWS said: ${deployment.statusReason}` : 'AWS gave no reason.';
    const rolledBack = reading.status === 'ROLLBACK_SUCCESSFUL';
    if (rolledBack) ctx.ledger.note(`The service ${name} keeps running its previous version (ECS rolled back).`);
    throw new DeployError(
      `The deployment of ${name} failed (${reading.status}). ${why}\n` +
        `${rolledBack ? 'ECS rolled back: the previous version keeps serving. ' : ''}The app's output is in the service's log group; ` +
        `console: ${consoleUrl(ctx.region, name)}`,
    );
  }
  return { ...applied, service: reading.service, settled: true };
}
