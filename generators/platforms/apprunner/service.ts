// The service itself, idempotently: none → CreateService; one whose settings differ → UpdateService;
// one that matches → StartDeployment. Never a second service, never a delete unless asked (a
// CREATE_FAILED service with --replace-failed). App Runner refuses changes while an operation runs:
// on a terminal deploy offers to wait for it, elsewhere it says what is running and stops.
import type { OperationSummary, Service, ServiceSummary } from '@aws-sdk/client-apprunner';

import type { Accepted, AppRunner } from '../../aws/apprunner.js';
import { AwsCallError } from '../../aws/errors.js';
import { withIamRetry } from '../../aws/iam-retry.js';
import type { Context } from '../shared/context.js';
import { DeployError } from '../shared/errors.js';
import { changesBetween } from './diff.js';
import { type Arns, createServiceInput, type Source, updateServiceInput } from './requests.js';
import { logGroups, serviceConsoleUrl } from './resources.js';
import { describeCommand, waitForService } from './wait.js';

export interface Applied {
  action: 'create' | 'update' | 'start';
  service: Service;
  operationId: string;
  /** false with --no-wait: AWS accepted, the operation is still running. */
  settled: boolean;
  /** The image this run asked for (the accepted service may still describe the one before). */
  image?: string;
}

// IAM changes take seconds to reach App Runner: a role created a moment ago can fail CreateService.
const ROLE_NOT_READY = /Error in assuming (access|instance) role/i;
const ROLE_ATTEMPTS = 12;

/** Before anything is built or created: a service that cannot be deployed to now is dealt with first. */
export async function preflight(
  ctx: Context,
  ar: AppRunner,
  summary: ServiceSummary | undefined,
): Promise<ServiceSummary | undefined> {
  if (!summary) return undefined;
  const arn = summary.ServiceArn!;
  switch (summary.Status) {
    case 'OPERATION_IN_PROGRESS':
      await waitForRunningOperation(ctx, ar, arn);
      return preflight(ctx, ar, await ar.findService(ctx.config.service.name));
    case 'CREATE_FAILED':
      return replaceFailed(ctx, ar, summary);
    case 'PAUSED':
      throw new DeployError(
        `The service ${summary.ServiceName} is paused. Resume it first, then deploy again:\n` +
          `  aws apprunner resume-service --service-arn ${arn} --region ${ctx.region}`,
      );
    case 'DELETE_FAILED':
      throw new DeployError(
        `The service ${summary.ServiceName} is DELETE_FAILED: App Runner could not delete it. ` +
          `Delete it again from the console (${serviceConsoleUrl(ctx.region, arn)}) or ask AWS Support, then deploy again.`,
      );
    default:
      return summary;
  }
}

/** Describes the operation App Runner is running; on a terminal offers to wait for it, else stops. */
async function waitForRunningOperation(ctx: Context, ar: AppRunner, arn: string, awsMessage?: string): Promise<void> {
  const running = (await ar.listOperations(arn)).find((o) => o.Status === 'IN_PROGRESS' || o.Status === 'PENDING');
  const name = ctx.config.service.name;
  if (!running) {
    throw new DeployError(
      `App Runner refused to change ${name} (InvalidStateException${awsMessage ? `: ${awsMessage}` : ''}), ` +
        `though no operation is listed as running. Check it with:\n  ${describeCommand(arn, ctx.region)}\nthen deploy again.`,
    );
  }
  const what = `${running.Type} (started ${running.StartedAt?.toISOString() ?? 'recently'})`;
  if (ctx.ui.interactive) ctx.ui.info(`${name} is busy with ${what}; App Runner accepts no change until it ends.`);
  const wait = ctx.ui.interactive && (await ctx.ui.confirm('Wait for it, then deploy?', true));
  if (!wait) {
    throw new DeployError(
      `${name} is busy with ${what}, and App Runner accepts no change until it ends. ` +
        `Check it with:\n  ${describeCommand(arn, ctx.region)}\nthen deploy again (on a terminal, deploy offers to wait).`,
    );
  }
  ctx.current = { serviceArn: arn, operationId: running.Id };
  await waitForService(
    ar,
    ctx.ui,
    {
      serviceArn: arn,
      serviceName: name,
      region: ctx.region,
      operationId: running.Id,
      label: `Waiting for ${running.Type} on ${name}`,
    },
    ctx.timing,
    ctx.signal,
  );
  ctx.current = undefined;
}

async function replaceFailed(ctx: Context, ar: AppRunner, summary: ServiceSummary): Promise<undefined> {
  const arn = summary.ServiceArn!;
  const failedOp = (await ar.listOperations(arn)).find((o) => o.Type === 'CREATE_SERVICE');
  const why = createFailedText(ctx, summary, failedOp);
  if (!ctx.options.replaceFailed && ctx.ui.canAsk) ctx.ui.info(why);
  const replace =
    ctx.options.replaceFailed ||
    (ctx.ui.canAsk &&
      (await ctx.ui.confirm(`Delete the failed service ${summary.ServiceName} and create it again?`, false)));
  if (!replace) {
    throw new DeployError(
      `${why}\nFix the cause, then run deploy again with --replace-failed to delete it and create it anew ` +
        `(or delete it yourself: aws apprunner delete-service --service-arn ${arn} --region ${ctx.region}).`,
    );
  }
  ctx.ui.info(`Deleting the failed service ${summary.ServiceName}…`);
  const operationId = await ar.deleteService(arn);
  ctx.current = { serviceArn: arn, operationId };
  const done = await waitForService(
    ar,
    ctx.ui,
    {
      serviceArn: arn,
      serviceName: summary.ServiceName!,
      region: ctx.region,
      operationId,
      label: `Deleting ${summary.ServiceName}`,
    },
    ctx.timing,
    ctx.signal,
  );
  ctx.current = undefined;
  if (done.service.Status !== 'DELETED') {
    throw new DeployError(
      `Deleting the failed service ${summary.ServiceName} ended ${done.service.Status}; it was not recreated. ` +
        `See ${serviceConsoleUrl(ctx.region, arn)}.`,
    );
  }
  ctx.ledger.note(`The failed service ${summary.ServiceName} (${arn}) was deleted.`);
  return undefined;
}

function createFailedText(
  ctx: Context,
  summary: { ServiceName?: string; ServiceArn?: string; ServiceId?: string },
  op?: OperationSummary,
): string {
  const id = summary.ServiceId ?? summary.ServiceArn!.split('/').pop()!;
  const when = op?.EndedAt ? ` at ${op.EndedAt.toISOString()}` : '';
  return (
    `The service ${summary.ServiceName} is CREATE_FAILED: App Runner could not start it (operation ${op?.Type ?? 'CREATE_SERVICE'} ` +
    `${op?.Status ?? 'FAILED'}${when}). App Runner writes the reason to the log group ${logGroups(summary.ServiceName!, id).service} ` +
    `(console: ${serviceConsoleUrl(ctx.region, summary.ServiceArn!)}). Usual causes: the app does not start, does not listen on ` +
    `its port, or fails its health check; for a source-code app, the build in apprunner.yaml fails. ` +
    'A failed service still exists and counts toward the service quota.'
  );
}

export async function applyService(
  ctx: Context,
  ar: AppRunner,
  existing: ServiceSummary | undefined,
  source: Source,
  arns: Arns,
): Promise<Applied> {
  const { config, ui } = ctx;
  const name = config.service.name;
  const desired = createServiceInput(config, source, arns);
  if (!existing) {
    ui.info(`Creating the App Runner service ${name}…`);
    const accepted = await createWithRetry(ctx, () => ar.createService(desired));
    ctx.ledger.note(`The App Runner service ${name} was created (${accepted.service.ServiceArn}).`);
    return { ...acceptedAs(ctx, 'create', accepted), image: imageOf(source) };
  }

  const arn = existing.ServiceArn!;
  const current = await ar.describeService(arn);
  if (!current)
    throw new DeployError(
      `The service ${name} was deleted while deploy was looking at it. Run deploy again to create it anew.`,
    );
  const has = current.SourceConfiguration?.ImageRepository ? 'image' : 'code';
  if (has !== source.kind) {
    throw new DeployError(
      `The service ${name} already exists and runs from ${has === 'image' ? 'a container image' : 'source code'}, ` +
        `but the deploy config says source.kind: ${source.kind}. App Runner cannot switch a service between the two: ` +
        'set the kind back, or choose a new service.name.',
    );
  }
  const changes = changesBetween(desired, current, arns.autoScaling === undefined);
  let accepted: Accepted;
  let action: Applied['action'];
  if (changes.length) {
    // Going back to the default scaling needs the default's ARN; it is looked up only then.
    const autoScaling =
      arns.autoScaling ??
      (changes.some((c) => c.startsWith('auto scaling')) ? await ar.defaultAutoScalingArn() : undefined);
    ui.info(`Updating ${name}: ${changes.join('; ')}.`);
    accepted = await whenSettled(ctx, ar, arn, () =>
      ar.updateService(updateServiceInput(arn, config, source, { ...arns, autoScaling })),
    );
    action = 'update';
  } else {
    ui.info(
      `${name} already has these settings: starting a new deployment (${source.kind === 'image' ? `pulls ${source.imageIdentifier}` : `builds the head of ${source.branch}`}).`,
    );
    const operationId = await whenSettled(ctx, ar, arn, () => ar.startDeployment(arn));
    accepted = { service: current, operationId };
    action = 'start';
  }
  return { ...acceptedAs(ctx, action, accepted), image: imageOf(source) };
}

const imageOf = (source: Source) => (source.kind === 'image' ? source.imageIdentifier : undefined);

/** CreateService, retried while the role just created has not reached App Runner (IAM spreads in seconds). */
const createWithRetry = (ctx: Context, create: () => Promise<Accepted>) =>
  withIamRetry(create, {
    notReady: (error) => error.code === 'InvalidRequestException' && ROLE_NOT_READY.test(error.awsMessage),
    attempts: ROLE_ATTEMPTS,
    pauseMs: Math.min(ctx.timing.pollMs, 5_000),
    signal: ctx.signal,
    onRetry: () => ctx.ui.info('The access role is not usable yet (IAM takes a few seconds to spread); retrying…'),
  });

/** Runs a change; on InvalidStateException waits for the running operation (if allowed) and tries once more. */
async function whenSettled<T>(ctx: Context, ar: AppRunner, arn: string, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (!(error instanceof AwsCallError) || error.code !== 'InvalidStateException') throw error;
    await waitForRunningOperation(ctx, ar, arn, error.awsMessage);
    return change();
  }
}

function acceptedAs(ctx: Context, action: Applied['action'], accepted: Accepted): Applied {
  ctx.current = { serviceArn: accepted.service.ServiceArn!, operationId: accepted.operationId };
  return { action, service: accepted.service, operationId: accepted.operationId, settled: false };
}

/** Waits for the accepted operation (unless --no-wait) and reads how it ended. */
export async function settle(ctx: Context, ar: AppRunner, applied: Applied): Promise<Applied> {
  const { action } = applied;
  const accepted = { service: applied.service, operationId: applied.operationId };
  const arn = accepted.service.ServiceArn!;
  const name = ctx.config.service.name;
  if (!ctx.options.wait) return applied;
  const label = { create: 'Creating', update: 'Updating', start: 'Deploying' }[action];
  const done = await waitForService(
    ar,
    ctx.ui,
    {
      serviceArn: arn,
      serviceName: name,
      region: ctx.region,
      operationId: accepted.operationId,
      label: `${label} ${name}`,
    },
    ctx.timing,
    ctx.signal,
  );
  ctx.current = undefined;
  const { service, operation } = done;
  if (action === 'create' && service.Status === 'CREATE_FAILED') {
    throw new DeployError(
      `${createFailedText(ctx, service, operation)}\nFix the cause, then run deploy again with --replace-failed to delete it and create it anew.`,
    );
  }
  const opStatus = operation?.Status ?? 'SUCCEEDED';
  if (opStatus.startsWith('ROLLBACK') || opStatus === 'FAILED') {
    const groups = logGroups(name, service.ServiceId!);
    const rolledBack = opStatus === 'ROLLBACK_SUCCEEDED';
    const kept = rolledBack
      ? `App Runner rolled back: the previous version still serves https://${service.ServiceUrl}.`
      : `The operation ended ${opStatus} and the service is ${service.Status}.`;
    if (rolledBack) ctx.ledger.note(`The service ${name} keeps running its previous version.`);
    throw new DeployError(
      `The deployment of ${name} failed. ${kept}\nWhy it failed is in the log groups ${groups.service} (deployment ` +
        `events) and ${groups.application} (the app's output); console: ${serviceConsoleUrl(ctx.region, arn)}`,
    );
  }
  if (service.Status !== 'RUNNING') {
    throw new DeployError(
      `${name} ended ${service.Status} after ${operation?.Type ?? 'the operation'}. See ${serviceConsoleUrl(ctx.region, arn)}.`,
    );
  }
  return { action, service, operationId: accepted.operationId, settled: true };
}
