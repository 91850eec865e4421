// deploy(appDir, options): the whole run, resolve first and act last. Local checks (config, flags, the
// platform's plan: git, the container engine) come before any AWS call; then STS, then the platform's
// own steps (platforms/platform.ts). Every ending is an exit code and a plain statement of what is left.
// Nothing here knows which platform it runs: platforms/load.ts maps the id to its folder.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { Clients } from '../aws/clients.js';
import { AwsCallError, explainAwsError, kindOf } from '../aws/errors.js';
import { WaitCancelled } from '../aws/poll.js';
import { bugReport, finishAfterCancel } from '../cli/ending.js';
import { DEPLOY_CONFIG_FILE } from '../core/deploy-config.js';
import { withTarget } from '../core/deploy-config-file.js';
import type { TargetId } from '../core/options.js';
import { validateRegion } from '../core/validate.js';
import { DEFAULT_PLATFORM, isPlatformId, loadPlatform } from '../platforms/load.js';
import { ensureAppId } from '../platforms/ownership/app-id-file.js';
import { type Platform, TargetUnavailable } from '../platforms/platform.js';
import { CHOICES_FILE, loadProject, targetIn } from '../platforms/shared/config.js';
import type { Context } from '../platforms/shared/context.js';
import { Declined, DeployError, Ledger, MissingPrerequisite, usageError } from '../platforms/shared/errors.js';
import { type DeployOptions, processIo, timingFrom } from '../platforms/shared/settings.js';
import { createUi, type Ui } from '../platforms/shared/ui.js';
import { recordWorkshop, withDefaultOwner } from './workshop.js';

export type { DeployOptions } from '../platforms/shared/settings.js';

/** Exit codes: 0 deployed (or accepted with --no-wait, or a dry run), 1 failure, 2 bad usage or config, 130 cancelled. */
export async function deploy(appDir: string, options: DeployOptions = {}): Promise<number> {
  const io = options.io ?? processIo();
  const ui = createUi(io, { yes: options.yes });
  const ledger = new Ledger();
  const controller = new AbortController();
  // Ctrl-C stops deploy's waiting, not the operation at AWS; a second Ctrl-C ends the process at once.
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let clients: Clients | undefined;
  let ctx: Context | undefined;
  let platform: Platform | undefined;
  try {
    const dir = resolve(appDir);
    const written = targetIn(dir);
    const id = options.target ?? (written && isPlatformId(written) ? written : DEFAULT_PLATFORM);
    platform = await loadPlatform(id);
    if (options.workshop) await recordWorkshopFlags(dir, platform, options, ui);
    const project = loadProject(dir, 'deploy', platform.checkProject);
    for (const warning of project.warnings) ui.warn(warning);
    const region = options.region ?? project.config.service.region;
    const badRegion = validateRegion(region);
    if (badRegion) throw usageError(badRegion);
    // The file decides, but a person whose shell says another region should hear which one wins.
    const ambient = options.ambientRegion;
    if (!options.region && ambient && ambient.region !== region) {
      ui.warn(
        `${ambient.from} says ${ambient.region}, but ${DEPLOY_CONFIG_FILE} says ${region}: deploying to ${region}. ` +
          `To deploy to ${ambient.region} instead, pass --region ${ambient.region} (or change service.region).`,
      );
    }
    ctx = {
      project,
      config: project.config,
      region,
      io,
      ui,
      ledger,
      signal: controller.signal,
      options: { ...options, wait: options.wait ?? true },
      timing: timingFrom(io.env),
    };
    let plan;
    try {
      plan = await platform.plan(ctx);
    } catch (error) {
      // Fixing the engine only to learn then that the credentials are missing too is two trips: say both.
      if (error instanceof MissingPrerequisite && !options.dryRun)
        throw await withCredentialsProblem(error, region, options.profile);
      throw error;
    }
    if (options.dryRun) {
      platform.printDryRun(ctx, plan);
      return 0;
    }

    clients = await platform.connect({ region, profile: options.profile, signal: controller.signal });
    const identity = await clients.sts.callerIdentity();
    ui.info(
      `Deploying ${project.config.service.name} to ${platform.label} in ${region}, account ${identity.account} (${identity.arn}).`,
    );
    // An older config gets its app id now, before anything is created: everything deploy makes carries it.
    ctx.migrating = ensureAppId(project.dir, project.config, (line) => ui.info(line)).migrating;
    ctx.config = await withDefaultOwner(dir, ctx.config, {
      region,
      profile: options.profile,
      signal: controller.signal,
      ui,
      callerArn: identity.arn,
    });
    const accepted = await platform.apply(ctx, clients, plan, identity.account);
    // Who deployed what, for `releases`: a tag on the service; a refused tag is said, the deploy goes on.
    await platform
      .recordRelease(ctx, clients, accepted, identity.arn)
      .catch((error: Error) =>
        ui.warn(
          `The release was not recorded on the service (releases will not say who deployed it): ${error.message}`,
        ),
      );
    if (options.target && options.target !== (project.config.target ?? DEFAULT_PLATFORM))
      recordTarget(project.dir, options.target, ui);
    const applied = await platform.wait(ctx, clients, accepted);
    await platform.report(ctx, clients, applied);
    return 0;
  } catch (error) {
    if (error instanceof TargetUnavailable && ctx && ui.canAsk) {
      ui.error(`\n${error.message}`);
      const other = await loadPlatform(error.alternative);
      if (await ui.confirm(`Deploy it to ${other.label} now?`, true).catch(() => false)) {
        process.removeListener('SIGINT', onSigint);
        clients?.close();
        clients = undefined;
        return deploy(appDir, { ...options, target: error.alternative });
      }
      return 1;
    }
    return fail(error, ui, ledger, ctx, platform);
  } finally {
    process.removeListener('SIGINT', onSigint);
    ui.endProgress();
    clients?.close();
  }
}

/** --owner, --expires-in, --name-suffix: into the deploy config before it is read (commands/workshop.ts). */
async function recordWorkshopFlags(dir: string, platform: Platform, options: DeployOptions, ui: Ui): Promise<void> {
  const { config } = loadProject(dir, 'deploy', platform.checkProject);
  await recordWorkshop(dir, config, options.workshop!, {
    dryRun: options.dryRun === true,
    ui,
    callerArn: async () => {
      const { createSts } = await import('../aws/sts.js');
      const sts = await createSts({ region: options.region ?? config.service.region, profile: options.profile });
      try {
        return (await sts.callerIdentity()).arn;
      } finally {
        sts.close();
      }
    },
  });
}

/** deploy --target <id> that went through is remembered: in the deploy config, and in .yo-rc.json when there is one. */
function recordTarget(dir: string, target: TargetId, ui: Ui): void {
  const file = join(dir, DEPLOY_CONFIG_FILE);
  writeFileSync(file, withTarget(readFileSync(file, 'utf8'), target));
  const choices = join(dir, CHOICES_FILE);
  if (existsSync(choices)) {
    try {
      const data = JSON.parse(readFileSync(choices, 'utf8'));
      if (data?.['create-apprunner-app'] && typeof data['create-apprunner-app'] === 'object') {
        data['create-apprunner-app'].target = target;
        writeFileSync(choices, `${JSON.stringify(data, null, 2)}\n`);
      }
    } catch {
      // loadProject already read it; a file changed since is left alone.
    }
  }
  ui.info(`Recorded target: ${target} in ${DEPLOY_CONFIG_FILE}: later deploys go there without --target.`);
}

/** The local problem, plus the credentials problem when there is one too (STS only: nothing is created). */
async function withCredentialsProblem(
  error: MissingPrerequisite,
  region: string,
  profile?: string,
): Promise<DeployError> {
  const { createSts } = await import('../aws/sts.js');
  const sts = await createSts({ region, profile });
  try {
    await sts.callerIdentity();
    return error;
  } catch (problem) {
    if (!(problem instanceof AwsCallError)) return error;
    return new DeployError(
      `${error.message}\n\nAnd the AWS credentials: ${explainAwsError(problem, { region, profile: profile ?? profileFromEnv() })}`,
    );
  } finally {
    sts.close();
  }
}

/** AWS_PROFILE names a profile as --profile does, and a missing one deserves the same message. */
const profileFromEnv = () => process.env.AWS_PROFILE || undefined;

function fail(
  error: unknown,
  ui: Ui,
  ledger: Ledger,
  ctx: Context | undefined,
  platform: Platform | undefined,
): number {
  ui.endProgress();
  const e = error as Error;
  // Inquirer's own errors for Ctrl-C at a prompt are known by name only.
  const cancelled =
    e?.name === 'ExitPromptError' ||
    e?.name === 'AbortPromptError' ||
    error instanceof WaitCancelled ||
    (error instanceof AwsCallError && kindOf(error) === 'cancelled') ||
    ctx?.signal.aborted === true;
  if (cancelled) {
    const current = ctx?.current;
    ui.error(
      current && platform
        ? `\nStopped waiting. The operation goes on at AWS${current.operationId ? ` (operation ${current.operationId})` : ''}; check it with:\n` +
            `  ${platform.describe(current.serviceArn, ctx!.region)}`
        : '\nCancelled.',
    );
    ui.error(finishAfterCancel(ledger.summary()));
    return 130;
  }
  if (error instanceof Declined) {
    // One line, once: the ledger speaks only when this run did create something before the no.
    ui.error(error.message);
    if (!ledger.empty) ui.error(ledger.summary());
    return 1;
  }
  if (error instanceof DeployError) {
    ui.error(error.exitCode === 2 ? error.message : `\n${error.message}`);
    if (error.exitCode !== 2) ui.error(ledger.summary());
    return error.exitCode;
  }
  if (error instanceof AwsCallError) {
    ui.error(
      `\n${explainAwsError(error, { region: ctx?.region ?? '', profile: ctx?.options.profile ?? profileFromEnv() })}`,
    );
    ui.error(ledger.summary());
    return 1;
  }
  ui.error(`\n${bugReport(error, 'Deploy')}`);
  ui.error(ledger.summary());
  return 1;
}
