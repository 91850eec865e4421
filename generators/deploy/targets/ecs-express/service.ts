// The ECS Express service, idempotently: none → CreateExpressGatewayService; one that exists →
// UpdateExpressGatewayService with the new image (a new tag every deploy, so there is always a change to
// roll out). Never a second service, never a delete. Then waiting: the service ACTIVE and the deployment
// this run started SUCCESSFUL; ECS rolls a failed deployment back by itself, and that is a failure here.
import type { ECSExpressGatewayService } from '@aws-sdk/client-ecs';
import { dollars } from '../../../core/sizes.js';
import type { Aws } from '../../shared/aws.js';
import type { Context } from '../../shared/context.js';
import { AwsCallError, DeployError } from '../../shared/errors.js';
import { buildAndPush } from '../../shared/image.js';
import { ensureRole } from '../../shared/roles.js';
import { secretsPolicyDocument } from '../../shared/secrets.js';
import { sleep } from '../../shared/sleep.js';
import type { Ecs } from './ecs.js';
import type { EcsPlan } from './plan.js';
import {
  CLUSTER, EXECUTION_POLICY_ARN, INFRASTRUCTURE_POLICY_ARN, SECRETS_POLICY_NAME, consoleUrl, createInput, describeCommand,
  executionRoleInput, fargateSize, infrastructureRoleInput, serviceArnOf, updateInput, type Resolved,
} from './requests.js';

export interface EcsApplied {
  action: 'create' | 'update';
  serviceArn: string;
  /** Deployments created from this moment on are this run's. */
  since: Date;
  service?: ECSExpressGatewayService;
  /** false with --no-wait: AWS accepted, the deployment is still running. */
  settled: boolean;
}

// IAM changes take seconds to reach ECS: right after a role is created, Create can fail with these
// (as the Terraform provider has seen); retried for about two minutes, never forever.
const ROLE_NOT_READY = /cannot assume role|not authorized to perform:? sts:AssumeRole|unable to assume|not able to validate the provided access credentials/i;
const ROLE_ATTEMPTS = 24;
const DEPLOYMENT_FAILED = new Set(['STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']);

export async function applyEcs(ctx: Context, aws: Aws, ecs: Ecs, plan: EcsPlan, account: string): Promise<EcsApplied> {
  const { config, ui, ledger } = ctx;
  const name = config.service.name;
  const serviceArn = serviceArnOf(ctx.region, account, name);
  const existing = await ecs.findExpress(serviceArn);
  if (existing?.status?.statusCode === 'DRAINING') {
    throw new DeployError(`The ECS Express service ${name} is being deleted (DRAINING). Wait until it is gone, then deploy again:\n`
      + `  ${describeCommand(serviceArn, ctx.region)}`);
  }
  if (!existing) await confirmCreate(ctx);

  const image = 'given' in plan.image ? plan.image.given.uri : await buildAndPush(ctx, aws, plan.image.build, account);
  const executionRoleArn = await ensureRole(ctx, aws, executionRoleInput(name), [EXECUTION_POLICY_ARN],
    'ECS pulls the image, writes the logs and reads the secrets with it');
  const policy = secretsPolicyDocument(config.secrets, account, ctx.region);
  if (policy) await aws.putRolePolicy({ RoleName: executionRoleInput(name).RoleName, PolicyName: SECRETS_POLICY_NAME, PolicyDocument: policy });
  const infrastructureRoleArn = await ensureRole(ctx, aws, infrastructureRoleInput(), [INFRASTRUCTURE_POLICY_ARN],
    'ECS creates the load balancer, certificate and scaling with it');
  const resolved: Resolved = { image, port: plan.port, environment: plan.environment, executionRoleArn, infrastructureRoleArn };

  const since = new Date(Date.now() - 5_000);
  if (!existing) {
    ui.info(`Creating the ECS Express service ${name} (${sizeText(ctx)}, ${config.autoScaling.minSize}-${config.autoScaling.maxSize} tasks)…`);
    const service = await withRoleRetry(ctx, () => ecs.createExpress(createInput(config, resolved)));
    const arn = service.serviceArn ?? serviceArn;
    ledger.note(`The ECS Express service ${name} was created (${arn}), with its load balancer, certificate and scaling.`);
    ctx.current = { serviceArn: arn };
    return { action: 'create', serviceArn: arn, since, service, settled: false };
  }
  ui.info(`Updating ${name}: image ${image}.`);
  try {
    await withRoleRetry(ctx, () => ecs.updateExpress(updateInput(existing.serviceArn ?? serviceArn, config, resolved)));
  } catch (error) {
    if (error instanceof AwsCallError && error.code === 'ServiceNotActiveException') {
      throw new DeployError(`ECS refused to update ${name}: the service is not ACTIVE (${error.awsMessage}). Check it with:\n`
        + `  ${describeCommand(serviceArn, ctx.region)}\nthen deploy again.`);
    }
    throw error;
  }
  ctx.current = { serviceArn };
  return { action: 'update', serviceArn, since, settled: false };
}

const sizeText = (ctx: Context) => {
  const { cpu, memory } = fargateSize(ctx.config);
  return `Fargate ${cpu} CPU units / ${memory} MiB`;
};

async function confirmCreate(ctx: Context): Promise<void> {
  const { ui } = ctx;
  const { name } = ctx.config.service;
  if (!ui.canAsk) return ui.info(`${name} does not exist on ECS Express Mode in ${ctx.region} yet: creating it.`);
  const { ecsMonthly } = await import('../../../core/cost-ecs.js');
  const cost = ecsMonthly(ctx.config);
  ui.info(`${name} does not exist on ECS Express Mode in ${ctx.region} yet. It costs about ${dollars(cost.total)} a month `
    + `(${ctx.config.autoScaling.minSize} task(s) always on, plus a share of the load balancer).`);
  const ok = await ui.confirm(`Create the ECS Express service ${name}?`, true);
  if (!ok) throw new DeployError('Cancelled: nothing was created.', 130);
}

async function withRoleRetry<T>(ctx: Context, send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const notReady = error instanceof AwsCallError && ROLE_NOT_READY.test(error.awsMessage)
        && ['AccessDeniedException', 'ClientException', 'InvalidParameterException'].includes(error.code);
      if (!notReady || attempt >= ROLE_ATTEMPTS) throw error;
      if (attempt === 1) ctx.ui.info('The new roles are not usable yet (IAM takes a few seconds to spread); retrying…');
      await sleep(Math.min(ctx.timing.pollMs, 5_000), ctx.signal);
    }
  }
}

/** Until the service is ACTIVE and this run's deployment SUCCESSFUL (or failed, or the timeout). */
export async function waitEcs(ctx: Context, ecs: Ecs, applied: EcsApplied): Promise<EcsApplied> {
  if (!ctx.options.wait) return applied;
  const name = ctx.config.service.name;
  const label = `${applied.action === 'create' ? 'Creating' : 'Updating'} ${name}`;
  const started = Date.now();
  for (;;) {
    const service = await ecs.describeExpress(applied.serviceArn);
    const code = service.status?.statusCode ?? 'UNKNOWN';
    if (code === 'INACTIVE' || code === 'DRAINING') {
      throw new DeployError(`${name} became ${code} while deploying${service.status?.statusReason ? `: ${service.status.statusReason}` : ''}. `
        + `See ${consoleUrl(ctx.region, name)}.`);
    }
    const deployment = code === 'ACTIVE' ? (await ecs.deploymentsSince(CLUSTER, applied.serviceArn, applied.since))[0] : undefined;
    const status = deployment?.status ?? 'PENDING';
    ctx.ui.progress(label, `service ${code} · deployment ${status}`);
    if (deployment && status === 'SUCCESSFUL') {
      ctx.ui.endProgress();
      ctx.current = undefined;
      return { ...applied, service, settled: true };
    }
    if (deployment && DEPLOYMENT_FAILED.has(status)) {
      ctx.ui.endProgress();
      ctx.current = undefined;
      const reason = deployment.statusReason ? `AWS said: ${deployment.statusReason}` : 'AWS gave no reason.';
      const rolledBack = status === 'ROLLBACK_SUCCESSFUL';
      if (rolledBack) ctx.ledger.note(`The service ${name} keeps running its previous version (ECS rolled back).`);
      throw new DeployError(`The deployment of ${name} failed (${status}). ${reason}\n`
        + `${rolledBack ? 'ECS rolled back: the previous version keeps serving. ' : ''}The app's output is in the service's log group; `
        + `console: ${consoleUrl(ctx.region, name)}`);
    }
    if (Date.now() - started > ctx.timing.timeoutMs) {
      ctx.ui.endProgress();
      throw new DeployError(`Stopped waiting after ${Math.round(ctx.timing.timeoutMs / 60_000)} min: ${name} is ${code}, its deployment ${status}. `
        + `The deployment goes on at AWS; check it with:\n  ${describeCommand(applied.serviceArn, ctx.region)}`);
    }
    await sleep(ctx.timing.pollMs, ctx.signal);
  }
}
