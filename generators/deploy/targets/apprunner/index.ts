// The App Runner target: what deploy sends to AWS App Runner, in the order it runs. The first App Runner
// call (ListServices) also tells whether this account may use App Runner at all, before anything is
// created; then the source (image or connection), the extras (scaling, roles, VPC, tracing), the service.
import { dollars, monthlyCost } from '../../../core/sizes.js';
import type { Target } from '../../target.js';
import type { Aws } from '../../shared/aws.js';
import type { Context } from '../../shared/context.js';
import { AwsCallError, DeployError, usageError } from '../../shared/errors.js';
import { planImage, type ImagePlan } from '../../shared/image.js';
import { prepareImage } from './image.js';
import { unavailableError } from './availability.js';
import { connectCode, planCode, type CodePlan } from './code.js';
import { ensureDomain } from './domain.js';
import { printDryRun } from './dry-run.js';
import { resolveExtras } from './extras.js';
import { report } from './report.js';
import { applyService, preflight, settle, type Applied } from './service.js';
import { describeCommand } from './wait.js';

export function createAppRunnerTarget(): Target<ImagePlan | CodePlan, Applied> {
  return {
    id: 'apprunner',
    label: 'App Runner',
    async plan(ctx) {
      checkFlagsFit(ctx.config.source.kind, ctx.options);
      return ctx.config.source.kind === 'image' ? planImage(ctx) : planCode(ctx);
    },
    printDryRun,
    async apply(ctx, aws, plan, account) {
      let existing;
      try {
        existing = await aws.findService(ctx.config.service.name);
      } catch (error) {
        throw (error instanceof AwsCallError && unavailableError(ctx, error, account)) || error;
      }
      existing = await preflight(ctx, aws, existing);
      if (!existing) await confirmCreate(ctx);
      const source = plan.kind === 'image' ? await prepareImage(ctx, aws, plan, account) : await connectCode(ctx, aws, plan);
      const arns = await resolveExtras(ctx, aws, account);
      return applyService(ctx, aws, existing, source, arns);
    },
    wait: settle,
    async report(ctx: Context, aws: Aws, applied: Applied) {
      await report(ctx, applied);
      if (applied.settled) await ensureDomain(ctx, aws, applied.service);
      else if (ctx.config.domain) ctx.ui.info(`The domain ${ctx.config.domain} is associated by a deploy that waits for the service to run.`);
    },
    describe: describeCommand,
  };
}

/** A flag for the other source kind would be silently ignored: refuse it instead. */
function checkFlagsFit(kind: 'code' | 'image', options: Context['options']): void {
  const misfits = kind === 'image'
    ? (['repositoryUrl', 'branch', 'connectionArn'] as const).filter((k) => options[k] !== undefined)
      .map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`)
    : options.image !== undefined ? ['--image'] : [];
  if (misfits.length) {
    throw usageError(`${misfits.join(', ')} ${misfits.length > 1 ? 'are' : 'is'} for ${kind === 'image' ? 'source-code' : 'image'} apps, `
      + `and this one is a${kind === 'image' ? 'n image' : ' source-code'} app (source.kind in apprunner.deploy.yaml).`);
  }
}

async function confirmCreate(ctx: Context): Promise<void> {
  const { ui } = ctx;
  const { name } = ctx.config.service;
  if (!ui.canAsk) return ui.info(`${name} does not exist in ${ctx.region} yet: creating it.`);
  const cost = monthlyCost(String(ctx.config.instance.cpu), String(ctx.config.instance.memory));
  ui.info(`${name} does not exist in ${ctx.region} yet. At its size it costs about ${dollars(cost.idle)} a month idle, ${dollars(cost.busy)} busy.`);
  const ok = await ui.confirm(`Create the App Runner service ${name}?`, true);
  if (!ok) throw new DeployError('Cancelled: nothing was created.', 130);
}
