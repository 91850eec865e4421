// `create-apprunner-app delete`: remove the service and everything deploy created for this app, and
// nothing else. It lists what it will remove and asks (a terminal) or needs --yes (no terminal: exit 2,
// nothing removed). Each removal is reported; one that fails does not stop the independent ones, and a
// second run removes what is left and says what was already gone.
import { CliError, UsageError } from '../core/errors.js';
import { loadPlatform } from '../platforms/load.js';
import { keyOf } from '../platforms/ownership/refs.js';
import type { Live, RemovalPlan } from '../platforms/platform.js';
import type { Ui } from '../platforms/shared/ui.js';
import { deploymentName, type Found, lookElsewhere, unreachableLine } from './elsewhere.js';
import { type Flags, operate, type Run } from './run.js';

export const runDelete = (flags: Flags) => operate('delete', flags, remove);

const list = (items: string[]) => items.map((i) => `  - ${i}`).join('\n');

async function remove(run: Run): Promise<number> {
  const found = await lookElsewhere(run);
  // Each plan counts every deployment this run removes as gone (a repository both pulled from goes too).
  const removing = found.elsewhere.map(({ deployment: d }) => keyOf('service', d.region, d.name, d.platform));
  const others = await otherPlans(run, found, removing);
  try {
    return await removeAll({ ...run, live: { ...run.live, removing } }, others);
  } finally {
    for (const o of others.opened) o.close();
  }
}

interface Others {
  plans: RemovalPlan[];
  names: string[];
  opened: { close(): void }[];
}

/** The plans for the app's other deployments (an old name, another region, the other platform). */
async function otherPlans(run: Run, found: Found, removing: string[]): Promise<Others> {
  const here = keyOf('service', run.region, run.config.service.name, run.platform.id);
  const out: Others = { plans: [], names: [], opened: [] };
  const line = unreachableLine(found);
  if (line) run.ui.info(`Note: ${line}`);
  for (const { deployment: d } of found.elsewhere) {
    const platform = await loadPlatform(d.platform);
    const clients = await platform.connect({ region: d.region, profile: run.live.profile, signal: run.signal });
    out.opened.push(clients);
    const config = { ...run.config, service: { ...run.config.service, name: d.name, region: d.region } };
    const live: Live = { ...run.live, clients, config, region: d.region, removing: [here, ...removing] };
    out.plans.push(await platform.planRemoval(live, { keepImage: run.flags['keep-image'] === true, ui: run.ui }));
    out.names.push(await deploymentName(d));
  }
  return out;
}

/**
 * Runs the plan's removals in order, each reported; a failure does not stop the independent ones (a
 * blocking one stops the rest). 'gone' (removed meanwhile, by a rerun or a second run at once) is not a failure.
 */
export async function carryOut(
  plan: RemovalPlan,
  ui: Ui,
  signal: AbortSignal,
): Promise<{ failures: string[]; gone: string[] }> {
  const failures: string[] = [];
  const gone: string[] = [];
  for (const step of plan.removals) {
    try {
      const outcome = await step.remove();
      if (outcome === 'gone') gone.push(step.label);
      ui.info(outcome === 'removed' ? `Removed ${step.label}.` : `Already gone: ${step.label}.`);
    } catch (error) {
      if (signal.aborted) throw error;
      const e = error as Error & { awsMessage?: string; code?: string };
      failures.push(`${step.label}: ${e.code && e.awsMessage ? `${e.code}: ${e.awsMessage}` : e.message}`);
      ui.error(`Could not remove ${step.label}.`);
      // What depends on the service cannot go while it is there: stop rather than pile up refusals.
      if (step.blocking) break;
    }
  }
  return { failures, gone };
}

/** One plan of all: each removal once (two deployments of one app may share a repository), in order. */
export function merge(plans: RemovalPlan[]): RemovalPlan {
  const once = <T>(items: T[], key: (t: T) => string) => [...new Map(items.map((i) => [key(i), i])).values()];
  return {
    removals: once(
      plans.flatMap((p) => p.removals),
      (r) => r.label,
    ),
    kept: once(
      plans.flatMap((p) => p.kept),
      (k) => k,
    ),
    absent: plans[0]!.absent,
  };
}

async function removeAll(run: Run, others: Others): Promise<number> {
  const { platform, ui, config, region, live } = run;
  const name = config.service.name;
  const plan = merge([
    await platform.planRemoval(live, { keepImage: run.flags['keep-image'] === true, ui }),
    ...others.plans,
  ]);
  if (others.names.length)
    ui.info(
      `${name} is also deployed as ${others.names.join(', ')}: delete removes ${others.names.length > 1 ? 'those' : 'that'} too.`,
    );
  if (!plan.removals.length) {
    ui.info(`Nothing of ${name} is left to remove in ${region}.`);
    if (plan.absent.length) ui.info(`Already gone (or never created):\n${list(plan.absent)}`);
    if (plan.kept.length) ui.info(`Kept:\n${list(plan.kept)}`);
    return 0;
  }
  ui.info(`delete removes${others.names.length ? '' : `, in ${region}`}:\n${list(plan.removals.map((r) => r.label))}`);
  if (plan.kept.length) ui.info(`It keeps:\n${list(plan.kept)}`);
  if (plan.absent.length) ui.info(`Already gone (or never created):\n${list(plan.absent)}`);
  if (run.flags.yes !== true) {
    if (!ui.interactive) {
      throw new UsageError(
        `Nothing was removed: there is no terminal to confirm on. Run it again with --yes to remove the above:\n  ${run.tool('delete --yes')}`,
      );
    }
    if (
      !(await ui.confirm(
        `Remove the above from AWS (${plan.removals.length} of ${name}'s resources)? This cannot be undone.`,
        false,
      ))
    ) {
      ui.info('Nothing was removed.');
      return 1;
    }
  }

  const { failures, gone } = await carryOut(plan, ui, run.signal);
  if (failures.length) {
    throw new CliError(
      `delete did not finish:\n${list(failures)}\nFix the cause, then run it again: it removes what is left.\n  ${run.tool('delete')}`,
      1,
    );
  }
  const also = others.names.length
    ? ` and its other deployment${others.names.length > 1 ? 's are' : ' is'} deleted too (${others.names.join(', ')})`
    : '';
  ui.info(
    `Done: ${name} is deleted${also}${gone.length ? ` (${gone.length} of them were already gone)` : ''}. Nothing that deploy created for it is billing any more.`,
  );
  return 0;
}
