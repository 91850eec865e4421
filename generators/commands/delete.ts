// `create-apprunner-app delete`: remove the service and everything deploy created for this app, and
// nothing else. It lists what it will remove and asks (a terminal) or needs --yes (no terminal: exit 2,
// nothing removed). Each removal is reported; one that fails does not stop the independent ones, and a
// second run removes what is left and says what was already gone.
import { CliError, UsageError } from '../core/errors.js';
import { operate, type Flags, type Run } from './run.js';

export const runDelete = (flags: Flags) => operate('delete', flags, remove);

const list = (items: string[]) => items.map((i) => `  - ${i}`).join('\n');

async function remove(run: Run): Promise<number> {
  const { platform, ui, config, region, live } = run;
  const name = config.service.name;
  const plan = await platform.planRemoval(live, { keepImage: run.flags['keep-image'] === true, ui });
  if (!plan.removals.length) {
    ui.info(`Nothing of ${name} is left to remove in ${region}.`);
    if (plan.absent.length) ui.info(`Already gone (or never created):\n${list(plan.absent)}`);
    if (plan.kept.length) ui.info(`Kept:\n${list(plan.kept)}`);
    return 0;
  }
  ui.info(`delete removes, in ${region}:\n${list(plan.removals.map((r) => r.label))}`);
  if (plan.kept.length) ui.info(`It keeps:\n${list(plan.kept)}`);
  if (plan.absent.length) ui.info(`Already gone (or never created):\n${list(plan.absent)}`);
  if (run.flags.yes !== true) {
    if (!ui.interactive) {
      throw new UsageError(`Nothing was removed: there is no terminal to confirm on. Run it again with --yes to remove the above:\n  ${run.tool('delete --yes')}`);
    }
    if (!(await ui.confirm(`Remove the above from AWS (${plan.removals.length} of ${name}'s resources)? This cannot be undone.`, false))) {
      ui.info('Nothing was removed.');
      return 0;
    }
  }

  const failures: string[] = [];
  const gone: string[] = [];
  for (const step of plan.removals) {
    try {
      const outcome = await step.remove();
      if (outcome === 'gone') gone.push(step.label);
      ui.info(outcome === 'removed' ? `Removed ${step.label}.` : `Already gone: ${step.label}.`);
    } catch (error) {
      if (run.signal.aborted) throw error;
      const e = error as Error & { awsMessage?: string; code?: string };
      failures.push(`${step.label}: ${e.code && e.awsMessage ? `${e.code}: ${e.awsMessage}` : e.message}`);
      ui.error(`Could not remove ${step.label}.`);
      // What depends on the service cannot go while it is there: stop rather than pile up refusals.
      if (step.blocking) break;
    }
  }
  if (failures.length) {
    throw new CliError(`delete did not finish:\n${list(failures)}\nFix the cause, then run it again: it removes what is left.\n  ${run.tool('delete')}`, 1);
  }
  ui.info(`Done: ${name} is deleted${gone.length ? ` (${gone.length} of them were already gone)` : ''}. Nothing that deploy created for it is billing any more.`);
  return 0;
}
