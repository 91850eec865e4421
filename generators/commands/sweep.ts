// `create-apprunner-app sweep`: for organisers after a workshop. Removes every service this tool created
// that matches the filters (--owner, --older-than, --tag key=value, --expired; in the region or with
// --all-regions), each with everything delete would remove for it: the platform's own removal plan
// (platform.planRemoval, the planner delete uses) and delete's removal loop (delete.ts carryOut). It lists
// everything first; it removes only with --yes or a yes on a terminal: without either it is a dry run.
// Only services whose tags prove they are ours are ever considered (ownership/account.ts). A rerun, or
// two sweeps at once, find a removed thing gone ('Already gone'), never an error. What two swept
// services share (an app moved between platforms pulls from one repository) is removed in one run.
import { readDuration } from '../core/duration.js';
import { CliError, UsageError } from '../core/errors.js';
import { shellQuote } from '../core/tool-command.js';
import { expired, EXPIRES_TAG, OWNER_TAG } from '../core/workshop.js';
import { loadPlatform } from '../platforms/load.js';
import type { OurService } from '../platforms/ownership/account.js';
import { keyOf } from '../platforms/ownership/refs.js';
import type { RemovalPlan } from '../platforms/platform.js';
import { type AccountRun, accountServices, anywhere, configOf, timingOf } from './account.js';
import { carryOut } from './delete.js';
import { unreachableLine } from './elsewhere.js';
import type { Flags } from './run.js';

export interface SweepFilter {
  owner?: string;
  olderThanMs?: number;
  tags: [key: string, value: string][];
  expired: boolean;
}

const TAG = /^([^=]{1,128})=(.{0,256})$/s;

/** The filters of the command line, each checked (a UsageError names the bad one and its format). */
export function readFilters(flags: Flags): SweepFilter {
  const out: SweepFilter = { tags: [], expired: flags.expired === true };
  if (typeof flags.owner === 'string') {
    if (!flags.owner.trim())
      throw new UsageError('--owner needs a value: the owner tag to sweep (deploy --owner set it).');
    out.owner = flags.owner;
  }
  if (typeof flags['older-than'] === 'string') {
    const d = readDuration('--older-than', flags['older-than']);
    if ('error' in d) throw new UsageError(d.error);
    out.olderThanMs = d.ms;
  }
  const raw = flags.tag as unknown;
  for (const t of Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : []) {
    const m = TAG.exec(t);
    if (!m)
      throw new UsageError(
        `--tag ${JSON.stringify(t)}: give key=value (a key of 1-128 characters; repeat --tag for more).`,
      );
    out.tags.push([m[1]!, m[2]!]);
  }
  return out;
}

/** Whether every filter given holds (no filter: every service this tool made). */
export function matches(s: OurService, f: SweepFilter, now = Date.now()): boolean {
  if (f.owner !== undefined && s.tags[OWNER_TAG] !== f.owner) return false;
  if (f.olderThanMs !== undefined && (!s.createdAt || now - s.createdAt.getTime() < f.olderThanMs)) return false;
  if (f.tags.some(([k, v]) => s.tags[k] !== v)) return false;
  if (f.expired && expired(s.tags[EXPIRES_TAG], now) === undefined) return false;
  return true;
}

export const runSweep = (flags: Flags) => anywhere('sweep', flags, sweep);

const bullets = (items: string[]) => items.map((i) => `    - ${i}`).join('\n');

interface Planned {
  service: OurService;
  plan: RemovalPlan;
  close(): void;
}

/**
 * Each service's removal plan; one that cannot be planned (a read denied, a deployment that will not end)
 * is named, not the end of the rest. Every service of the sweep counts as gone for every plan (delete's
 * `removing`), so a repository or configuration two swept services share goes in this run too.
 */
async function planAll(run: AccountRun, services: OurService[], unplanned: string[]): Promise<Planned[]> {
  const out: Planned[] = [];
  const removing = services.map((s) => keyOf('service', s.region, s.name, s.platform));
  for (const s of services) {
    const platform = await loadPlatform(s.platform);
    const clients = await platform.connect({ region: s.region, profile: run.profile, signal: run.signal });
    try {
      const live = {
        clients,
        config: configOf(s),
        region: s.region,
        timing: timingOf(run),
        signal: run.signal,
        profile: run.profile,
        removing,
      };
      out.push({
        service: s,
        plan: await platform.planRemoval(live, { keepImage: false, ui: run.ui }),
        close: () => clients.close(),
      });
    } catch (error) {
      clients.close();
      if (run.signal.aborted) throw error;
      const e = error as Error & { code?: string; awsMessage?: string };
      unplanned.push(
        `${s.name} (${s.region}): ${(e.code && e.awsMessage ? `${e.code}: ${e.awsMessage}` : e.message).split('\n')[0]}`,
      );
    }
  }
  return out;
}

async function sweep(run: AccountRun): Promise<number> {
  const filter = readFilters(run.flags);
  const found = await accountServices(run);
  const note = unreachableLine({ elsewhere: [], unreachable: found.unreachable });
  if (note) run.ui.warn(note);
  const chosen = found.services.filter((s) => matches(s, filter));
  const where = run.regions.length === 1 ? run.region : `${run.regions.length} regions`;
  if (!chosen.length) {
    run.ui.info(`No service made by create-apprunner-app in ${where} matches: nothing to sweep.`);
    return 0;
  }
  const unplanned: string[] = [];
  const planned = await planAll(run, chosen, unplanned);
  try {
    if (unplanned.length) run.ui.error(`Could not plan the removal of:\n${bullets(unplanned)}`);
    const code = planned.length ? await removeAll(run, planned, where) : 0;
    if (unplanned.length)
      throw new CliError(
        `sweep left ${unplanned.length} service${unplanned.length === 1 ? '' : 's'} as ${unplanned.length === 1 ? 'it was' : 'they were'} (above): fix the cause and run it again.`,
        1,
      );
    return code;
  } finally {
    for (const p of planned) p.close();
  }
}

async function removeAll(run: AccountRun, planned: Planned[], where: string): Promise<number> {
  const { ui } = run;
  const count = planned.reduce((n, p) => n + p.plan.removals.length, 0);
  ui.info(
    `sweep removes ${planned.length} service${planned.length === 1 ? '' : 's'} in ${where}, with what deploy created for each:`,
  );
  for (const { service: s, plan } of planned) {
    ui.info(
      `  ${s.name} (${s.platform}, ${s.region}, app ${s.appId}${s.tags[OWNER_TAG] ? `, owner ${s.tags[OWNER_TAG]}` : ''}):`,
    );
    if (plan.removals.length) ui.info(bullets(plan.removals.map((r) => r.label)));
    if (plan.kept.length) ui.info(`    keeps:\n${bullets(plan.kept)}`);
  }
  if (run.flags.yes !== true) {
    if (!ui.interactive) {
      ui.info(
        `\nDry run: nothing was removed. To remove the above (${count} resources):\n  ${run.tool(`sweep ${filterArgs(run.flags)}--yes`)}`,
      );
      return 0;
    }
    if (!(await ui.confirm(`Remove the above from AWS (${count} resources)? This cannot be undone.`, false))) {
      ui.info('Nothing was removed.');
      return 0;
    }
  }
  const failures: string[] = [];
  let gone = 0;
  for (const { plan } of planned) {
    const done = await carryOut(plan, ui, run.signal);
    failures.push(...done.failures);
    gone += done.gone.length;
  }
  if (failures.length)
    throw new CliError(
      `sweep did not finish:\n${bullets(failures)}\nFix the cause, then run it again: it removes what is left.`,
      1,
    );
  ui.info(
    `Done: ${planned.length} service${planned.length === 1 ? '' : 's'} swept${gone ? ` (${gone} of the resources were already gone)` : ''}.`,
  );
  return 0;
}

/** The filters again, for the command that removes what the dry run listed. */
function filterArgs(flags: Flags): string {
  const q = shellQuote;
  const parts: string[] = [];
  if (typeof flags.owner === 'string') parts.push(`--owner ${q(flags.owner)}`);
  if (typeof flags['older-than'] === 'string') parts.push(`--older-than ${flags['older-than']}`);
  const tags = flags.tag as unknown;
  for (const t of Array.isArray(tags) ? (tags as string[]) : []) parts.push(`--tag ${q(t)}`);
  if (flags.expired === true) parts.push('--expired');
  return parts.map((p) => `${p} `).join('');
}
