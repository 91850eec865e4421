// deploy(appDir, options): the whole run, resolve first and act last. Local checks (config, git, the
// container engine) come before any AWS call; then STS, then App Runner's ListServices, which also tells
// whether this account may use App Runner at all, before anything is created; then the source (image or
// connection), then the service. Every ending is an exit code and a plain statement of what is left.
import { resolve } from 'node:path';
import { validateRegion } from '../core/validate.js';
import { monthlyCost, dollars } from '../core/sizes.js';
import type { Aws } from './shared/aws.js';
import { unavailableError } from './targets/apprunner/availability.js';
import { connectCode, planCode } from './targets/apprunner/code.js';
import { ensureDomain } from './targets/apprunner/domain.js';
import { resolveExtras } from './targets/apprunner/extras.js';
import { loadProject } from './shared/config.js';
import type { Context } from './shared/context.js';
import { printDryRun } from './targets/apprunner/dry-run.js';
import { AwsCallError, DeployError, Ledger, explainAwsError, kindOf, usageError } from './shared/errors.js';
import { planImage, prepareImage } from './shared/image.js';
import { report } from './targets/apprunner/report.js';
import { applyService, preflight } from './targets/apprunner/service.js';
import { processIo, timingFrom, type DeployOptions } from './shared/settings.js';
import { createUi, type Ui } from './shared/ui.js';
import { WaitCancelled } from './shared/sleep.js';
import { describeCommand } from './targets/apprunner/wait.js';

export type { DeployOptions } from './shared/settings.js';

/** Exit codes: 0 deployed (or accepted with --no-wait, or a dry run), 1 failure, 2 bad usage or config, 130 cancelled. */
export async function deploy(appDir: string, options: DeployOptions = {}): Promise<number> {
  const io = options.io ?? processIo();
  const ui = createUi(io, { yes: options.yes });
  const ledger = new Ledger();
  const controller = new AbortController();
  // Ctrl-C stops deploy's waiting, not the operation at AWS; a second Ctrl-C ends the process at once.
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let aws: Aws | undefined;
  let ctx: Context | undefined;
  try {
    const project = loadProject(resolve(appDir));
    for (const warning of project.warnings) ui.warn(warning);
    checkFlagsFit(project.config.source.kind, options);
    const region = options.region ?? project.config.service.region;
    const badRegion = validateRegion(region);
    if (badRegion) throw usageError(badRegion);
    ctx = {
      project, config: project.config, region, io, ui, ledger, signal: controller.signal,
      options: { ...options, wait: options.wait ?? true }, timing: timingFrom(io.env),
    };
    const plan = project.config.source.kind === 'image' ? await planImage(ctx) : await planCode(ctx);
    if (options.dryRun) {
      printDryRun(ctx, plan);
      return 0;
    }

    const { createAws } = await import('./shared/aws-sdk.js');
    aws = await createAws({ region, profile: options.profile, signal: controller.signal });
    const identity = await aws.callerIdentity();
    const name = project.config.service.name;
    ui.info(`Deploying ${name} to App Runner in ${region}, account ${identity.account} (${identity.arn}).`);
    let existing;
    try {
      existing = await aws.findService(name);
    } catch (error) {
      throw (error instanceof AwsCallError && unavailableError(ctx, error, identity.account)) || error;
    }
    existing = await preflight(ctx, aws, existing);
    if (!existing) await confirmCreate(ctx, ui);

    const source = plan.kind === 'image' ? await prepareImage(ctx, aws, plan, identity.account) : await connectCode(ctx, aws, plan);
    const arns = await resolveExtras(ctx, aws, identity.account);
    const applied = await applyService(ctx, aws, existing, source, arns);
    await report(ctx, applied);
    if (applied.settled) await ensureDomain(ctx, aws, applied.service);
    else if (project.config.domain) ui.info(`The domain ${project.config.domain} is associated by a deploy that waits for the service to run.`);
    return 0;
  } catch (error) {
    return fail(error, ui, ledger, ctx);
  } finally {
    process.removeListener('SIGINT', onSigint);
    ui.endProgress();
    aws?.close();
  }
}

/** A flag for the other source kind would be silently ignored: refuse it instead. */
function checkFlagsFit(kind: 'code' | 'image', options: DeployOptions): void {
  const misfits = kind === 'image'
    ? (['repositoryUrl', 'branch', 'connectionArn'] as const).filter((k) => options[k] !== undefined)
      .map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`)
    : options.image !== undefined ? ['--image'] : [];
  if (misfits.length) {
    throw usageError(`${misfits.join(', ')} ${misfits.length > 1 ? 'are' : 'is'} for ${kind === 'image' ? 'source-code' : 'image'} apps, `
      + `and this one is a${kind === 'image' ? 'n image' : ' source-code'} app (source.kind in apprunner.deploy.yaml).`);
  }
}

async function confirmCreate(ctx: Context, ui: Ui): Promise<void> {
  const { name } = ctx.config.service;
  if (!ui.canAsk) return ui.info(`${name} does not exist in ${ctx.region} yet: creating it.`);
  const cost = monthlyCost(String(ctx.config.instance.cpu), String(ctx.config.instance.memory));
  ui.info(`${name} does not exist in ${ctx.region} yet. At its size it costs about ${dollars(cost.idle)} a month idle, ${dollars(cost.busy)} busy.`);
  const ok = await ui.confirm(`Create the App Runner service ${name}?`, true);
  if (!ok) throw new DeployError('Cancelled: nothing was created.', 130);
}

function fail(error: unknown, ui: Ui, ledger: Ledger, ctx: Context | undefined): number {
  ui.endProgress();
  const e = error as Error;
  const cancelled = e?.name === 'ExitPromptError' || e?.name === 'AbortPromptError' || error instanceof WaitCancelled
    || (error instanceof AwsCallError && (kindOf(error) === 'cancelled' || ctx?.signal.aborted === true));
  if (cancelled) {
    const current = ctx?.current;
    ui.error(current
      ? `\nStopped waiting. The operation goes on at AWS${current.operationId ? ` (operation ${current.operationId})` : ''}; check it with:\n`
        + `  ${describeCommand(current.serviceArn, ctx!.region)}`
      : '\nCancelled.');
    ui.error(ledger.summary());
    return 130;
  }
  if (error instanceof DeployError) {
    ui.error(`\n${error.message}`);
    if (error.exitCode !== 2) ui.error(ledger.summary());
    return error.exitCode;
  }
  if (error instanceof AwsCallError) {
    ui.error(`\n${explainAwsError(error, { region: ctx?.region ?? '', profile: ctx?.options.profile })}`);
    ui.error(ledger.summary());
    return 1;
  }
  ui.error(`\nDeploy failed unexpectedly: ${e?.stack ?? String(error)}`);
  ui.error(ledger.summary());
  return 1;
}
